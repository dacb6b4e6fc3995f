import { describe, expect, it } from 'vitest';
import { foreignProcesses, ownPids, type ProcessRow } from '../../scripts/bench/activity';

describe('foreignProcesses', () => {
  const rows: ProcessRow[] = [
    { pid: 1, ppid: 0, command: '/sbin/init' },
    { pid: 10, ppid: 1, command: 'npm run bench' },
    { pid: 11, ppid: 10, command: 'node vite-node scripts/bench/index.ts' },
    { pid: 12, ppid: 11, command: 'node node_modules/.bin/docusaurus build --out-dir /tmp/x' },
    { pid: 13, ppid: 12, command: 'node rspack worker' },
    { pid: 20, ppid: 1, command: 'node node_modules/.bin/vitest run --project harness' },
    { pid: 21, ppid: 1, command: 'node node_modules/.bin/docusaurus start' },
    { pid: 22, ppid: 1, command: 'sshd: root' },
    { pid: 23, ppid: 1, command: '/usr/lib/chromium/chrome_crashpad_handler --monitor-self' },
  ];
  it('ignores the bench, what started it and what it started; reports busy programs of others', () => {
    expect(foreignProcesses(rows, 11).map((r) => r.pid)).toEqual([20, 21]);
  });
  it('counts what the bench started among its own (their harness sessions are not another run)', () => {
    expect([...ownPids(rows, 11)].sort((a, b) => a - b)).toEqual([1, 10, 11, 12, 13]);
  });
  it('sees the bench\'s own kind of work as foreign when someone else runs it', () => {
    expect(foreignProcesses(rows, 20).map((r) => r.pid)).toEqual([10, 11, 12, 13, 21]);
  });
});
