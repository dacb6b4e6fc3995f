import { logSaved, removed } from '../../../scripts/harness/claims/lifecycle';
import { LIFECYCLE } from './lifecycle.cases';
import { describeCases } from './scenario';

/** Cleanup and the saved log, without Docker: `docker logs` is played by the fake context, the file is real. */
describeCases(LIFECYCLE, { removed, 'log-saved': logSaved });
