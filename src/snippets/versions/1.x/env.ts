import type { Word } from '../../words';

/**
 * Environment variables of the OpenHands 1.x app image that the guide sets, and only those
 * the 1.11.0 code reads (CITATIONS.md). SANDBOX_RUNTIME_BINDING_ADDRESS is not among them:
 * nothing in 1.x reads it, so it does not compile in a 1.x snippet.
 */
export interface OpenHandsEnv {
  /** containers/app/entrypoint.sh: 0 runs the app as root, otherwise as that uid. */
  readonly SANDBOX_USER_ID?: Word;
  /** app_server/config.py: host:container[:mode] mounts for every sandbox, comma-separated. */
  readonly SANDBOX_VOLUMES?: Word;
  /** app_server/config.py: the app's host port the sandboxes call back (default 3000). */
  readonly SANDBOX_HOST_PORT?: Word;
  /** Read by the logger. */
  readonly LOG_ALL_EVENTS?: 'true';
  /** Read by docker.from_env(): where the app reaches the Docker API. */
  readonly DOCKER_HOST?: Word;
}
