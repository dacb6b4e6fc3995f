/**
 * The OpenHands generations the guide documents, as the pages' versions: Agent Canvas
 * (current), the 1.x Local GUI and 0.33. The order is newest first, as the version
 * dropdown lists them.
 */
export const VERSION_IDS = ['canvas', '1.x', '0.33'] as const;
export type VersionId = (typeof VERSION_IDS)[number];
