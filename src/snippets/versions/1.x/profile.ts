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
  /** docker_sandbox_service.py start_sandbox: ports={8000: p1, ...}, no HostIp; nothing reads a binding address. */
  sandboxBinding: 'all-interfaces',
  /** The -python (binary) target serves the agent server on 8000; 8001, 8011, 8012 are published for services that start later. */
  sandboxServicePorts: [8000],
  /** app_server/config.py: SANDBOX_HOST_PORT, default 3000, in OH_WEBHOOKS_0_BASE_URL. */
  callbackPortVariable: 'SANDBOX_HOST_PORT',
} as const satisfies VersionProfile;
