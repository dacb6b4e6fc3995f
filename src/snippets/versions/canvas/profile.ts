import type { VersionProfile } from '../profile';

/** What the harness and the site need to know of Agent Canvas (CITATIONS.md). */
export const PROFILE = {
  release: '1.12.0',
  appImage: 'agent-canvas',
  /** The agent runs in the app's own container (LocalWorkspace): there is no separate sandbox. */
  sandboxPrefix: undefined,
  sandboxStart: 'none',
  /** docker/entrypoint.sh: PORT, default 8000 (the ingress). */
  appPort: 8000,
  sandboxBinding: 'no-sandbox',
} as const satisfies VersionProfile;
