import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimContext } from '../../../scripts/harness/claims/context';
import { facts } from './fake-context';
import type { CaseTable, Scratch } from './scenario';
import { container, nothing, only } from './worlds';

const removedClaim = { kind: 'removed', containers: ['openhands-app', 'docker-socket-proxy'], networks: ['openhands-network'] } as const;
const logClaim = { kind: 'log-saved', container: 'openhands-app', file: 'openhands.log' } as const;

const left = (what: { container?: boolean; network?: boolean; sandbox?: boolean }) =>
  only(
    {
      ...(what.container ? { 'docker-socket-proxy': container(facts('docker-socket-proxy')) } : {}),
      ...(what.sandbox ? { 'openhands-runtime-1': container(facts('openhands-runtime-1'), { sandboxOf: 'gone-app' }) } : {}),
    },
    {},
    what.network ? { networks: new Map([['openhands-network', { Driver: 'bridge', Internal: false }]]) } : {},
  );

/**
 * The app wrote `stdout` and `stderr` lines 5 s before the reader's file was saved, holding `saved`
 * (undefined: no file). Times come from the file's own mtime, as the checker judges by it.
 */
function logs(scratch: Scratch, out: { stdout: string[]; stderr: string[]; saved: string[] | undefined }): ClaimContext {
  const cwd = scratch.dir();
  const path = join(cwd, 'openhands.log');
  let savedAt = Date.now();
  if (out.saved) {
    writeFileSync(path, out.saved.map((line) => `${line}\n`).join(''));
    savedAt = statSync(path).mtimeMs;
  }
  const at = new Date(savedAt - 5_000).toISOString();
  const stamp = (lines: string[]) => lines.map((line) => `${at} ${line}\n`).join('');
  return only({ 'openhands-app': container(facts('openhands-app'), { logs: { stdout: stamp(out.stdout), stderr: stamp(out.stderr) } }) }, {
    reader: { uid: 1000, gid: 1000, workspace: cwd, cwd, existingFile: path },
  });
}
const STDERR = ['INFO:     Started server process [7]', 'INFO:     Uvicorn running on http://0.0.0.0:3000'];
const STDOUT = ['Starting OpenHands...'];

export const LIFECYCLE: CaseTable<'removed' | 'log-saved'> = {
  removed: {
    holds: [{ name: 'no container, network or sandbox of the run is left', claim: removedClaim, context: () => nothing(), expect: { status: 'verified' } }],
    fails: [
      { name: 'the proxy is still there', claim: removedClaim, context: () => left({ container: true }), expect: { status: 'failed', reason: 'container docker-socket-proxy (documented as docker-socket-proxy) no longer exists' } },
      { name: 'the network is still there', claim: removedClaim, context: () => left({ network: true }), expect: { status: 'failed', reason: 'network openhands-network (documented as openhands-network) no longer exists' } },
      { name: 'a sandbox outlived its app', claim: removedClaim, context: () => left({ sandbox: true }), expect: { status: 'failed', reason: 'no sandbox container of this run is left: openhands-runtime-1' } },
    ],
  },
  'log-saved': {
    holds: [{ name: 'the file holds both streams (2>&1)', claim: logClaim, context: (s) => logs(s, { stdout: STDOUT, stderr: STDERR, saved: [...STDOUT, ...STDERR] }), expect: { status: 'verified' } }],
    fails: [
      { name: 'stdout only: the app\'s log lines (stderr) are missing', claim: logClaim, context: (s) => logs(s, { stdout: STDOUT, stderr: STDERR, saved: STDOUT }), expect: { status: 'failed', reason: 'are lines openhands-app wrote to stderr' } },
      { name: 'no file was saved', claim: logClaim, context: (s) => logs(s, { stdout: STDOUT, stderr: STDERR, saved: undefined }), expect: { status: 'failed', reason: 'openhands.log exists in the folder the commands ran in' } },
      { name: 'the file holds a line the app never wrote', claim: logClaim, context: (s) => logs(s, { stdout: STDOUT, stderr: STDERR, saved: [...STDOUT, ...STDERR, 'written by hand'] }), expect: { status: 'failed', reason: 'every line of openhands.log is a line openhands-app wrote' } },
      { name: 'an empty file', claim: logClaim, context: (s) => logs(s, { stdout: [], stderr: [], saved: [] }), expect: { status: 'failed', reason: 'holds 0 line(s)' } },
    ],
  },
};
