import { dockerApiViaProxy, noDockerSocket, proxyAllowsPrivilegedCreate, proxyContainersAloneRefusesSandbox, proxyDeniesUnlistedSections } from '../../../scripts/harness/claims/socket';
import { SOCKET_CASES } from './socket.cases';
import { describeCases } from './scenario';

/** The socket and the socket proxy, with a proxy that filters as docker-socket-proxy v0.4.1 does, played by the fake context. */
describeCases(SOCKET_CASES, {
  'no-docker-socket': noDockerSocket,
  'docker-api-via-proxy': dockerApiViaProxy,
  'proxy-denies-unlisted-sections': proxyDeniesUnlistedSections,
  'proxy-allows-privileged-create': proxyAllowsPrivilegedCreate,
  'proxy-containers-alone-refuses-sandbox': proxyContainersAloneRefusesSandbox,
});
