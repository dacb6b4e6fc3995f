import { describe, expect, it } from 'vitest';
import { parseShell } from '../../../scripts/harness/parse/shell';
import { parseSnippet, type ShellWord } from '../../../scripts/harness/parse';
import type { WordParser } from '../../../scripts/harness/run/unit';
import { parseError, positionOf, withoutPositions } from './helpers';

const words = async (text: string) => (await parseShell('t', text)).map((command) => command.words.map((word) => word.raw));
const word = async (text: string, n: number): Promise<ShellWord> => (await parseShell('t', text))[0]!.words[n]!;

describe('parseShell', () => {
  it('splits commands on newlines and words on blanks and line continuations, dropping comments', async () => {
    const text = '# first\nexport A=b # trailing\n\ndocker run \\\n    --rm \\\n    img';
    expect(await words(text)).toEqual([['export', 'A=b'], ['docker', 'run', '--rm', 'img']]);
  });

  it('joins a word across a line continuation inside it', async () => {
    const joined = await word('echo a\\\nb', 1);
    expect(joined.raw).toBe('a\\\nb');
    expect(joined.literal).toBe('ab');
  });

  it('classifies quotes, variables, substitutions and tilde prefixes', async () => {
    const text = `x "$WORKSPACE_BASE":/opt/w 'a b' x"y"z \${X}/s $(id -u) ~/.state a$ "$(id -u):$X"`;
    const parsed = (await parseShell('t', text))[0]!.words.slice(1);
    expect(withoutPositions(parsed.map((w) => w.parts))).toEqual([
      [
        { kind: 'double-quoted', parts: [{ kind: 'parameter', name: 'WORKSPACE_BASE', braced: false }] },
        { kind: 'literal', raw: ':/opt/w', value: ':/opt/w' },
      ],
      [{ kind: 'single-quoted', value: 'a b' }],
      [
        { kind: 'literal', raw: 'x', value: 'x' },
        { kind: 'double-quoted', parts: [{ kind: 'literal', raw: 'y', value: 'y' }] },
        { kind: 'literal', raw: 'z', value: 'z' },
      ],
      [{ kind: 'parameter', name: 'X', braced: true }, { kind: 'literal', raw: '/s', value: '/s' }],
      [{ kind: 'command', command: 'id -u' }],
      [{ kind: 'tilde', user: '' }, { kind: 'literal', raw: '/.state', value: '/.state' }],
      [{ kind: 'literal', raw: 'a$', value: 'a$' }],
      [
        {
          kind: 'double-quoted',
          parts: [
            { kind: 'command', command: 'id -u' },
            { kind: 'literal', raw: ':', value: ':' },
            { kind: 'parameter', name: 'X', braced: false },
          ],
        },
      ],
    ]);
    expect(parsed.map((w) => w.literal)).toEqual([undefined, 'a b', 'xyz', undefined, undefined, undefined, 'a$', undefined]);
  });

  it('removes quotes and escapes from literal values', async () => {
    expect((await word(`x 'it'"'"'s' a\\ b "q\\"\\$\\x"`, 1)).literal).toBe("it's");
    expect((await word(`x 'it'"'"'s' a\\ b "q\\"\\$\\x"`, 2)).literal).toBe('a b');
    expect((await word(`x 'it'"'"'s' a\\ b "q\\"\\$\\x"`, 3)).literal).toBe('q"$\\x');
  });

  it('gives every word and part its offsets, line and column in the text', async () => {
    const text = '# 日本語のコメント\ndocker run \\\n    -e A="$B" img';
    const [command] = await parseShell('t', text);
    const value = command!.words[3]!;
    expect(value.raw).toBe('A="$B"');
    expect(text.slice(value.offset, value.end)).toBe('A="$B"');
    expect({ line: value.line, column: value.column }).toEqual(positionOf(text, 'A="$B"'));
    const quoted = value.parts[1]!;
    expect(quoted.kind).toBe('double-quoted');
    expect(text.slice(quoted.offset, quoted.end)).toBe('"$B"');
    expect(quoted.column).toBe(positionOf(text, '"$B"').column);
  });

  it('keeps quoted glob characters, which the shell does not expand', async () => {
    expect((await word("echo '*' \"[a]\"", 1)).literal).toBe('*');
    expect((await word("echo '*' \"[a]\"", 2)).literal).toBe('[a]');
  });

  it('names the snippet in every error', async () => {
    const error = await parseError(() => parseShell('my-snippet', 'docker run "x'));
    expect(error.snippetId).toBe('my-snippet');
    expect(error.message).toMatch(/^snippet my-snippet:1:12: /);
  });

  it('lets the harness rewrite words by their offsets and read the result back', async () => {
    const text = 'docker run -it --rm --pull=always \\\n    --name openhands-app img';
    const parsed = await parseSnippet({ id: 't' }, text);
    const run = parsed.commands[0]!;
    if (run.kind !== 'docker-run') throw new Error('expected docker run');
    const it = run.flags.find((f) => f.key === 'interactive')!.words[0]!;
    const pull = run.flags.find((f) => f.key === 'pull')!.words[0]!;
    const name = run.name!.word;
    const rewritten =
      text.slice(0, it.offset) + '-d' + text.slice(it.end, pull.offset - 1) + text.slice(pull.end, name.end) + '-x1' + text.slice(name.end);
    expect(rewritten).toBe('docker run -d --rm \\\n    --name openhands-app-x1 img');
    const again = (await parseSnippet({ id: 't' }, rewritten)).commands[0]!;
    expect(again).toMatchObject({ kind: 'docker-run', detach: true, interactive: false, tty: false, name: { value: 'openhands-app-x1' } });
  });
});

describe('snippetCommands', () => {
  it('fits the run harness’s WordParser, so rewrites use these word offsets', async () => {
    const { snippetCommands } = await import('../../../scripts/harness/parse');
    const parser: WordParser = snippetCommands;
    const text = 'docker network create openhands-network';
    const [command] = await parser({ version: '0.33', id: 't', caption: 'caption.socket-proxy', steps: [], claims: [] }, text);
    expect(command!.words.map((w) => [w.raw, w.offset, w.end])).toEqual([
      ['docker', 0, 6],
      ['network', 7, 14],
      ['create', 15, 21],
      ['openhands-network', 22, 39],
    ]);
  });
});
