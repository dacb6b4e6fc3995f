import { spawnSync } from 'node:child_process';

/**
 * Whether the build can say when each page was last updated. Docusaurus reads it from the
 * git history: outside a git work tree its git reader throws and the build fails, and in a
 * shallow clone (actions/checkout's default `fetch-depth: 1`) every page would get the date
 * of the one commit there is. Both build without the dates, and say why.
 */
export type HistoryState = { readonly usable: true } | { readonly usable: false; readonly why: string };

function git(args: readonly string[], cwd: string): { ok: boolean; out: string } {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return { ok: result.status === 0, out: (result.stdout ?? '').trim() };
}

export function gitHistory(siteDir: string): HistoryState {
  const inside = git(['rev-parse', '--is-inside-work-tree'], siteDir);
  if (!inside.ok || inside.out !== 'true') return { usable: false, why: `${siteDir} is not in a git work tree (or git is missing)` };
  const shallow = git(['rev-parse', '--is-shallow-repository'], siteDir);
  if (shallow.ok && shallow.out === 'true') {
    return { usable: false, why: 'the clone is shallow (fetch the whole history: `git fetch --unshallow`, or actions/checkout with `fetch-depth: 0`)' };
  }
  return { usable: true };
}
