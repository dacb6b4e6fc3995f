import { describe, expect, it } from 'vitest';
import { checkDocs } from '../../scripts/docs-lint/check-docs';
import { plainSentences } from '../../scripts/docs-lint/rules/ja-polite';
import type { Registry } from '../../scripts/docs-lint/site';
import type { ReleaseLine } from '../../src/snippets/versions/release-facts';
import { fixtureSite, flatMessages, JA_DIR, ruleIds, type FixtureOptions } from './fixture-site';
import { SNIPPETS, WITH_BAD_CLAIM, WITH_SPARE, withLimits } from './fixtures/good/src/snippets/versions/canvas/registry';

const JA_INTRO = `${JA_DIR}/intro.mdx`;

async function check(options: FixtureOptions = {}, registry: Registry = SNIPPETS) {
  return flatMessages(await checkDocs({ root: fixtureSite(options), registries: { canvas: { registry } } }));
}

describe('checkDocs on the good fixture', () => {
  it('reports nothing for pages that use only registered snippets, in both locales alike', async () => {
    expect(await check()).toEqual([]);
  });

  it('returns every page, both catalogs and the registry', async () => {
    const files = await checkDocs({ root: fixtureSite(), registries: { canvas: { registry: SNIPPETS } } });
    expect(files.map((file) => file.path)).toEqual([
      'docs/intro.mdx',
      'docs/network/isolation.md',
      `${JA_DIR}/intro.mdx`,
      `${JA_DIR}/network/isolation.md`,
      'src/i18n/en.json',
      'src/i18n/ja.json',
      'src/snippets/versions/canvas/registry.ts',
    ]);
  });
});

describe('no-hand-written-command', () => {
  it('reports a fenced `docker run`, a `$ ` prompt in <pre> and a string in <pre>, each at its line', async () => {
    const messages = await check({ overlay: 'hand-written-command' });
    expect(ruleIds(messages)).toEqual(['no-hand-written-command']);
    expect(messages.map((message) => message.at)).toEqual([
      'docs/intro.mdx:40:1',
      'docs/intro.mdx:45:1',
      'docs/intro.mdx:48:6',
    ]);
    expect(messages[0]?.reason).toBe(
      'Unexpected hand-written command `docker run -it --rm -p 3000:3000 example` in a code block, expected `<Snippet id="..."/>` with a command of its version\'s registry (src/snippets/versions/<version>/registry.ts)',
    );
    expect(messages[1]?.reason).toContain('`$ curl http://127.0.0.1:3000` in a `<pre>` element');
    expect(messages[2]?.reason).toContain('`sudo iptables -L`');
    expect(messages.every((message) => message.fatal === true)).toBe(true);
  });
});

describe('unknown-snippet', () => {
  it('reports an unknown id with the nearest registered id, and a <Snippet> without an id', async () => {
    const messages = await check({ overlay: 'unknown-snippet' });
    const unknown = messages.filter((message) => message.ruleId === 'unknown-snippet');
    expect(unknown).toEqual([
      expect.objectContaining({
        at: 'docs/intro.mdx:17:1',
        reason: 'Unexpected `<Snippet>` without an `id`, expected `<Snippet id="..."/>` with a string id',
      }),
      expect.objectContaining({
        at: 'docs/intro.mdx:23:14',
        reason: 'Unexpected unknown snippet id `demo-ap`, expected a registered id such as `demo-app` (src/snippets/versions/canvas/registry.ts)',
      }),
    ]);
    // The translation still shows demo-app where the English page now has the typo.
    expect(messages).toContainEqual(
      expect.objectContaining({
        at: `${JA_INTRO}:21:14`,
        ruleId: 'locale-parity',
        reason: 'Unexpected snippet `demo-app`, expected `demo-ap` as in docs/intro.mdx:23:14',
      }),
    );
  });
});

describe('unknown-snippet on audit tables', () => {
  it('reports an <AuditTable> without a snippet and one whose snippet has no audit claim', async () => {
    const messages = await check({ overlay: 'audit-table' });
    expect(messages.filter((m) => m.ruleId === 'unknown-snippet').map((m) => `${m.at} ${m.reason}`)).toEqual([
      'docs/network/isolation.md:5:13 Unexpected audit table of snippet `demo-network`, which has no `audit` claim, expected a snippet whose claims include one (src/snippets/versions/canvas/registry.ts)',
      'docs/network/isolation.md:7:1 Unexpected `<AuditTable>` without an `snippet`, expected `<AuditTable snippet="..."/>` with a string id',
    ]);
    // The Japanese page lacks the table: parity names it as an audit table, not as a snippet.
    expect(messages.filter((m) => m.ruleId === 'locale-parity').map((m) => m.reason)).toContainEqual(expect.stringContaining('`<AuditTable> demo-network`'));
  });
});

