import type { ImageWord, Word } from '../../words';

/**
 * Environment variables of the OpenHands 0.33 app image that the guide sets, and only
 * those. A misspelt or non-existent name (such as `RUNTIME_BINDING_ADDRESS`, which
 * OpenHands never reads) is a type error. Names follow All-Hands-AI/OpenHands@0.33.0
 * `openhands/core/config/utils.py` `load_from_env` (`sandbox.x` is read from `SANDBOX_X`).
 */
export interface OpenHandsEnv {
  /** sandbox.runtime_container_image: the image of each sandbox container. */
  readonly SANDBOX_RUNTIME_CONTAINER_IMAGE?: ImageWord;
  /** Read by containers/app/entrypoint.sh: 0 runs as root, otherwise as that uid. */
  readonly SANDBOX_USER_ID?: Word;
  /** Host path of the workspace; the sandbox mounts it. Empty unsets WORKSPACE_BASE. */
  readonly WORKSPACE_MOUNT_PATH?: Word;
  /** sandbox.runtime_binding_address: HostIp of the sandbox's published ports. */
  readonly SANDBOX_RUNTIME_BINDING_ADDRESS?: Word;
  /** Read by the logger, not the config loader. */
  readonly LOG_ALL_EVENTS?: 'true';
  /** Read by the Docker SDK: where the app reaches the Docker API. */
  readonly DOCKER_HOST?: Word;
}
