import { cpuLimit, memoryLimit, pidsLimit } from '../../../scripts/harness/claims/limits';
import { LIMITS } from './limits.cases';
import { describeCases } from './scenario';

/** The limit checkers against Docker's record and the kernel's cgroup files, without Docker. */
describeCases(LIMITS, { 'cpu-limit': cpuLimit, 'memory-limit': memoryLimit, 'pids-limit': pidsLimit });
