import type { VersionProfile } from '../profile';

/** What the harness and the site need to know of OpenHands 1.x (CITATIONS.md). */
export const PROFILE = {
  release: '1.11.0',
  appImage: 'openhands-1.x',
  /** docker_sandbox_service.py: container_name_prefix default. */
  sandboxPrefix: 'oh-agent-server-',
  /** A sandbox starts when the app is asked for one (POST /api/v1/sandboxes, sandbox_router.py). */
  sandboxStart: 'on-request',
  appPort: 3000,
} as const satisfies VersionProfile;
