import { parse } from 'sh-syntax';
import { describe, expect, it } from 'vitest';
import { MESSAGES, translator, type Locale } from '../../src/i18n';
import type { Command } from '../../src/snippets/commands';
import { IMAGES, imageReference } from '../../src/snippets/images';
import { allSnippets, renderSnippet, renderWord, type Snippet } from '../../src/snippets';
import { OPENHANDS_VERSION } from '../../src/snippets/versions/0.33/images';
import { commandOutput, concat, home, image, placeholder, setEarlier, variable } from '../../src/snippets/words';

const SNIPPETS = allSnippets();
const render = (snippet: Pick<Snippet, 'steps'>, locale: Locale = 'en') => renderSnippet(snippet, translator(locale));
const byId = (id: string, version: Snippet['version'] = '0.33') => {
  const snippet = SNIPPETS.find((candidate) => candidate.id === id && candidate.version === version);
  if (!snippet) throw new Error(`no snippet ${version}/${id} in the registry`);
  return snippet;
};
const commandLines = (text: string) => text.split('\n').filter((line) => !line.startsWith('# '));
const runs = (snippet: Snippet) =>
  snippet.steps.map((step) => step.command).filter((command): command is Extract<Command, { kind: 'docker-run' }> => command.kind === 'docker-run');

