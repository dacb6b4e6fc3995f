import { loopbackGuardBlocksLan, noPublishedPorts, portLoopbackOnly, portOnLoopbackAndGateway, portReachableFromLan, subnetGuardBlocksLan } from '../../../scripts/harness/claims/ports';
import { PORTS } from './ports.cases';
import { describeCases } from './scenario';

/** The port checkers, with this machine, the LAN neighbour and the firewall rule played by the fake context. */
describeCases(PORTS, {
  'port-loopback-only': portLoopbackOnly,
  'port-reachable-from-lan': portReachableFromLan,
  'no-published-ports': noPublishedPorts,
  'loopback-guard-blocks-lan': loopbackGuardBlocksLan,
  'port-on-loopback-and-gateway': portOnLoopbackAndGateway,
  'subnet-guard-blocks-lan': subnetGuardBlocksLan,
});
