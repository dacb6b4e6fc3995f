import { chmodSync, chownSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimContext } from '../../../scripts/harness/claims/context';
import { facts } from './fake-context';
import type { CaseTable, Scratch } from './scenario';
import { container, only, PROFILES } from './worlds';
import { isRoot } from './scenario';

/**
 * The 0.33 runtime's chown, played on a real folder: `atStart` and `atRestart` are what the
 * runtime does to the reader's file then. As root the reader is uid 1000 (the file is given to
 * it first); otherwise the reader is this process's user, which only failing worlds need.
 */
function runtime(scratch: Scratch, atStart: (file: string) => void, atRestart: (file: string) => void, more: { sandbox?: boolean } = {}): ClaimContext {
  const base = scratch.dir();
  const workspace = join(base, 'workspace');
  mkdirSync(workspace, { mode: 0o755 });
  chmodSync(workspace, 0o755);
  const file = join(workspace, 'notes-of-the-reader.txt');
  writeFileSync(file, 'x');
  if (isRoot) chownSync(file, 1000, 1000);
  const { uid, gid } = statSync(file);
  atStart(file);
  chmodSync(workspace, 0o775); // the runtime's chmod g+rw, its last step on the folder
  const sandbox = container(facts('openhands-runtime-1', { ports: { '30000/tcp': [{ HostIp: '', HostPort: '30000' }] } }), { sandboxOf: 'openhands-app' });
  return only({ 'openhands-app': container(facts('openhands-app')), ...(more.sandbox === false ? {} : { 'openhands-runtime-1': sandbox }) }, {
    profile: PROFILES['0.33'],
    imageSource: () => 'stand-in',
    standInStatus: async () => undefined,
    reader: { uid, gid, workspace, cwd: base, existingFile: file },
    restartSandbox: async () => atRestart(file),
  });
}
const untouched = () => undefined;
const toRoot = (file: string) => chownSync(file, 0, 0);
const groupRoot = (file: string) => chownSync(file, statSync(file).uid, 0);
const claim = (outcome: 'root-owned' | 'group-root-after-restart') => ({ kind: 'workspace-chown', container: 'openhands-app', outcome }) as const;

export const WORKSPACE_CHOWN: CaseTable<'workspace-chown'> = {
  'workspace-chown': {
    holds: [
      { name: 'root-owned: the first start gives the file to root', needsRoot: true, claim: claim('root-owned'), context: (s) => runtime(s, toRoot, toRoot), expect: { status: 'verified' } },
      { name: 'group root, from the restart on', needsRoot: true, claim: claim('group-root-after-restart'), context: (s) => runtime(s, untouched, groupRoot), expect: { status: 'verified' } },
    ],
    fails: [
      { name: 'root-owned, yet the runtime leaves the file alone', claim: claim('root-owned'), context: (s) => runtime(s, untouched, untouched), expect: { status: 'failed', reason: 'expected uid 0, gid 0' } },
      { name: 'group root after a restart, yet the restart changes nothing', claim: claim('group-root-after-restart'), context: (s) => runtime(s, untouched, untouched), expect: { status: 'failed', reason: 'after the restart, the reader\'s file on the host has' } },
      { name: 'no runtime was started', claim: claim('root-owned'), context: (s) => runtime(s, untouched, untouched, { sandbox: false }), expect: { status: 'failed', reason: 'the app created a sandbox container with published ports' } },
    ],
  },
};
