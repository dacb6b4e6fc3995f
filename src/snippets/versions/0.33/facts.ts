import type { StatedFact } from '../facts';

/** Upstream values the 0.33 pages state (see ../facts.ts). */
export const FACTS = {
  defaultBindingAddress: { value: '0.0.0.0', source: 'All-Hands-AI/OpenHands@0.33.0 openhands/core/config/sandbox_config.py: runtime_binding_address default' },
  oldDefaultBindingAddress: { value: '127.0.0.1', source: 'OpenHands 0.28.0 default of runtime_binding_address (PR #6992), reverted in 0.28.1 (PR #7161, issue #7152)' },
  sandboxPortRange: { value: '30000–59999', source: 'All-Hands-AI/OpenHands@0.33.0 openhands/runtime/impl/docker/docker_runtime.py: execution server, VS Code and app port ranges' },
  defaultSandboxUser: { value: 'SANDBOX_USER_ID=0', source: 'All-Hands-AI/OpenHands@0.33.0 containers/app/Dockerfile: ENV SANDBOX_USER_ID=0' },
  correctedUserId: { value: 'SANDBOX_USER_ID=1000', source: 'the advice the guide corrects, from the hand-written page the guide was started from, which is not published: no public source can be named (git grep of All-Hands-AI/OpenHands docs/ at tags 0.29.0 to 0.33.0 finds neither flag)' },
  correctedUserFlag: { value: '--user 1000:docker', source: 'the advice the guide corrects, from the hand-written page the guide was started from, which is not published: no public source can be named (git grep of All-Hands-AI/OpenHands docs/ at tags 0.29.0 to 0.33.0 finds neither flag)' },
  proxyPostDefault: { value: 'POST=0', source: 'Tecnativa/docker-socket-proxy@v0.4.1 Dockerfile: ENV POST=0' },
  publishedProxy: { value: '-p 127.0.0.1:2375:2375', source: 'Tecnativa/docker-socket-proxy@v0.4.1 README.md line 48 (its usage example publishes the proxy so, for every local process) and lines 28-29 (expose it only to a Docker network holding the proxy and its client)' },
  contentTrust: { value: 'DOCKER_CONTENT_TRUST=1', source: 'Docker blog, "Retiring Docker Content Trust" (July 2025, https://www.docker.com/blog/retiring-docker-content-trust/): from 2025-08-08 pulls of Docker Official Images with DOCKER_CONTENT_TRUST=1 fail' },
  /** The registry publishes the sandbox ports here; the prose says why. */
  bridgeGateway: { value: '172.17.0.1', source: 'moby/moby@v20.10.24 daemon/daemon_unix.go lines 898-910: host-gateway is the gateway of the default bridge; vendor/github.com/docker/libnetwork/ipamutils/utils.go line 18: 172.17.0.0/16 is the first default pool, so that gateway is 172.17.0.1 unless the network is taken' },
  bridgeSubnet: { value: '172.17.0.0/16', source: 'moby/moby@v20.10.24 vendor/github.com/docker/libnetwork/ipamutils/utils.go line 18: the first pool of the default address pools, which the default bridge takes' },
  loopbackBlock: { value: '127.0.0.0/8', source: 'the IPv4 loopback block (RFC 1122 3.2.1.3)' },
  appPort: { value: '3000', source: 'All-Hands-AI/OpenHands@0.33.0 containers/app/Dockerfile: uvicorn --port 3000' },
  auditHostNetwork: { value: '--network host', source: 'docker/docker-bench-security@v1.6.0 (b7a5284c) tests/5_container_runtime.sh check_5_9 (line 379): the host network namespace is not shared' },
  auditNoNewPrivileges: { value: '--security-opt no-new-privileges', source: 'docker/docker-bench-security@v1.6.0 (b7a5284c) tests/5_container_runtime.sh check_5_25 (line 978): the container is restricted from acquiring additional privileges' },
} as const satisfies Record<string, StatedFact>;
