import type { ImageRef } from '../../image-ref';

/**
 * The Agent Canvas release these pages document: 1.12.0, the newest whose Docker image source
 * can be read at its release commit (OpenHands/OpenHands 4d0fe4983b6b8e52c104c7ffa4b7be8c7ab5a364;
 * CITATIONS.md gives the chain). The image workflow tags `vX.Y.Z` as `X.Y.Z`
 * (.github/workflows/docker.yml at that commit, lines 148-156).
 */
export const AGENT_CANVAS_VERSION = '1.12.0' as const;

export const IMAGES = {
  'agent-canvas': { repository: 'ghcr.io/openhands/agent-canvas', tag: AGENT_CANVAS_VERSION },
} as const satisfies Record<string, ImageRef>;
