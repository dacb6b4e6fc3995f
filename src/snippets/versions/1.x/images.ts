import type { ImageRef } from '../../image-ref';

/**
 * The OpenHands 1.x "Local GUI" release these pages document: 1.11.0, the last before the
 * repository moved to Agent Canvas (release commit 11ca68ab2e15dcd85c21e4d7d3409e7a259369ac,
 * 2026-07-09; CITATIONS.md). Every image tag of the version derives from these constants.
 */
export const OPENHANDS_VERSION = '1.11' as const;
/** The agent-server the 1.11.0 app bundles and defaults to (pyproject.toml: openhands-agent-server==1.34.0). */
export const AGENT_SERVER_VERSION = '1.34.0' as const;

export const IMAGES = {
  // The public name upstream's docs and CLI launcher use for the app image.
  'openhands-1.x': { repository: 'docker.openhands.dev/openhands/openhands', tag: OPENHANDS_VERSION },
  // app_server/sandbox/sandbox_spec_service.py: ghcr.io/openhands/agent-server:<bundled version>-python.
  'agent-server-1.x': { repository: 'ghcr.io/openhands/agent-server', tag: `${AGENT_SERVER_VERSION}-python` },
} as const satisfies Record<string, ImageRef>;