describe('unused-snippet', () => {
  it('reports a registered snippet no page shows, at its key in registry.ts', async () => {
    const messages = await check({}, WITH_SPARE);
    expect(messages).toEqual([
      expect.objectContaining({
        at: 'src/snippets/versions/canvas/registry.ts:49:3',
        ruleId: 'unused-snippet',
        reason: expect.stringContaining('Unexpected snippet `spare-snippet` that no page of version canvas shows'),
      }),
    ]);
  });
});

describe('locale-parity', () => {
  it('reports a snippet the Japanese page lacks, where it belongs', async () => {
    const messages = await check({ overlay: 'ja-missing-snippet' });
    expect(messages).toEqual([
      expect.objectContaining({
        at: `${JA_INTRO}:20:14`,
        ruleId: 'locale-parity',
        reason: expect.stringContaining('Unexpected missing snippet `demo-workspace`, expected it here as in docs/intro.mdx:15:10'),
      }),
    ]);
  });

  it('reports heading ids that differ, and a heading without an id as heading-id', async () => {
    const messages = await check({ overlay: 'heading-mismatch' });
    expect(ruleIds(messages)).toEqual(['heading-id', 'locale-parity']);
    expect(messages).toContainEqual(
      expect.objectContaining({
        at: `${JA_INTRO}:13:1`,
        ruleId: 'locale-parity',
        reason: 'Unexpected heading id `work-space`, expected `workspace` as in docs/intro.mdx:13:1',
      }),
    );
    expect(messages).toContainEqual(
      expect.objectContaining({
        ruleId: 'locale-parity',
        reason: expect.stringContaining('Unexpected missing heading id `start-the-app`, expected it here as in docs/intro.mdx:17:1'),
      }),
    );
    expect(messages).toContainEqual(
      expect.objectContaining({
        at: `${JA_INTRO}:17:1`,
        ruleId: 'heading-id',
        reason: 'Unexpected heading `アプリの起動` without an id, expected `## アプリの起動 {#some-id}`',
      }),
    );
  });

  it('reports an English page without a Japanese page', async () => {
    const messages = await check({ remove: [`${JA_DIR}/network/isolation.md`] });
    expect(messages).toEqual([
      expect.objectContaining({
        at: 'docs/network/isolation.md:1:1',
        ruleId: 'locale-parity',
        reason: `Unexpected en page without a ja counterpart, expected \`${JA_DIR}/network/isolation.md\``,
      }),
    ]);
  });

  it('reports a missing locale folder', async () => {
    const messages = await check({ remove: ['docs'] });
    expect(messages).toContainEqual(
      expect.objectContaining({ ruleId: 'missing-file', reason: expect.stringContaining('missing folder `docs/`') }),
    );
  });
});

describe('i18n-keys', () => {
  it('reports a key the registry uses that ja.json lacks, and keys only one locale has', async () => {
    const messages = await check({ overlay: 'missing-translation-key' });
    expect(ruleIds(messages)).toEqual(['i18n-keys']);
    expect(messages).toEqual([
      expect.objectContaining({
        at: 'src/i18n/ja.json:8:3',
        reason: 'Unexpected missing key `snippet.claims`, expected it as in src/i18n/en.json:10:3 (the same keys in both locales)',
      }),
      expect.objectContaining({
        at: 'src/i18n/ja.json:9:3',
        reason: expect.stringContaining('Unexpected key `snippet.claim` that src/i18n/en.json does not have'),
      }),
      expect.objectContaining({
        at: 'src/snippets/versions/canvas/registry.ts:41:24',
        reason:
          'Unexpected key `comment.create-network` (snippet `demo-network`, `steps[0].comment`) missing from src/i18n/ja.json, expected every message the registry uses in both locales',
      }),
    ]);
  });

  it('reports interpolation variables that differ between the locales', async () => {
    const messages = await check({ overlay: 'interpolation-mismatch' });
    expect(messages).toEqual([
      expect.objectContaining({
        at: 'src/i18n/ja.json:7:3',
        ruleId: 'i18n-keys',
        reason:
          'Unexpected interpolation {{container}}, {{porte}} in `claim.port-loopback-only`, expected {{container}}, {{port}} as in src/i18n/en.json',
      }),
    ]);
  });

  it('reports a claim sentence that interpolates a field its claim does not have', async () => {
    const messages = await check({ overlay: 'claim-variable' });
    expect(messages).toEqual([
      expect.objectContaining({
        at: 'src/i18n/en.json:8:3',
        ruleId: 'i18n-keys',
        reason: 'Unexpected {{tag}} in `claim.image`, expected only fields of a `image` claim: {{container}}, {{image}}',
      }),
    ]);
  });
});

