import type { ReleaseLine } from '../release-facts';

/**
 * Agent Canvas releases and what changed in the respects these pages are about. The pages
 * document 1.12.0 (profile.ts); CITATIONS.md says why, and how each source is tied to its
 * release. Short names used below:
 * - FORK: the public fork CrazyForks/OpenHands, which holds upstream OpenHands/OpenHands history
 *   to 2026-08-12; its release commits are upstream's release-please commits (PR numbers of
 *   OpenHands/OpenHands), and its 1.6.1 release commit has the very tree of upstream's tag
 *   OpenHands/agent-canvas v1.6.1 (43f091ba).
 * - NPM: the package @openhands/agent-canvas as published for that version (scripts/,
 *   config/defaults.json and README.md; no docker/ folder).
 * - NOTES: OpenHands/docs openhands/usage/agent-canvas/release-notes/v<version>.mdx.
 * - README@071ee97c: OpenHands/OpenHands README.md at 071ee97cc900de78774d8c43dd3be9ae1a81b1b7,
 *   which pins ghcr.io/openhands/agent-canvas:1.25.0 (release-please rewrites that line at each
 *   release, so the commit lies after the 1.25.0 release and before 1.26.0's).
 */
const RELEASES = {
  '1.6.1': 'FORK aaefde6e7b23c0347824b31869de6e9982fdc839 "chore(main): release 1.6.1 (#1941)", 2026-07-24',
  '1.7.0': 'FORK 04462a3574ad067b8dfe777158bd9b63181708bd "chore(main): release 1.7.0 (#16140)", 2026-07-29',
  '1.7.1': 'FORK daedd91b1021cfbdc04988c8b65154d28c44e21a "chore(main): release 1.7.1 (#16187)"',
  '1.7.2': 'FORK bab763e4d44a553a05f5c797cd8a609e5e1caddb "chore(main): release 1.7.2 (#16190)"',
  '1.8.0': 'FORK c7a765d900df294cbbf0f405ae26c9cbbd0fcc29 "chore(main): release 1.8.0 (#16199)"',
  '1.9.0': 'FORK 6790df06ea689f4bbc612213671d61d3ac2c6fbe "chore(main): release 1.9.0 (#16209)"',
  '1.10.0': 'FORK 56638693908b8ac83a2fa3bde6eb6c33aae37f4b "chore(main): release 1.10.0 (#16273)"; NOTES v1.10.0',
  '1.11.0': 'FORK 3c562fa694e54741f41ad7acf7210430079495fe "chore(main): release 1.11.0 (#16357)"; NOTES v1.11.0',
  '1.12.0': 'FORK 4d0fe4983b6b8e52c104c7ffa4b7be8c7ab5a364 "chore(main): release 1.12.0 (#16402)", 2026-08-07; NOTES v1.12.0; NPM 1.12.0',
  '1.13.0': 'NOTES v1.13.0; NPM 1.13.0',
  '1.14.0': 'NOTES v1.14.0; NPM 1.14.0',
  '1.15.0': 'NOTES v1.15.0; NPM 1.15.0',
  '1.16.0': 'NOTES v1.16.0 (2026-08-27; agent-server 1.44.0); NPM 1.16.0',
  '1.17.0': 'NOTES v1.17.0',
  '1.18.0': 'NOTES v1.18.0',
  '1.19.0': 'NOTES v1.19.0 (2026-09-16)',
  '1.20.0': 'NOTES v1.20.0 (2026-09-17); NPM 1.20.0',
  '1.21.0': 'NOTES v1.21.0',
  '1.22.0': 'NOTES v1.22.0',
  '1.23.0': 'NOTES v1.23.0',
  '1.24.0': 'NOTES v1.24.0',
  '1.25.0': 'NOTES v1.25.0 (2026-10-06; agent-server 1.53.0); README@071ee97c',
  '1.26.0': 'NOTES v1.26.0 (2026-10-08)',
} as const;

export type CanvasRelease = keyof typeof RELEASES;

