import { CHECKERS } from '../../../scripts/harness/claims';
import { PORTS } from './ports.cases';
import { describeCases } from './scenario';

/** The port checkers, with this machine, the LAN neighbour and the firewall rule played by the fake context. */
describeCases(PORTS, CHECKERS);
