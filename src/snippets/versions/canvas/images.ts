import type { ImageRef } from '../../images';

/**
 * The Agent Canvas release these pages document: 1.6.1, the newest whose Docker image
 * source could be read (OpenHands/agent-canvas tag v1.6.1, 43f091baf135142ed6c146f888f44a957141193f;
 * CITATIONS.md). The image workflow tags `vX.Y.Z` as `X.Y.Z` (.github/workflows/docker.yml).
 */
export const AGENT_CANVAS_VERSION = '1.6.1' as const;

export const IMAGES = {
  'agent-canvas': { repository: 'ghcr.io/openhands/agent-canvas', tag: AGENT_CANVAS_VERSION },
} as const satisfies Record<string, ImageRef>;
