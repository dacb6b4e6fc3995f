import type { ImageRef } from '../../image-ref';

/**
 * The OpenHands release these pages document. Every image tag of the version derives from
 * it, so a version bump cannot leave one command behind. The upstream files this version's
 * facts (facts.ts) and stand-ins (CITATIONS.md) cite were read at All-Hands-AI/OpenHands@0.33.0.
 */
export const OPENHANDS_VERSION = '0.33' as const;

/** The images of OpenHands 0.33: the app and the sandbox runtime it starts. */
export const IMAGES = {
  'openhands-0.33': { repository: 'docker.all-hands.dev/all-hands-ai/openhands', tag: OPENHANDS_VERSION },
  'runtime-0.33': { repository: 'docker.all-hands.dev/all-hands-ai/runtime', tag: `${OPENHANDS_VERSION}-nikolaik` },
} as const satisfies Record<string, ImageRef>;
