import { audit } from '../../../scripts/harness/claims/audit';
import { AUDIT } from './audit.cases';
import { describeCases } from './scenario';

/** The docker-bench-security section 5 table, generated from inspect facts the fake context gives. */
describeCases(AUDIT, { audit });
