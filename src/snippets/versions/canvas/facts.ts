import type { StatedFact } from '../facts';

/**
 * Upstream values the Agent Canvas pages state (see ../facts.ts). AC1.12.0 = the Agent Canvas
 * 1.12.0 release commit of OpenHands/OpenHands, 4d0fe4983b6b8e52c104c7ffa4b7be8c7ab5a364
 * (CITATIONS.md: how it is known to be upstream's release); SDK1.40 =
 * OpenHands/software-agent-sdk c1877b44129696cb99535c0e074d22a324cc7312 (tag v1.40.1, the
 * agent server 1.12.0 pins, its base image).
 */
export const FACTS = {
  agentUid: { value: '10001', source: 'SDK1.40 openhands-agent-server/openhands/agent_server/docker/Dockerfile lines 8, 142-144: ARG UID=10001; AC1.12.0 docker/Dockerfile line 155: USER openhands' },
  appPort: { value: '8000', source: 'AC1.12.0 docker/entrypoint.sh line 56: PORT defaults to the proxy port 8000 (config/defaults.json line 22)' },
  agentServerPort: { value: '18000', source: 'AC1.12.0 docker/entrypoint.sh lines 57, 159-161 and config/defaults.json line 20: AGENT_SERVER_PORT 18000, started without --host; SDK1.40 __main__.py lines 282-285: 0.0.0.0 when it has a session key' },
  editorPort: { value: '8001', source: 'SDK1.40 openhands-agent-server/openhands/agent_server/config.py lines 293-298 (vscode_port, default 8001) and vscode_service.py lines 156-176: openvscode-server --host 0.0.0.0 --port 8001' },
  automationPort: { value: '18001', source: 'AC1.12.0 docker/entrypoint.sh lines 58, 201-211: AUTOMATION_PORT 18001 on 0.0.0.0' },
  keyFile: { value: '~/.openhands/agent-canvas/api-key.txt', source: 'AC1.12.0 docker/entrypoint.sh lines 87-103: the generated key, mode 600' },
  stateFolder: { value: '/home/openhands/.openhands', source: 'AC1.12.0 docker/Dockerfile line 162: VOLUME; entrypoint.sh line 63: ${HOME}/.openhands' },
  projectsFolder: { value: '/projects', source: 'AC1.12.0 docker/Dockerfile lines 149-153, 162; README.md lines 92-99 at the same commit' },
  upstreamPublish: { value: '-p 8000:8000', source: 'AC1.12.0 README.md line 96 (the README of the release commit, which pins ghcr.io/openhands/agent-canvas:1.12.0 on line 99)' },
  keyVariable: { value: 'LOCAL_BACKEND_API_KEY', source: 'AC1.12.0 docker/entrypoint.sh lines 87-103' },
  sessionKeyVariable: { value: 'OH_SESSION_API_KEYS_0', source: 'AC1.12.0 docker/entrypoint.sh lines 92, 102, 108; SDK1.40 config.py line 23 (V1_SESSION_API_KEY_ENV)' },
  lanKeyVariable: { value: 'AGENT_CANVAS_ALLOW_LAN_SESSION_KEY', source: 'OpenHands/OpenHands README.md at 071ee97cc900de78774d8c43dd3be9ae1a81b1b7 (which pins ghcr.io/openhands/agent-canvas:1.25.0); not read by AC1.12.0 docker/entrypoint.sh' },
  conversationRuntimeVariable: { value: 'OH_CONVERSATION_RUNTIME', source: 'npm @openhands/agent-canvas 1.20.0 scripts/dev-safe.mjs lines 791-803 (passed to the agent server by the npm launcher); OpenHands/OpenHands README.md at 071ee97c ("Option 3"); not read by AC1.12.0 docker/entrypoint.sh' },
  loopbackBlock: { value: '127.0.0.0/8', source: 'the IPv4 loopback block (RFC 1122 3.2.1.3)' },
  auditHostNetwork: { value: '--network host', source: 'docker/docker-bench-security@v1.6.0 (b7a5284c) tests/5_container_runtime.sh check_5_9 (line 379): the host network namespace is not shared' },
} as const satisfies Record<string, StatedFact>;
