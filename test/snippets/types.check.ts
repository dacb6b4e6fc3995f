/**
 * Type-level tests: each `@ts-expect-error` marks data the registry's types must reject.
 * `tsc --noEmit` fails if a marked line compiles (an unused directive is an error), and
 * types.test.ts checks that each marked line fails for its own reason. Keep every case
 * on one line so the directive sits right above the error.
 */
import type { Claim } from '../../src/snippets/claims';
import type { DockerRun } from '../../src/snippets/commands';
import type { SnippetSpec } from '../../src/snippets/snippet';

// The variable OpenHands reads compiles...
export const bindingAddress: DockerRun = { kind: 'docker-run', image: 'openhands-0.33', env: { SANDBOX_RUNTIME_BINDING_ADDRESS: '172.17.0.1' } };
// ...the English source page's bare name, which nothing reads, does not.
// @ts-expect-error RUNTIME_BINDING_ADDRESS is not an OpenHands variable (facts.md: it is SANDBOX_RUNTIME_BINDING_ADDRESS).
export const bareBindingAddress: DockerRun = { kind: 'docker-run', image: 'openhands-0.33', env: { RUNTIME_BINDING_ADDRESS: '127.0.0.1' } };
// @ts-expect-error A socket-proxy variable is not an OpenHands variable: env is typed per image.
export const proxyVariableOnApp: DockerRun = { kind: 'docker-run', image: 'openhands-0.33', env: { CONTAINERS: '1' } };

export const knownImage: DockerRun = { kind: 'docker-run', image: 'socket-proxy' };
// @ts-expect-error Only images of images.ts can run.
export const unknownImage: DockerRun = { kind: 'docker-run', image: 'nginx' };

export const knownClaim: Claim = { kind: 'port-loopback-only', container: 'openhands-app', port: 3000 };
// @ts-expect-error Only claim kinds of claims.ts exist (each has a checker in the harness).
export const unknownClaim: Claim = { kind: 'port-open', container: 'openhands-app', port: 3000 };
// @ts-expect-error Claims name containers the guide documents.
export const unknownContainer: Claim = { kind: 'no-published-ports', container: 'my-app' };

export const spec: SnippetSpec = { caption: 'caption.network-binding', steps: [], claims: [] };
// @ts-expect-error Captions are message keys of en.json.
export const unknownCaption: SnippetSpec = { caption: 'caption.no-such-key', steps: [], claims: [] };
