import { CHECKERS } from '../../../scripts/harness/claims';
import { SANDBOX } from './sandbox.cases';
import { describeCases } from './scenario';

/** The sandbox checkers: an app, its sandbox, the LAN neighbour and the firewall rule, played by the fake context. */
describeCases(SANDBOX, CHECKERS);