describe('renderSnippet', () => {
  it('renders the network-binding snippet exactly, one flag per continued line', () => {
    expect(render(byId('network-binding'))).toBe(
      [
        'docker run -it --rm --pull=always \\',
        `    -e SANDBOX_RUNTIME_CONTAINER_IMAGE=docker.all-hands.dev/all-hands-ai/runtime:${OPENHANDS_VERSION}-nikolaik \\`,
        '    -e LOG_ALL_EVENTS=true \\',
        '    -e SANDBOX_RUNTIME_BINDING_ADDRESS="${BRIDGE_GATEWAY:?set it first (see above)}" \\',
        '    -v /var/run/docker.sock:/var/run/docker.sock \\',
        '    -v ~/.openhands-state:/.openhands-state \\',
        '    -p 127.0.0.1:3000:3000 \\',
        '    --add-host host.docker.internal:host-gateway \\',
        '    --name openhands-app \\',
        `    docker.all-hands.dev/all-hands-ai/openhands:${OPENHANDS_VERSION}`,
      ].join('\n'),
    );
  });

  it.each(SNIPPETS.map((snippet) => [snippet.id, snippet] as const))('is deterministic for %s', (_id, snippet) => {
    const first = render(snippet);
    expect(render(snippet)).toBe(first);
    expect(renderSnippet(structuredClone(snippet), translator('en'))).toBe(first);
  });

  it.each(SNIPPETS.map((snippet) => [snippet.id, snippet] as const))(
    'renders %s with the same commands in en and ja; only `# ` comment lines differ',
    (_id, snippet) => {
      const en = render(snippet, 'en');
      const ja = render(snippet, 'ja');
      expect(commandLines(ja)).toEqual(commandLines(en));
      const comments = (text: string) => text.split('\n').filter((line) => line.startsWith('# '));
      for (const [locale, text] of [['en', en], ['ja', ja]] as const) {
        expect(comments(text)).toEqual(snippet.steps.flatMap((step) => (step.comment ? [`# ${MESSAGES[locale][step.comment]}`] : [])));
      }
    },
  );

  it('translates comments: the socket-proxy steps are commented in Japanese on the ja page', () => {
    const ja = render(byId('socket-proxy'), 'ja');
    expect(ja.startsWith(`# ${MESSAGES.ja['comment.create-network']}\ndocker network create openhands-network\n\n`)).toBe(true);
    expect(ja).not.toContain(MESSAGES.en['comment.create-network']);
  });

  it.each(SNIPPETS.map((snippet) => [snippet.id, snippet] as const))(
    'continues %s only with ` \\` followed by an indented flag line',
    (_id, snippet) => {
      const lines = render(snippet).split('\n');
      lines.forEach((line, index) => {
        if (!line.endsWith('\\')) return;
        expect(line.endsWith(' \\'), `line ${index + 1}: ${line}`).toBe(true);
        expect(lines[index + 1], `line ${index + 2} after a continuation`).toMatch(/^ {4}\S/);
      });
      // Every docker run is one logical line: its flags and image after the first line.
      for (const run of runs(snippet)) {
        const imageLine = `    ${run.imageFrom ? renderWord(run.imageFrom) : imageReference(run.image)}`;
        const end = lines.indexOf(imageLine);
        expect(end, `image line ${imageLine}`).toBeGreaterThan(0);
        expect(lines[end - 1]?.endsWith(' \\')).toBe(true);
      }
    },
  );

  it('tags every image from OPENHANDS_VERSION and images.ts, and no other tag appears', () => {
    const texts = SNIPPETS.map((snippet) => render(snippet)).join('\n');
    // A reference starts a word (`SANDBOX_VOLUMES=...:/workspace/project:rw` holds a path, not an image).
    const references = new Set(texts.match(/(?<=[\s=])[a-z0-9.-]+(?:\/[a-z0-9._-]+)+:[A-Za-z0-9._-]+/g));
    const known = (Object.keys(IMAGES) as (keyof typeof IMAGES)[]).map(imageReference);
    expect([...references].filter((reference) => !known.includes(reference))).toEqual([]);
    expect(references).toContain(`docker.all-hands.dev/all-hands-ai/openhands:${OPENHANDS_VERSION}`);
    expect(references).toContain(`docker.all-hands.dev/all-hands-ai/runtime:${OPENHANDS_VERSION}-nikolaik`);
    expect(texts).not.toContain('0.29');
    expect(references).toContain('docker.openhands.dev/openhands/openhands:1.11');
    expect(references).toContain('ghcr.io/openhands/agent-canvas:1.12.0');
  });

  it('renders the 1.x workspace mount, the folder grant and the Agent Canvas state volume as a reader types them', () => {
    const run = render(byId('workspace-run', '1.x'));
    expect(run).toContain('-e SANDBOX_VOLUMES="${WORKSPACE_BASE:?set it first (see above)}":/workspace/project:rw \\');
    expect(run).not.toContain('SANDBOX_RUNTIME_BINDING_ADDRESS');
    expect(commandLines(render(byId('workspace-grant', '1.x')))).toEqual(['setfacl -R -m u:10001:rwX,d:u:10001:rwX,d:u:$(id -u):rwX "${WORKSPACE_BASE:?set it first (see above)}"']);
    const binding = render(byId('network-binding', '1.x'));
    expect(binding).toContain('-p 127.0.0.1:3000:3000 \\\n    -p "${BRIDGE_GATEWAY:?set it first (see above)}":3000:3000 \\');
    expect(commandLines(render(byId('bridge-gateway', '1.x')))).toEqual([
      "export BRIDGE_GATEWAY=$(docker run --rm --add-host host.docker.internal:host-gateway --entrypoint awk docker.openhands.dev/openhands/openhands:1.11 '/host.docker.internal/ {print $1; exit}' /etc/hosts)",
    ]);
    const canvas = render(byId('canvas-run', 'canvas'));
    expect(canvas).toContain('-v agent-canvas-state:/home/openhands/.openhands \\\n    -v "${PROJECTS_DIR:?set it first (see above)}":/projects \\');
    expect(canvas).toContain('-p 127.0.0.1:8000:8000 \\');
  });

  it('renders placeholders, variables, command substitutions and home paths as a reader types them', () => {
    expect(render(byId('workspace-base-linux'))).toContain('export WORKSPACE_BASE=/path/to/your/code');
    expect(render(byId('workspace-base-wsl'))).toContain('export WORKSPACE_BASE=/mnt/c/path/to/your/code');
    const run = render(byId('workspace-run'));
    expect(run).toContain('-e SANDBOX_USER_ID=$(id -u) \\');
    expect(run).toContain('-e WORKSPACE_MOUNT_PATH="${WORKSPACE_BASE:?set it first (see above)}" \\');
    expect(run).toContain('-v "${WORKSPACE_BASE:?set it first (see above)}":/opt/workspace_base \\');
    expect(run).toContain('-p 3000:3000 \\');
    for (const snippet of SNIPPETS) {
      for (const locale of ['en', 'ja'] as const) {
        // Go templates (`--format '{{...}}'`) are the only double braces a command may hold.
        const withoutTemplates = render(snippet, locale).replaceAll("'{{index .RepoDigests 0}}'", '').replaceAll("'{{range .IPAM.Config}}{{.Subnet}}{{end}}'", '');
        expect(withoutTemplates).not.toMatch(/undefined|\[object|NaN|\{\{/);
      }
    }
  });

  it('quotes literal words only when the shell would split or expand them', () => {
    expect(renderWord('tcp://docker-socket-proxy:2375')).toBe('tcp://docker-socket-proxy:2375');
    expect(renderWord('two words')).toBe("'two words'");
    expect(renderWord("it's")).toBe("'it'\\''s'");
    expect(renderWord('$HOME')).toBe("'$HOME'");
    expect(renderWord(placeholder('workspaceDir'))).toBe('/path/to/your/code');
    expect(renderWord(variable('WORKSPACE_BASE'))).toBe('"$WORKSPACE_BASE"');
    expect(renderWord(setEarlier('BRIDGE_GATEWAY'))).toBe('"${BRIDGE_GATEWAY:?set it first (see above)}"');
    expect(renderWord(commandOutput('id -u'))).toBe('$(id -u)');
    expect(renderWord(home('.openhands-state'))).toBe('~/.openhands-state');
    expect(renderWord(image('socket-proxy'))).toBe('tecnativa/docker-socket-proxy:0.4.1');
    expect(renderWord(concat(variable('WORKSPACE_BASE'), '/sub dir'))).toBe(`"$WORKSPACE_BASE"'/sub dir'`);
  });

  it.each(SNIPPETS.map((snippet) => [snippet.id, snippet] as const))('renders %s as valid bash in both locales', async (_id, snippet) => {
    for (const locale of ['en', 'ja'] as const) {
      await expect(parse(render(snippet, locale))).resolves.toBeDefined();
    }
  });

  it('rejects what is not bash, so the parse check above can fail', async () => {
    await expect(parse('docker run \\\n    -e A=$(id -u \\\n')).rejects.toBeDefined();
  });
});
