import { CHECKERS } from '../../../scripts/harness/claims';
import { IDENTITY } from './identity.cases';
import { describeCases } from './scenario';

/** Who runs what, from `docker inspect`, `docker top` and the host's view of the workspace, without Docker. */
describeCases(IDENTITY, CHECKERS);
