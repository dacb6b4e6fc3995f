import { CHECKERS } from '../../../scripts/harness/claims';
import { API } from './api.cases';
import { describeCases } from './scenario';

/** The Agent Canvas key checkers against a container that answers as the entrypoint and agent server do. */
describeCases(API, CHECKERS);
