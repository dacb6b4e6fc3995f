import type { StatedFact } from '../facts';

/**
 * Upstream values the 1.x pages state (see ../facts.ts). R1.11 = OpenHands/OpenHands
 * 11ca68ab2e15dcd85c21e4d7d3409e7a259369ac (release 1.11.0); SDK1.34 =
 * OpenHands/software-agent-sdk 2eff609f9cd4ae31b219d36bd429f74f5348aeef (v1.34.0).
 */
export const FACTS = {
  agentUid: { value: '10001', source: 'SDK1.34 openhands-agent-server/openhands/agent_server/docker/Dockerfile: ARG UID=10001, useradd, USER openhands' },
  sandboxPorts: { value: '8000', source: 'R1.11 openhands/app_server/sandbox/docker_sandbox_service.py start_sandbox: AGENT_SERVER 8000, VSCODE 8001, WORKER_1 8011, WORKER_2 8012, each published with no HostIp' },
  vscodePort: { value: '8001', source: 'R1.11 docker_sandbox_service.py start_sandbox: VSCODE port 8001' },
  workerPort1: { value: '8011', source: 'R1.11 docker_sandbox_service.py start_sandbox: WORKER_1 port 8011' },
  workerPort2: { value: '8012', source: 'R1.11 docker_sandbox_service.py start_sandbox: WORKER_2 port 8012' },
  callbackDefault: { value: 'SANDBOX_HOST_PORT=3000', source: 'R1.11 openhands/app_server/config.py config_from_env: SANDBOX_HOST_PORT, default 3000, in OH_WEBHOOKS_0_BASE_URL' },
  appPort: { value: '3000', source: 'R1.11 containers/app/Dockerfile: uvicorn --port 3000' },
  defaultSandboxUser: { value: 'SANDBOX_USER_ID=0', source: 'R1.11 containers/app/Dockerfile: ENV SANDBOX_USER_ID=0' },
  stateFolder: { value: '/.openhands', source: 'R1.11 containers/app/Dockerfile: ENV FILE_STORE_PATH=/.openhands; config.py get_default_persistence_dir' },
  agentWorkingDir: { value: '/workspace/project', source: 'R1.11 openhands/app_server/sandbox/docker_sandbox_spec_service.py: working_dir /workspace/project' },
  /** The variable 0.33 read and 1.x does not (no reader in the R1.11 tree). */
  ignoredBinding: { value: 'SANDBOX_RUNTIME_BINDING_ADDRESS=172.17.0.1', source: 'git grep of R1.11: nothing reads SANDBOX_RUNTIME_BINDING_ADDRESS; the value is the 0.33 page\'s' },
  bridgeGateway: { value: '172.17.0.1', source: 'moby/moby@v20.10.24 daemon/daemon_unix.go lines 898-910: host-gateway is the gateway of the default bridge; vendor/github.com/docker/libnetwork/ipamutils/utils.go line 18: 172.17.0.0/16 is the first default pool, so that gateway is 172.17.0.1 unless the network is taken' },
  bridgeSubnet: { value: '172.17.0.0/16', source: 'moby/moby@v20.10.24 vendor/github.com/docker/libnetwork/ipamutils/utils.go line 18: the first pool of the default address pools, which the default bridge takes' },
  loopbackBlock: { value: '127.0.0.0/8', source: 'the IPv4 loopback block (RFC 1122 3.2.1.3)' },
  /** The platforms part says where a port published there answers on Docker Desktop. */
  loopbackAddress: { value: '127.0.0.1', source: 'the IPv4 loopback address (RFC 1122 3.2.1.3); Docker Desktop listens for published ports on the Mac or Windows machine itself (docs.docker.com/desktop/features/networking/)' },
  proxyPostDefault: { value: 'POST=0', source: 'Tecnativa/docker-socket-proxy@v0.4.1 Dockerfile: ENV POST=0' },
  auditNoNewPrivileges: { value: '--security-opt no-new-privileges', source: 'docker/docker-bench-security@v1.6.0 (b7a5284c) tests/5_container_runtime.sh check_5_25 (line 978): the container is restricted from acquiring additional privileges' },
  auditHostNetwork: { value: '--network host', source: 'docker/docker-bench-security@v1.6.0 (b7a5284c) tests/5_container_runtime.sh check_5_9 (line 379): the host network namespace is not shared' },
} as const satisfies Record<string, StatedFact>;
