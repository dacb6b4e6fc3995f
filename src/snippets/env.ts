import type { SocketProxyEnv } from './socket-proxy';
import type { OpenHandsEnv as OpenHandsEnv033 } from './versions/0.33/env';
import type { OpenHandsEnv as OpenHandsEnv1x } from './versions/1.x/env';
import type { AgentCanvasEnv } from './versions/canvas/env';

/**
 * Which variables each image reads: the type of `env` in a `docker run` of that image.
 * Each version folder defines its app's variables, so a variable one version does not
 * read (SANDBOX_RUNTIME_BINDING_ADDRESS in 1.x) does not compile in its snippets.
 */
export interface EnvByImage {
  readonly 'agent-canvas': AgentCanvasEnv;
  readonly 'openhands-1.x': OpenHandsEnv1x;
  readonly 'agent-server-1.x': Record<never, never>;
  readonly 'openhands-0.33': OpenHandsEnv033;
  readonly 'runtime-0.33': Record<never, never>;
  readonly 'socket-proxy': SocketProxyEnv;
  readonly 'egress-proxy': Record<never, never>;
}