export const RELEASE_LINE: ReleaseLine<CanvasRelease> = {
  releases: RELEASES,
  facts: {
    'key-in-page': {
      statement: 'releaseFact.key-in-page.statement',
      holds: { from: '1.6.1', to: '1.12.0' },
      claims: ['ui-embeds-key', 'ui-key-policy'],
      sources: [
        'FORK at each release commit 1.6.1-1.12.0: docker/entrypoint.sh passes --session-api-key to scripts/static-server.mjs (1.12.0 lines 253-259), which injects it into index.html for every client',
        'NPM 1.12.0 scripts/static-server.mjs: byte for byte the file of FORK 4d0fe498',
      ],
      changes: { after: '1.20.0', by: '1.25.0', what: 'releaseFact.key-in-page.change' },
      advice: 'releaseFact.key-in-page.advice',
    },
    'env-key-api-open': {
      statement: 'releaseFact.env-key-api-open.statement',
      holds: { from: '1.6.1', to: '1.12.0' },
      claims: ['env-key-leaves-api-open'],
      sources: ['FORK at each release commit 1.6.1-1.12.0: docker/entrypoint.sh lines 92-103 export OH_SESSION_API_KEYS_0 only when no LOCAL_BACKEND_API_KEY is set; software-agent-sdk config.py reads OH_SESSION_API_KEYS_<n> or SESSION_API_KEY only'],
      advice: 'releaseFact.env-key-api-open.advice',
    },
    'agent-server-bind': {
      statement: 'releaseFact.agent-server-bind.statement',
      holds: { from: '1.7.0', to: '1.12.0' },
      claims: [],
      sources: [
        'FORK config/defaults.json versions.agentServer at each release commit: 1.37.0 (1.6.1), 1.38.0 (1.7.0-1.7.2), 1.39.1 (1.8.0, 1.9.0), 1.40.1 (1.10.0-1.12.0)',
        'software-agent-sdk v1.37.0 __main__.py line 189: --host defaults to 0.0.0.0; v1.37.1 to v1.43.1 __main__.py (v1.40.1 lines 282-285): no --host means 127.0.0.1 without a session key, 0.0.0.0 with one',
      ],
      advice: 'releaseFact.agent-server-bind.advice',
    },
    editor: {
      statement: 'releaseFact.editor.statement',
      holds: { from: '1.6.1', to: '1.15.0' },
      claims: ['editor-reachable-on-network', 'editor-route'],
      sources: [
        'software-agent-sdk v1.37.0 and v1.40.1 vscode_service.py: openvscode-server --host 0.0.0.0 --port 8001, connection token = the first session key; installed by the base image (docker/Dockerfile, stage base-image)',
        'FORK 1.6.1-1.12.0 and NPM 1.12.0-1.15.0 scripts/static-server.mjs: no editor route; NPM 1.16.0 adds --vscode-base-path; NOTES v1.16.0: the VS Code button renders on self-hosted backends',
      ],
      changes: { after: '1.15.0', by: '1.16.0', what: 'releaseFact.editor.change' },
      advice: 'releaseFact.editor.advice',
    },
    'inline-config-escaping': {
      statement: 'releaseFact.inline-config-escaping.statement',
      holds: { from: '1.6.1', to: '1.16.0' },
      claims: [],
      sources: [
        'FORK 1.6.1-1.12.0 and NPM 1.12.0-1.16.0 scripts/static-server.mjs makeConfigInjectionScript: values written with JSON.stringify alone (1.12.0 lines 272-323)',
        'NOTES v1.19.0 (2026-09-16): the static server now HTML-escapes the injected runtime configuration and sends Cache-Control: no-store, fixing an XSS vulnerability; NPM 1.20.0 static-server.mjs serializeForInlineScript escapes <, >, U+2028 and U+2029',
      ],
      changes: { after: '1.18.0', by: '1.19.0', what: 'releaseFact.inline-config-escaping.change' },
      advice: 'releaseFact.inline-config-escaping.advice',
    },
    'conversation-containers': {
      statement: 'releaseFact.conversation-containers.statement',
      holds: { from: '1.20.0', to: '1.20.0' },
      begins: { after: '1.19.0', by: '1.20.0' },
      claims: [],
      sources: [
        'NOTES v1.20.0 (2026-09-17): Canvas forwards the conversation runtime settings (runtime, image, memory, CPUs, process limit, start-up timeout) to the agent server, which enables OH_CONVERSATION_RUNTIME=docker',
        'NPM 1.16.0 and earlier: no OH_CONVERSATION_RUNTIME; NPM 1.20.0 scripts/dev-safe.mjs lines 791-803 pass OH_CONVERSATION_RUNTIME and OH_CONVERSATION_CONTAINER_* to the agent server it starts on the host',
        'README@071ee97c "Option 3": OH_CONVERSATION_RUNTIME=docker with the npm launcher on the host, not the Docker image',
        'FORK 1.12.0 docker/entrypoint.sh: does not read OH_CONVERSATION_RUNTIME',
      ],
      advice: 'releaseFact.conversation-containers.advice',
    },
  },
};
