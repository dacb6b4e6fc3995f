import type { StatedFact } from '../facts';

/** Upstream values the 0.33 pages state (see ../facts.ts). */
export const FACTS = {
  defaultBindingAddress: { value: '0.0.0.0', source: 'All-Hands-AI/OpenHands@0.33.0 openhands/core/config/sandbox_config.py: runtime_binding_address default' },
  oldDefaultBindingAddress: { value: '127.0.0.1', source: 'OpenHands 0.28.0 default of runtime_binding_address (PR #6992), reverted in 0.28.1 (PR #7161, issue #7152)' },
  sandboxPortRange: { value: '30000–59999', source: 'All-Hands-AI/OpenHands@0.33.0 openhands/runtime/impl/docker/docker_runtime.py: execution server, VS Code and app port ranges' },
  defaultSandboxUser: { value: 'SANDBOX_USER_ID=0', source: 'All-Hands-AI/OpenHands@0.33.0 containers/app/Dockerfile: ENV SANDBOX_USER_ID=0' },
  correctedUserId: { value: 'SANDBOX_USER_ID=1000', source: 'the advice the guide corrects: shared/seeds/hardened-docker.en.md' },
  correctedUserFlag: { value: '--user 1000:docker', source: 'the advice the guide corrects: shared/seeds/hardened-docker.en.md' },
  proxyPostDefault: { value: 'POST=0', source: 'Tecnativa/docker-socket-proxy@v0.4.1 Dockerfile: ENV POST=0' },
  publishedProxy: { value: '-p 127.0.0.1:2375:2375', source: 'shared/reference/facts.md: publishing the proxy on the host' },
  contentTrust: { value: 'DOCKER_CONTENT_TRUST=1', source: 'shared/reference/facts.md: Docker Content Trust retirement' },
  /** The registry publishes the sandbox ports here; the prose says why. */
  bridgeGateway: { value: '172.17.0.1', source: 'moby: the default bridge gateway, which host-gateway resolves to (shared/reference/facts.md)' },
  bridgeSubnet: { value: '172.17.0.0/16', source: 'moby: the default bridge subnet of the default address pool' },
  loopbackBlock: { value: '127.0.0.0/8', source: 'the IPv4 loopback block (RFC 1122 3.2.1.3)' },
  appPort: { value: '3000', source: 'All-Hands-AI/OpenHands@0.33.0 containers/app/Dockerfile: uvicorn --port 3000' },
  auditHostNetwork: { value: '--network host', source: 'docker-bench-security section 5: host network namespace not shared (shared/reference/facts.md)' },
  auditNoNewPrivileges: { value: '--security-opt no-new-privileges', source: 'docker-bench-security section 5: restricted from gaining new privileges (shared/reference/facts.md)' },
} as const satisfies Record<string, StatedFact>;
