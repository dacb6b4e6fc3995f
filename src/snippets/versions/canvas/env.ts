import type { Word } from '../../words';

/**
 * Environment variables of the Agent Canvas image that the guide sets, and only those its
 * entrypoint reads at v1.6.1 (docker/entrypoint.sh; CITATIONS.md).
 */
export interface AgentCanvasEnv {
  /** The API key clients send as X-Session-API-Key; generated and kept in ~/.openhands/agent-canvas/api-key.txt when unset. */
  readonly LOCAL_BACKEND_API_KEY?: Word;
  /** The ingress port inside the container (default 8000). */
  readonly PORT?: Word;
}
