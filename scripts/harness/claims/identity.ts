import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { notVerifiable, onContainer } from './context';

export const image = onContainer<'image'>(async (claim, ctx, found, ev) => {
  const expected = ctx.imageReference(claim.image);
  ev.expect(found.facts.Config.Image === expected, `Config.Image = ${found.facts.Config.Image}, expected ${expected}`);
  ev.see(`image source: ${ctx.imageSource(claim.image) === 'model' ? 'local model of the image (no registry here)' : 'the real image'}`);
});

/** Processes that only hand over to the app user; they may stay root. */
const HAND_OVER = /^(\S*\/)?(su|sudo|setpriv|setuidgid|gosu|tini|docker-init)(\s|$)/;

export const appRunsAs = onContainer<'app-runs-as'>(async (claim, ctx, found, ev) => {
  const uid = claim.user === 'root' ? 0 : ctx.reader.uid;
  ev.see(`Config.User = "${found.facts.Config.User}" (the image's entrypoint switches users, not Docker)`);
  const processes = (await ctx.processes(found.actual)).filter((p) => !HAND_OVER.test(p.args));
  ev.expect(processes.length > 0, `${found.actual} has running processes`);
  for (const p of processes) ev.expect(p.uid === uid, `process "${p.args}" runs as uid ${p.uid}, expected ${uid}`);
});

export const workspaceFilesOwnedByUser = onContainer<'workspace-files-owned-by-user'>(async (claim, ctx, found, ev) => {
  const status = await ctx.modelStatus(found.actual);
  const files = await readdir(ctx.reader.workspace);
  if (files.length === 0) {
    return notVerifiable(
      status ? 'model-wrote-no-file' : 'no-agent-writes',
      [`app status: ${JSON.stringify(status ?? null)}`],
    );
  }
  for (const file of files) {
    const info = await stat(join(ctx.reader.workspace, file));
    ev.expect(info.uid === ctx.reader.uid, `${file} in the mounted workspace belongs to uid ${info.uid}, expected the reader's uid ${ctx.reader.uid}`);
  }
});