describe('registry', () => {
  it('reports registry data a claim contradicts, at the snippet in registry.ts', async () => {
    const messages = await check({}, WITH_BAD_CLAIM);
    expect(messages).toEqual([
      expect.objectContaining({
        at: 'src/snippets/versions/canvas/registry.ts:19:3',
        ruleId: 'registry',
        reason:
          'Snippet `demo-app`, `claims[0].port`: Unexpected port 8080 of `openhands-app`, expected a host port its `docker run` publishes (3000)',
      }),
    ]);
  });
});

describe('parse', () => {
  it('reports a page Docusaurus could not compile (an HTML comment in MDX) at the syntax error', async () => {
    const messages = await check({ overlay: 'parse-error' });
    expect(messages).toEqual([
      expect.objectContaining({
        at: `${JA_DIR}/network/isolation.md:3:2`,
        ruleId: 'parse',
        reason: expect.stringContaining('Unexpected MDX syntax'),
      }),
    ]);
  });
});

describe('prose-value', () => {
  it('accepts prose whose values are the page\'s commands', async () => {
    expect(await check({ overlay: 'prose-value' }, withLimits('4g', 1))).toEqual([]);
  });

  it('reports --memory=4g and 4 GiB in prose when the snippet says 8g, at file:line:column, naming what the command says', async () => {
    const messages = await check({ overlay: 'prose-value' }, withLimits('8g', 1));
    expect(ruleIds(messages)).toEqual(['prose-value']);
    expect(messages.map((m) => m.at)).toEqual(['docs/intro.mdx:25:26', 'docs/intro.mdx:25:58']);
    expect(messages[0]!.reason).toContain('Unexpected `--memory=4g` in running text');
    expect(messages[0]!.reason).toContain('`--memory=8g`');
    expect(messages[1]!.reason).toContain('Unexpected `4 GiB`');
    expect(messages[1]!.reason).toContain('8 GiB');
  });

  it('reports a CPU count the command does not set', async () => {
    const messages = await check({ overlay: 'prose-value' }, withLimits('4g', 2));
    expect(messages.map((m) => `${m.at} ${m.reason.slice(0, 24)}`)).toEqual(['docs/intro.mdx:25:69 Unexpected `1 CPU` in ru']);
  });

  it('reports a caption whose number is not its snippet\'s', async () => {
    const messages = await check({ overlay: 'prose-value-caption' }, withLimits('4g', 1));
    expect(ruleIds(messages)).toEqual(['prose-value']);
    expect(messages[0]!.at).toMatch(/^src\/i18n\/en\.json:\d+:\d+$/);
    expect(messages[0]!.reason).toContain('message `caption.workspace-run`');
  });
});

describe('ja-terminology', () => {
  it('reports each rejected variant in a Japanese page where it stands, naming the term to use and the table row', async () => {
    const messages = await check({ overlay: 'terminology-drift' });
    expect(ruleIds(messages)).toEqual(['ja-terminology']);
    expect(messages.map((m) => m.at)).toEqual([`${JA_INTRO}:11:46`, `${JA_INTRO}:11:35`]);
    expect(messages[0]!.reason).toBe('Unexpected 「Web 画面」, expected 「Web UI」 for “web interface” (i18n/ja/terminology.md:5)');
    expect(messages[1]!.reason).toContain('Unexpected 「コンテナー」, expected 「コンテナ」');
  });

  it('refuses a table whose rejected variant is inside a preferred term', async () => {
    const messages = await check({ overlay: 'terminology-clash' });
    expect(messages.map((m) => `${m.at} ${m.ruleId}`)).toContain('i18n/ja/terminology.md:5:1 ja-terminology');
    expect(messages.find((m) => m.at.startsWith('i18n/ja/terminology.md'))!.reason).toContain('inside the preferred term 「コンテナー」');
  });
});

describe('ja-terminology, upstream', () => {
  it('reports "upstream" in Latin script in a Japanese page, naming 開発元', async () => {
    const messages = await check({ overlay: 'ja-upstream' });
    expect(ruleIds(messages)).toEqual(['ja-terminology']);
    expect(messages.map((m) => m.at)).toEqual([`${JA_INTRO}:11:1`]);
    expect(messages[0]!.reason).toBe('Unexpected 「upstream」, expected 「開発元」 for “upstream (the OpenHands project)” (i18n/ja/terminology.md:7)');
  });
});

