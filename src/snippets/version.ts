/**
 * The one OpenHands release the guide documents. Every image tag on every page
 * derives from it, so a version bump cannot leave one command behind.
 * Facts in ../shared/reference/facts.md were read at All-Hands-AI/OpenHands@0.33.0.
 */
export const OPENHANDS_VERSION = '0.33' as const;
