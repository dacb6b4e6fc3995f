import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { workspaceChown } from '../../../scripts/harness/claims/workspace-chown';
import type { ClaimContext } from '../../../scripts/harness/claims/context';
import { PROFILE } from '../../../src/snippets/versions/0.33/profile';
import { facts, fakeContext, world } from './fake-context';
import { describeCases } from './scenario';
import { WORKSPACE_CHOWN } from './workspace-chown.cases';

describeCases(WORKSPACE_CHOWN, { 'workspace-chown': workspaceChown });

/**
 * The 0.33 chown checker, without Docker: a folder plays the reader's workspace, and "the
 * runtime" is whatever the test does to it at start and at restart. It must fail when the
 * runtime leaves the reader's file alone, which is what a stand-in without the chown does.
 */
const root = process.getuid?.() === 0;
const READER = { uid: 1000, gid: 1000 };

describe.skipIf(!root)('workspace-chown (needs root to play the runtime\'s chown)', () => {
  const made: string[] = [];
  afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** A workspace with the reader's file; `atStart` and `atRestart` stand for what the runtime does then. */
  function setup(atStart: (file: string) => void, atRestart: (file: string) => void) {
    const base = mkdtempSync(join(tmpdir(), 'ohg-chown-test-'));
    made.push(base);
    const workspace = join(base, 'workspace');
    mkdirSync(workspace, { mode: 0o755 });
    chmodSync(workspace, 0o755);
    const file = join(workspace, 'notes-of-the-reader.txt');
    writeFileSync(file, 'x');
    chownSync(file, READER.uid, READER.gid);
    atStart(file);
    chmodSync(workspace, 0o775); // the runtime's chmod g+rw, its last step on the folder
    const sandbox = { facts: facts('openhands-runtime-1', { ports: { '30000/tcp': [{ HostIp: '', HostPort: '30000' }] } }), listening: [] };
    const extra: Partial<ClaimContext> = {
      profile: PROFILE,
      patienceMs: 1_000,
      reader: { ...READER, workspace, cwd: base, existingFile: file },
      sandboxesOf: async () => [sandbox.facts],
      restartSandbox: async () => atRestart(file),
    };
    return fakeContext(world({ 'openhands-app': { facts: facts('openhands-app'), listening: [] } }), extra);
  }
  const nothing = () => undefined;
  const claim = (outcome: 'root-owned' | 'group-root-after-restart') => ({ kind: 'workspace-chown', container: 'openhands-app', outcome }) as const;

  it('root-owned: verified when the start gives the file to root, failed when nothing changes it', async () => {
    const toRoot = (file: string) => chownSync(file, 0, 0);
    expect((await workspaceChown(claim('root-owned'), setup(toRoot, toRoot))).status).toBe('verified');
    const untouched = await workspaceChown(claim('root-owned'), setup(nothing, nothing));
    expect(untouched.status).toBe('failed');
    expect(untouched.reason).toContain('has uid 1000, gid 1000, expected uid 0, gid 0');
  });

  it('group-root-after-restart: verified when only the restart sets group root, failed when it does not or the first start already does', async () => {
    const groupRoot = (file: string) => chownSync(file, READER.uid, 0);
    expect((await workspaceChown(claim('group-root-after-restart'), setup(nothing, groupRoot))).status).toBe('verified');
    expect((await workspaceChown(claim('group-root-after-restart'), setup(nothing, nothing))).reason).toContain('after the restart, the reader\'s file on the host has uid 1000, gid 1000, expected uid 1000, gid 0');
    expect((await workspaceChown(claim('group-root-after-restart'), setup(groupRoot, groupRoot))).reason).toContain('once openhands-runtime-1 has started');
  });
});
