import { describe, expect, it } from 'vitest';
import { firstCommandLine, isCommandLine } from '../../scripts/docs-lint/looks-like-command';
import { nearest } from '../../scripts/docs-lint/nearest';
import { escapeHeadingIds, parsePage } from '../../src/doc-pages/parse';
import { pageHeadings, snippetUses } from '../../src/doc-pages/tree';
import { diffSequences } from '../../scripts/docs-lint/sequence-diff';
import { keyPoint, pointAt } from '../../scripts/docs-lint/source-points';

describe('isCommandLine', () => {
  it.each([
    'docker run -it --rm example',
    'export WORKSPACE_BASE=/tmp',
    'sudo iptables -L',
    '$ ls -la',
    'DOCKER_HOST=tcp://x:2375 docker ps',
    '/usr/bin/docker ps',
    '  curl http://127.0.0.1:3000',
  ])('reads `%s` as a command', (line) => {
    expect(isCommandLine(line)).toBe(true);
  });

  it.each([
    'docker: Error response from daemon: Conflict.',
    '# docker run is shown in a comment',
    'services:',
    'RUN apt-get install -y curl',
    'CONTAINER ID   IMAGE   COMMAND',
    '',
  ])('does not read `%s` as a command', (line) => {
    expect(isCommandLine(line)).toBe(false);
  });

  it('finds the first command line after comments and blanks', () => {
    expect(firstCommandLine('# start\n\n  docker ps\nls')).toEqual({ index: 2, text: 'docker ps' });
    expect(firstCommandLine('key: value')).toBeUndefined();
  });
});

describe('nearest', () => {
  it('suggests a close id and nothing for an unrelated one', () => {
    expect(nearest('network-bindng', ['socket-proxy', 'network-binding'])).toBe('network-binding');
    expect(nearest('zzzzzzzzzzzzzzzzzz', ['socket-proxy', 'network-binding'])).toBeUndefined();
  });
});

describe('diffSequences', () => {
  const diff = (expected: string[], actual: string[]) => diffSequences(expected, actual, (item) => item);

  it('aligns a missing item instead of shifting every later one', () => {
    expect(diff(['a', 'b', 'c'], ['a', 'c'])).toEqual([
      { kind: 'same', expected: 'a', actual: 'a' },
      { kind: 'missing', expected: 'b', next: 'c' },
      { kind: 'same', expected: 'c', actual: 'c' },
    ]);
  });

  it('pairs a replaced item as changed and reports leftovers as extra', () => {
    expect(diff(['a', 'b'], ['a', 'x', 'y'])).toEqual([
      { kind: 'same', expected: 'a', actual: 'a' },
      { kind: 'changed', expected: 'b', actual: 'x' },
      { kind: 'extra', actual: 'y' },
    ]);
  });
});

describe('parsePage', () => {
  it('escapes {#id} only on heading lines, as Docusaurus does', () => {
    expect(escapeHeadingIds('## A {#a}\ntext {#b}\n### C \\{#c}')).toBe('## A \\{#a}\ntext {#b}\n### C \\{#c}');
  });

  it('reads explicit heading ids, snippet ids and front matter without shifting lines', () => {
    const tree = parsePage('---\ntitle: T\n---\n\n# Title\n\n## Binding {#network-binding}\n\n<Snippet id="x" />\n');
    expect(pageHeadings(tree).map(({ depth, id, text }) => ({ depth, id, text }))).toEqual([
      { depth: 1, id: undefined, text: 'Title' },
      { depth: 2, id: 'network-binding', text: 'Binding' },
    ]);
    const uses = snippetUses(tree);
    expect(uses.map((use) => [use.id, use.position?.start.line])).toEqual([['x', 9]]);
  });

  it('tells a non-literal id from a literal one', () => {
    const [use] = snippetUses(parsePage('<Snippet id={name} />'));
    expect(use).toMatchObject({ id: undefined, problem: '`<Snippet id={name}>` without a literal id' });
  });
});

describe('source points', () => {
  it('locates keys in TypeScript and JSON source', () => {
    const source = "const A = {\n  'a-b': 1,\n  \"c\": 2,\n  d: 3,\n};";
    expect(keyPoint(source, 'a-b')).toMatchObject({ line: 2, column: 3 });
    expect(keyPoint(source, 'c')).toMatchObject({ line: 3, column: 3 });
    expect(keyPoint(source, 'd')).toMatchObject({ line: 4, column: 3 });
    expect(pointAt('ab\ncd', 4)).toEqual({ line: 2, column: 2, offset: 4 });
  });
});
