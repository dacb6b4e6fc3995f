import type { VersionProfile } from '../profile';

/**
 * What the harness and the site need to know of OpenHands 0.33 beyond its commands
 * (All-Hands-AI/OpenHands@0.33.0, files and lines as CITATIONS.md names them).
 */
export const PROFILE = {
  release: '0.33.0',
  appImage: 'openhands-0.33',
  /** docker_runtime.py CONTAINER_NAME_PREFIX. */
  sandboxPrefix: 'openhands-runtime-',
  /** The app starts its sandbox at start-up (the stand-in does; the real app for a conversation). */
  sandboxStart: 'at-start',
  appPort: 3000,
  sandboxBinding: { variable: 'SANDBOX_RUNTIME_BINDING_ADDRESS', default: '0.0.0.0' },
} as const satisfies VersionProfile;
