import type { StatedFact } from '../facts';

/**
 * Upstream values the Agent Canvas pages state (see ../facts.ts). AC1.6.1 =
 * OpenHands/agent-canvas 43f091baf135142ed6c146f888f44a957141193f (v1.6.1); SDK1.37 =
 * OpenHands/software-agent-sdk c248ec0aefa17a7e4776b5b6e65e4e7866cc780a (v1.37.0, the base image).
 */
export const FACTS = {
  agentUid: { value: '10001', source: 'SDK1.37 openhands-agent-server/openhands/agent_server/docker/Dockerfile lines 7-9, 142-144: ARG UID=10001; AC1.6.1 docker/Dockerfile line 155: USER openhands' },
  appPort: { value: '8000', source: 'AC1.6.1 docker/entrypoint.sh line 56: PORT defaults to the proxy port 8000 (config/defaults.json)' },
  agentServerPort: { value: '18000', source: 'AC1.6.1 docker/entrypoint.sh line 57 and config/defaults.json: AGENT_SERVER_PORT 18000, started without --host (0.0.0.0)' },
  automationPort: { value: '18001', source: 'AC1.6.1 docker/entrypoint.sh lines 58, 206-214: AUTOMATION_PORT 18001 on 0.0.0.0' },
  keyFile: { value: '~/.openhands/agent-canvas/api-key.txt', source: 'AC1.6.1 docker/entrypoint.sh lines 87-115: the generated key, mode 600' },
  stateFolder: { value: '/home/openhands/.openhands', source: 'AC1.6.1 docker/Dockerfile line 162: VOLUME; entrypoint.sh line 63: ${HOME}/.openhands' },
  projectsFolder: { value: '/projects', source: 'AC1.6.1 docker/Dockerfile lines 149-153, 162; OpenHands/docs 53ac00f3 openhands/usage/agent-canvas/backend-setup/docker.mdx lines 19-27' },
  upstreamPublish: { value: '-p 8000:8000', source: 'OpenHands/docs 53ac00f3 backend-setup/docker.mdx lines 19-27 and AC1.6.1 README.md lines 95-99' },
  keyVariable: { value: 'LOCAL_BACKEND_API_KEY', source: 'AC1.6.1 docker/entrypoint.sh lines 87-115' },
  loopbackBlock: { value: '127.0.0.0/8', source: 'the IPv4 loopback block (RFC 1122 3.2.1.3)' },
  auditHostNetwork: { value: '--network host', source: 'docker-bench-security section 5: host network namespace not shared (shared/reference/facts.md)' },
} as const satisfies Record<string, StatedFact>;
