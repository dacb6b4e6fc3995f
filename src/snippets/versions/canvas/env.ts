import type { Word } from '../../words';

/**
 * Environment variables of the Agent Canvas image that the guide sets, and only those its
 * entrypoint reads at 1.12.0 (docker/entrypoint.sh; CITATIONS.md). Variables of later releases
 * (AGENT_CANVAS_ALLOW_LAN_SESSION_KEY, OH_CONVERSATION_RUNTIME) are not here: 1.12.0 does not
 * read them, so no command of these pages may set them.
 */
export interface AgentCanvasEnv {
  /**
   * A key of the reader's own. In 1.12.0 it reaches the page and the automation server but
   * not the agent server (entrypoint.sh lines 92-103), which then answers its API without one.
   */
  readonly LOCAL_BACKEND_API_KEY?: Word;
  /**
   * The agent server's first session key (software-agent-sdk v1.40.1 config.py line 23). Set,
   * it is the key of every part: the entrypoint generates none (line 92) and uses it for the
   * page and the automation server (line 108).
   */
  readonly OH_SESSION_API_KEYS_0?: Word;
  /** The ingress port inside the container (default 8000). */
  readonly PORT?: Word;
  /**
   * The egress proxy, for the container's programs and the agent's commands: the entrypoint
   * starts its servers with the container's environment (docker/entrypoint.sh line 42), and the
   * agent's shell inherits the agent server's environment (software-agent-sdk v1.40.1
   * openhands-sdk/openhands/sdk/utils/command.py lines 19 and 47-48). Upper and lower case:
   * Python's clients read both, curl reads `http_proxy` in lower case only.
   */
  readonly HTTP_PROXY?: Word;
  readonly HTTPS_PROXY?: Word;
  readonly http_proxy?: Word;
  readonly https_proxy?: Word;
  /** The servers in the container call each other on 127.0.0.1 (entrypoint.sh lines 129, 137, 185): never through the proxy. */
  readonly NO_PROXY?: Word;
  readonly no_proxy?: Word;
}