describe('ja-polite', () => {
  it('reports each plain-form sentence of a Japanese message at its key, not an aside in parentheses, not a shell comment', async () => {
    const messages = await check({ overlay: 'ja-plain-style' });
    expect(ruleIds(messages)).toEqual(['ja-polite']);
    expect(messages.map((m) => m.at)).toEqual(['src/i18n/ja.json:3:3', 'src/i18n/ja.json:8:3']);
    expect(messages[0]!.reason).toBe('Unexpected plain-form sentence ending 「…アプリを起動する。」 in `caption.workspace-run`, expected です・ます (です, ます, ません, ました, ください) as in the rest of the Japanese text');
    expect(messages[1]!.reason).toContain('「…ほかのホストからは届かない。」 in `claim.image`');
  });
});

describe('plainSentences', () => {
  it('reads a fragment a claim sentence ends with as the end of that sentence, and skips one that ends in {{variable}}', () => {
    expect(plainSentences('workspaceChown.root-owned', 'root のものになり、そのままである')).toEqual(['root のものになり、そのままである']);
    expect(plainSentences('workspaceChown.root-owned', 'root のものになり、そのままです')).toEqual([]);
    expect(plainSentences('claim.workspace-chown', 'ファイルは{{outcome}}。ランタイムは所有者を変えます。')).toEqual([]);
    expect(plainSentences('evidence.result.verified', '確認済み')).toEqual([]);
    expect(plainSentences('comparison.cell.none', '公開しない。')).toEqual([]);
  });
});

describe('admonition-title', () => {
  it('reports `:::note Title`, which renders as a paragraph under the v4 flags, with the bracket form to write', async () => {
    const messages = await check({ overlay: 'admonition-legacy-title' });
    expect(ruleIds(messages)).toEqual(['admonition-title']);
    expect(messages).toEqual([
      expect.objectContaining({
        at: 'docs/intro.mdx:25:1',
        reason: 'Unexpected admonition title after a space, which renders as a paragraph with the colons, expected `:::note[Read this first]`',
      }),
    ]);
  });
});

describe('release-range', () => {
  /** Three releases; the finding holds for the first two, and the fixture's demo-app claims it. */
  const line: ReleaseLine = {
    releases: { '1.0.0': 'test', '1.1.0': 'test', '1.2.0': 'test' },
    facts: {
      'loopback-page': {
        statement: 'claim.port-loopback-only',
        holds: { from: '1.0.0', to: '1.1.0' },
        claims: ['port-loopback-only'],
        sources: ['test'],
        advice: 'claim.port-loopback-only',
      },
    },
  };
  const checkAt = async (release: string, options: FixtureOptions = {}) =>
    flatMessages(await checkDocs({ root: fixtureSite(options), registries: { canvas: { registry: SNIPPETS, release, releaseLine: line } } }));

  it('reports nothing when the documented release is within the range of every finding a claim states', async () => {
    expect(await checkAt('1.1.0')).toEqual([]);
  });

  it('reports a claim whose finding does not hold for the documented release, at its snippet in the registry', async () => {
    const messages = await checkAt('1.2.0');
    expect(ruleIds(messages)).toEqual(['release-range']);
    expect(messages).toEqual([
      expect.objectContaining({
        at: expect.stringMatching(/^src\/snippets\/versions\/canvas\/registry\.ts:\d+:\d+$/),
        reason:
          'Unexpected claim `port-loopback-only` in snippet `demo-app`: it states the finding `loopback-page`, which holds for 1.0.0 to 1.1.0, while version canvas documents 1.2.0; expected the claim to say what 1.2.0 does, or the finding\'s range in src/snippets/versions/canvas/releases.ts moved, with its source',
      }),
    ]);
  });

  it('reports another release named in running text, where it stands, and not one in code or the documented one', async () => {
    const messages = await checkAt('1.1.0', { overlay: 'release-in-prose' });
    expect(messages.map((m) => `${m.at} ${m.ruleId}`)).toEqual(['docs/intro.mdx:13:12 release-range']);
    expect(messages[0]!.reason).toContain('Unexpected release 1.0.0 in running text of a page of canvas, which documents 1.1.0');
  });

  it('reports a documented release the line does not know', async () => {
    const messages = await checkAt('2.0.0');
    expect(messages.map((m) => m.reason)).toEqual([expect.stringContaining('Unexpected documented release 2.0.0 of version canvas')]);
  });
});
