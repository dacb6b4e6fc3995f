import { appIsolatedFromOtherNetworks, networkExists, networks, sandboxPortsReachableFromOtherNetworks } from '../../../scripts/harness/claims/networks';
import { NETWORKS } from './networks.cases';
import { describeCases } from './scenario';

/** Network membership and isolation, with Docker's inter-network isolation played by the fake context. */
describeCases(NETWORKS, {
  networks,
  'network-exists': networkExists,
  'app-isolated-from-other-networks': appIsolatedFromOtherNetworks,
  'sandbox-ports-reachable-from-other-networks': sandboxPortsReachableFromOtherNetworks,
});
