import { facts } from './fake-context';
import type { CaseTable } from './scenario';
import { container, files, nothing, only } from './worlds';

/** cgroup v2's cpu.max, or v1's CFS quota and period: what the kernel enforces, beside what Docker recorded. */
const cpus = (nano: number, kernel: Record<string, string>) => only({ 'openhands-app': container(facts('openhands-app', { host: { NanoCpus: nano } }), { exec: files(kernel) }) });
const memory = (bytes: number, kernel: Record<string, string>) => only({ 'openhands-app': container(facts('openhands-app', { host: { Memory: bytes } }), { exec: files(kernel) }) });
const pids = (limit: number | null, kernel: Record<string, string>) => only({ 'openhands-app': container(facts('openhands-app', { host: { PidsLimit: limit } }), { exec: files(kernel) }) });
const GIB4 = 4 * 1024 ** 3;

export const LIMITS: CaseTable<'cpu-limit' | 'memory-limit' | 'pids-limit'> = {
  'cpu-limit': {
    holds: [
      { name: 'NanoCpus and cgroup v2 cpu.max both say 2 CPUs', claim: { kind: 'cpu-limit', container: 'openhands-app', cpus: 2 }, context: () => cpus(2e9, { '/sys/fs/cgroup/cpu.max': '200000 100000\n' }), expect: { status: 'verified' } },
      { name: 'cgroup v1: CFS quota / period = 2', claim: { kind: 'cpu-limit', container: 'openhands-app', cpus: 2 }, context: () => cpus(2e9, { '/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us': '200000', '/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us': '100000' }), expect: { status: 'verified' } },
    ],
    fails: [
      { name: 'Docker recorded the limit, the kernel enforces none (rootless on cgroup v1)', claim: { kind: 'cpu-limit', container: 'openhands-app', cpus: 2 }, context: () => cpus(2e9, { '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': '-1', '/sys/fs/cgroup/cpu/cpu.cfs_period_us': '100000' }), expect: { status: 'failed', reason: 'kernel CFS quota -1 / period 100000 inside the container, expected 2 CPUs' } },
      { name: 'another limit in HostConfig and cpu.max', claim: { kind: 'cpu-limit', container: 'openhands-app', cpus: 2 }, context: () => cpus(1e9, { '/sys/fs/cgroup/cpu.max': '100000 100000' }), expect: { status: 'failed', reason: 'HostConfig.NanoCpus = 1000000000, expected 2000000000' } },
      { name: 'no cgroup file readable', claim: { kind: 'cpu-limit', container: 'openhands-app', cpus: 2 }, context: () => cpus(2e9, {}), expect: { status: 'failed', reason: '(unreadable)' } },
      { name: 'the container is gone', claim: { kind: 'cpu-limit', container: 'openhands-app', cpus: 2 }, context: () => nothing(), expect: { status: 'failed', reason: 'does not exist' } },
    ],
  },
  'memory-limit': {
    holds: [
      { name: 'HostConfig.Memory and memory.max agree', claim: { kind: 'memory-limit', container: 'openhands-app', bytes: GIB4 }, context: () => memory(GIB4, { '/sys/fs/cgroup/memory.max': `${GIB4}\n` }), expect: { status: 'verified' } },
      { name: 'cgroup v1 memory.limit_in_bytes', claim: { kind: 'memory-limit', container: 'openhands-app', bytes: GIB4 }, context: () => memory(GIB4, { '/sys/fs/cgroup/memory/memory.limit_in_bytes': `${GIB4}` }), expect: { status: 'verified' } },
    ],
    fails: [
      { name: 'the kernel has another limit than Docker recorded', claim: { kind: 'memory-limit', container: 'openhands-app', bytes: GIB4 }, context: () => memory(GIB4, { '/sys/fs/cgroup/memory/memory.limit_in_bytes': '3221225472' }), expect: { status: 'failed', reason: '= 3221225472 inside the container, expected 4294967296' } },
      { name: 'no limit at all (memory.max = max)', claim: { kind: 'memory-limit', container: 'openhands-app', bytes: GIB4 }, context: () => memory(0, { '/sys/fs/cgroup/memory.max': 'max' }), expect: { status: 'failed', reason: 'HostConfig.Memory = 0, expected 4294967296' } },
      { name: 'the container is gone', claim: { kind: 'memory-limit', container: 'openhands-app', bytes: GIB4 }, context: () => nothing(), expect: { status: 'failed', reason: 'does not exist' } },
    ],
  },
  'pids-limit': {
    holds: [
      { name: 'PidsLimit and pids.max say 512', claim: { kind: 'pids-limit', container: 'openhands-app', pids: 512 }, context: () => pids(512, { '/sys/fs/cgroup/pids.max': '512\n' }), expect: { status: 'verified' } },
    ],
    fails: [
      { name: 'Docker recorded it, pids.max is max (ignored)', claim: { kind: 'pids-limit', container: 'openhands-app', pids: 512 }, context: () => pids(512, { '/sys/fs/cgroup/pids/pids.max': 'max' }), expect: { status: 'failed', reason: '/sys/fs/cgroup/pids/pids.max = max inside the container, expected 512' } },
      { name: 'no PidsLimit', claim: { kind: 'pids-limit', container: 'openhands-app', pids: 512 }, context: () => pids(null, { '/sys/fs/cgroup/pids.max': '512' }), expect: { status: 'failed', reason: 'HostConfig.PidsLimit = (unset), expected 512' } },
    ],
  },
};
