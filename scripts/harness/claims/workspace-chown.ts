/**
 * What OpenHands 0.33's sandbox runtime does to the reader's own files: at every start its
 * server runs, as root, `chown -R <user>:root` over the mounted working directory
 * (All-Hands-AI/OpenHands@0.33.0 openhands/runtime/utils/runtime_init.py lines 46-48; the
 * user is root with SANDBOX_USER_ID=0, else `openhands` with the reader's uid, which exists
 * only from the first start on: lines 87-105). Judged on the host, with stat: the kernel's view
 * of the reader's file, not what a stand-in reports.
 */
import { stat } from 'node:fs/promises';
import type { ClaimContext } from './context';
import { eventually, isResult, onContainer, type Evidence } from './context';
import { firstSandbox } from './sandbox';

/** How long a restarted runtime may take to run its start-up steps. */
const RESTART_WAIT_MS = 30_000;

const ownerOf = async (file: string) => {
  const found = await stat(file).catch(() => undefined);
  return found ? { uid: found.uid, gid: found.gid } : undefined;
};
const shown = (owner: { uid: number; gid: number } | undefined) => (owner ? `uid ${owner.uid}, gid ${owner.gid}` : '(missing)');

/** Waits until the reader's file has `expected` owner, or the time is up; the owner last seen. */
async function awaitOwner(ctx: ClaimContext, expected: { uid: number; gid: number }, deadline: number) {
  let owner = await ownerOf(ctx.reader.existingFile);
  await eventually(async () => (owner = await ownerOf(ctx.reader.existingFile))?.uid === expected.uid && owner?.gid === expected.gid, deadline);
  return owner;
}

function judge(ev: Evidence, when: string, owner: { uid: number; gid: number } | undefined, expected: { uid: number; gid: number }) {
  ev.expect(owner?.uid === expected.uid && owner.gid === expected.gid, `${when}, the reader's file on the host has ${shown(owner)}, expected ${shown(expected)}`);
}

export const workspaceChown = onContainer<'workspace-chown'>(async (claim, ctx, found, ev) => {
  const sandbox = await firstSandbox(ctx, found.actual, ev);
  if (isResult(sandbox)) return sandbox;
  const name = sandbox.Name.replace(/^\//, '');
  const reader = { uid: ctx.reader.uid, gid: ctx.reader.gid };
  ev.see(`the reader's file ${ctx.reader.existingFile} was made before any command ran, with ${shown(reader)}`);
  // The runtime's last start-up step on the folder is `chmod g+rw` (runtime_init.py lines 50-52):
  // once the folder has group write, the chown before it has run.
  const groupWritable = async () => (((await stat(ctx.reader.workspace).catch(() => undefined))?.mode ?? 0) & 0o020) !== 0;
  ev.expect(await eventually(groupWritable, Date.now() + (ctx.patienceMs ?? RESTART_WAIT_MS)), `the runtime has run its start-up steps on the folder (it now has group write, chmod g+rw)`);
  const afterStart = claim.outcome === 'root-owned' ? { uid: 0, gid: 0 } : reader;
  const afterRestart = claim.outcome === 'root-owned' ? { uid: 0, gid: 0 } : { uid: reader.uid, gid: 0 };
  judge(ev, `once ${name} has started`, await ownerOf(ctx.reader.existingFile), afterStart);
  await ctx.restartSandbox(name);
  ev.see(`restarted ${name} (docker restart), as a restarted app starts its runtime again`);
  judge(ev, `after the restart`, await awaitOwner(ctx, afterRestart, Date.now() + (ctx.patienceMs ?? RESTART_WAIT_MS)), afterRestart);
});
