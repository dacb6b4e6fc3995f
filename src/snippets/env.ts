import type { ImageWord, Word } from './words';

/**
 * Environment variables of the OpenHands app image that the guide sets, and only those.
 * A misspelt or non-existent name (such as `RUNTIME_BINDING_ADDRESS`, which OpenHands
 * never reads) is a type error. Names follow OpenHands@0.33.0
 * `openhands/core/config/utils.py` `load_from_env` (`sandbox.x` is read from `SANDBOX_X`).
 */
export interface OpenHandsEnv {
  /** sandbox.runtime_container_image: the image of each sandbox runtime container. */
  readonly SANDBOX_RUNTIME_CONTAINER_IMAGE?: ImageWord;
  /** Read by containers/app/entrypoint.sh: 0 runs as root, otherwise as that uid. */
  readonly SANDBOX_USER_ID?: Word;
  /** Host path of the workspace; the sandbox mounts it. Empty unsets WORKSPACE_BASE. */
  readonly WORKSPACE_MOUNT_PATH?: Word;
  /** sandbox.runtime_binding_address: HostIp of the sandbox runtime's published ports. */
  readonly SANDBOX_RUNTIME_BINDING_ADDRESS?: Word;
  /** Read by the logger, not the config loader. */
  readonly LOG_ALL_EVENTS?: 'true';
  /** Read by the Docker SDK: where the app reaches the Docker API. */
  readonly DOCKER_HOST?: Word;
}

/**
 * Variables of Tecnativa/docker-socket-proxy v0.4.1 the guide sets: API sections to
 * allow (`1`) or deny (`0`), and POST for every non-GET/HEAD method.
 */
export interface SocketProxyEnv {
  readonly CONTAINERS?: '0' | '1';
  readonly IMAGES?: '0' | '1';
  readonly POST?: '0' | '1';
  readonly NETWORKS?: '0' | '1';
  readonly VOLUMES?: '0' | '1';
  readonly INFO?: '0' | '1';
  readonly EXEC?: '0' | '1';
}

/** Which variables each image reads. */
export interface EnvByImage {
  readonly openhands: OpenHandsEnv;
  readonly runtime: Record<never, never>;
  readonly socketProxy: SocketProxyEnv;
}
