import { CHECKERS } from '../../../scripts/harness/claims';
import { networks } from '../../../scripts/harness/claims/networks';
import { NETWORKS } from './networks.cases';
import { describeCases } from './scenario';

/** Network membership and isolation, with Docker's inter-network isolation played by the fake context. */
describeCases(NETWORKS, CHECKERS);
