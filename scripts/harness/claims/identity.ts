import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { eventually, notVerifiable, onContainer, sandboxReports, listeningInside } from './context';

export const image = onContainer<'image'>(async (claim, ctx, found, ev) => {
  const expected = ctx.imageReference(claim.image);
  ev.expect(found.facts.Config.Image === expected, `Config.Image = ${found.facts.Config.Image}, expected ${expected}`);
  ev.see(`image source: ${ctx.imageSource(claim.image) === 'stand-in' ? 'local stand-in for the image (no registry here)' : 'the real image'}`);
});

/** Processes that only hand over to the app user; they may stay root. */
const HAND_OVER = /^(\S*\/)?(su|sudo|setpriv|setuidgid|gosu|tini|docker-init)(\s|$)/;

export const appRunsAs = onContainer<'app-runs-as'>(async (claim, ctx, found, ev) => {
  const uid = claim.user === 'root' ? 0 : ctx.reader.uid;
  ev.see(`Config.User = "${found.facts.Config.User}" (the image's entrypoint switches users, not Docker)`);
  // The app, not only its entrypoint: once it serves, the user switch is done.
  await listeningInside(ctx, found.actual, ctx.profile.appPort, ev);
  const all = await ctx.processes(found.actual);
  // 1.x's entrypoint runs the app with su without exec, so the entrypoint's shell stays
  // (containers/app/entrypoint.sh at R1.11, lines 58-60): it hands over, it is not the app.
  const entrypoint = found.facts.Config.Entrypoint?.[0];
  const isEntrypoint = (args: string) => entrypoint !== undefined && args.split(/\s+/).slice(0, 2).includes(entrypoint);
  for (const p of all.filter((p) => isEntrypoint(p.args) && p.uid !== uid)) {
    ev.see(`the entrypoint "${p.args}" stays as uid ${p.uid}, waiting for the app it handed over to`);
  }
  const processes = all.filter((p) => !HAND_OVER.test(p.args) && !isEntrypoint(p.args));
  ev.expect(processes.length > 0, `${found.actual} has running processes`);
  for (const p of processes) ev.expect(p.uid === uid, `process "${p.args}" runs as uid ${p.uid}, expected ${uid}`);
});

/**
 * The agent writes in the sandbox, which sees the host folder only if the app mounted
 * WORKSPACE_MOUNT_PATH there. With the stand-in, the sandbox reports where it wrote: a
 * file that never reached the host workspace fails the claim, naming where it went.
 */
export const workspaceFilesOwnedByUser = onContainer<'workspace-files-owned-by-user'>(async (claim, ctx, found, ev) => {
  let status = await ctx.standInStatus(found.actual);
  if (ctx.imageSource(ctx.profile.appImage) === 'stand-in') {
    await eventually(async () => sandboxReports((status = await ctx.standInStatus(found.actual))).some((r) => r.reached !== undefined && r.reached !== null));
  }
  const files = await readdir(ctx.reader.workspace);
  if (!status) return notVerifiable('no-agent-writes', [`the workspace holds ${files.length} file(s)`]);
  const write = sandboxReports(status).find((r) => r.agentWrite)?.agentWrite;
  ev.see(`the sandbox reports its first write: ${JSON.stringify(write ?? null)}`);
  if (!ev.expect(write !== undefined && write !== null && write.error === null, 'the sandbox wrote a file in its working directory')) return;
  const name = basename(write!.file);
  if (!ev.expect(files.includes(name), `${name} appears in the mounted workspace on the host (the sandbox wrote it at ${write!.file})`)) return;
  for (const file of files) {
    const info = await stat(join(ctx.reader.workspace, file));
    ev.expect(info.uid === ctx.reader.uid, `${file} in the mounted workspace belongs to uid ${info.uid}, expected the reader's uid ${ctx.reader.uid}`);
  }
});

/**
 * Running by digest: the reference names the digest, and the container runs the same
 * image the documented tag points at. With a stand-in, the digest is the stand-in's own,
 * given to it by a registry on loopback (no published image can be pulled here).
 */
export const imageByDigest = onContainer<'image-by-digest'>(async (claim, ctx, found, ev) => {
  const reference = found.facts.Config.Image;
  ev.expect(/@sha256:[0-9a-f]{64}$/.test(reference), `Config.Image = ${reference}, expected a digest reference (…@sha256:<64 hex digits>)`);
  const tagged = ctx.imageReference(claim.image);
  const id = await ctx.imageId(tagged);
  ev.expect(id !== undefined && found.facts.Image === id, `the container's image ${found.facts.Image.slice(0, 19)} is the image ${tagged} points at (${id?.slice(0, 19) ?? 'missing'})`);
  ev.see(
    ctx.imageSource(claim.image) === 'stand-in'
      ? `whose digest: the local stand-in's, as a registry on loopback (${ctx.digestSource ?? 'unknown'}) recorded it; the published image has a digest of its own`
      : 'whose digest: the published image\'s, as its registry recorded it when it was pulled',
  );
});

/** An image that runs as its own non-root user: every process of the container has that uid. */
export const runsAsUid = onContainer<'runs-as-uid'>(async (claim, ctx, found, ev) => {
  ev.see(`Config.User = "${found.facts.Config.User}"`);
  const processes = (await ctx.processes(found.actual)).filter((p) => !HAND_OVER.test(p.args));
  ev.expect(processes.length > 0, `${found.actual} has running processes`);
  for (const p of processes) ev.expect(p.uid === claim.uid, `process "${p.args}" runs as uid ${p.uid}, expected ${claim.uid}`);
});

/**
 * --security-opt no-new-privileges, in the container's config and in the kernel's view of
 * its first process (NoNewPrivs in /proc/<pid>/status): execve of a setuid binary such as
 * sudo then grants nothing (Linux Documentation/userspace-api/no_new_privs.rst).
 */
export const noNewPrivileges = onContainer<'no-new-privileges'>(async (claim, ctx, found, ev) => {
  const options = found.facts.HostConfig.SecurityOpt ?? [];
  ev.expect(options.some((o) => /^no-new-privileges(:true|=true)?$/.test(o)), `HostConfig.SecurityOpt = ${JSON.stringify(options)}`);
  const status = await ctx.exec(found.actual, ['cat', '/proc/1/status']);
  const flag = /^NoNewPrivs:\s*(\d)/m.exec(status ?? '')?.[1];
  ev.expect(flag === '1', `NoNewPrivs of its first process: ${flag ?? '(unreadable)'}, expected 1`);
});
