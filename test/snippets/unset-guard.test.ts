/**
 * What the `${NAME:?...}` guards do in the reader's shell: with the variable an earlier snippet
 * sets missing (a new terminal), bash stops before the command that expands it, instead of
 * running `-p :3000:3000` (every interface) or `SANDBOX_RUNTIME_BINDING_ADDRESS=` (0.33's
 * default, every interface). Bash runs the rendered text with docker, setfacl and iptables
 * replaced by shell functions that only record their arguments: no daemon is involved.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n';
import { allSnippets, renderSnippet, type Snippet } from '../../src/snippets';
import { UNSET_VARIABLE_MESSAGE } from '../../src/snippets/words';

const GUARD = /\$\{(\w+):\?/g;
const STUBS = ['docker', 'setfacl', 'iptables'].map((name) => `${name}() { printf '%q ' ${name} "$@" >&3; printf '\\n' >&3; }`).join('\n');
const marker = (name: string) => `MARKER_${name}`;

/** The commands the stubs saw, one line each, and what bash said. */
function runStubbed(text: string, env: Record<string, string>): { calls: string[]; status: number | null; stderr: string } {
  const script = `${STUBS}\nexec 3>&1 1>/dev/null\n${text}`;
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(WORKSPACE_BASE|PROJECTS_DIR|BRIDGE_GATEWAY)$/.test(key)));
  const result = spawnSync('bash', ['-c', script], { env: { ...clean, ...env }, encoding: 'utf8' });
  return { calls: result.stdout.split('\n').filter(Boolean), status: result.status, stderr: result.stderr };
}

const guarded = allSnippets()
  .map((snippet) => ({ snippet, text: renderSnippet(snippet, translator('en')), names: [] as string[] }))
  .map((entry) => ({ ...entry, names: [...new Set([...entry.text.matchAll(GUARD)].map((m) => m[1]!))] }))
  .filter((entry) => entry.names.length > 0);

const label = (snippet: Snippet) => `${snippet.version}/${snippet.id}`;

describe('guarded variables in a new shell', () => {
  it('are in every snippet that expands a variable another snippet sets (BRIDGE_GATEWAY among them)', () => {
    const names = new Set(guarded.flatMap((entry) => entry.names));
    expect([...names].sort()).toEqual(['BRIDGE_GATEWAY', 'PROJECTS_DIR', 'WORKSPACE_BASE']);
    expect(guarded.map((entry) => label(entry.snippet))).toContain('1.x/network-binding');
    expect(guarded.map((entry) => label(entry.snippet))).toContain('0.33/network-binding');
  });

  it.each(guarded.map((entry) => [label(entry.snippet), entry] as const))('%s stops before the command that would run without it', (_label, { text, names }) => {
    const set = runStubbed(text, Object.fromEntries(names.map((name) => [name, marker(name)])));
    expect(set.status, set.stderr).toBe(0);
    const first = set.calls.findIndex((call) => names.some((name) => call.includes(marker(name))));
    expect(first, `a stubbed command expands ${names.join(', ')}`).toBeGreaterThanOrEqual(0);

    const unset = runStubbed(text, {});
    expect(unset.status).not.toBe(0);
    expect(unset.calls, 'the commands before the first that expands the variable, and none after').toEqual(set.calls.slice(0, first));
    const name = names.find((n) => set.calls[first]!.includes(marker(n)))!;
    expect(unset.stderr).toContain(`${name}: ${UNSET_VARIABLE_MESSAGE}`);
  });
});
