/**
 * The OpenHands generations the guide documents, as the pages' versions: Agent Canvas
 * (current), the 1.x Local GUI and 0.33. The order is newest first, as the version
 * dropdown lists them. Defined here, importing nothing, so the report contract
 * (verification-report.ts) can name them without importing src/; src/snippets/versions/ids.ts
 * re-exports them for the registry.
 */
export const VERSION_IDS = ['canvas', '1.x', '0.33'] as const;
export type VersionId = (typeof VERSION_IDS)[number];
