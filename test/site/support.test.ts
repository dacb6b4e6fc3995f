/**
 * The site tests' own machinery, without a browser: the server's routing, the page list,
 * the stale-build check, the browser decision and the report checks.
 */
import { cpSync, mkdtempSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayRewrites, type ReportedRewrite } from '../../scripts/harness/run/rewrites';
import { browserDecision } from '../../scripts/browser/chromium';
import { buildProblem, FIXTURES_DIR } from './support/env';
import { figureIdsIn, sitePages } from './support/pages';
import { commandWords, firstDifference, loadReport, snippetEntry, staleness } from './support/report';
import { startServer, type SiteServer } from './support/server';
import { retryOnNetworkChange } from './support/site';

const FIXTURE_BUILD = path.join(FIXTURES_DIR, 'site-build');

describe('the static server (docusaurus serve routing)', () => {
  let server: SiteServer;
  beforeAll(async () => {
    server = await startServer({ root: FIXTURE_BUILD });
  });
  afterAll(() => server.close());

  const get = async (urlPath: string) => {
    const response = await fetch(new URL(urlPath, server.origin), { redirect: 'manual' });
    return { status: response.status, location: response.headers.get('location'), body: await response.text() };
  };

  it('listens on loopback only', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it.each([
    ['/', 'home en'],
    ['/docs', 'docs en'],
    ['/docs/', 'docs en'],
    ['/ja/', 'home ja'],
    ['/ja/docs', 'docs ja'],
  ])('serves %s', async (urlPath, text) => {
    const response = await get(urlPath);
    expect(response.status).toBe(200);
    expect(response.body).toContain(text);
  });

  it('redirects /x.html to /x, as cleanUrls does', async () => {
    const response = await get('/404.html');
    expect(response.status).toBe(301);
    expect(response.location).toBe('/404');
  });

  it('answers an unknown path with 404 and the 404 page', async () => {
    const response = await get('/no/such/page');
    expect(response.status).toBe(404);
    expect(response.body).toContain('not found en');
  });
});

describe('the page list', () => {
  it('comes from the sitemaps of every locale, with the locale from <html lang>', () => {
    expect(sitePages(FIXTURE_BUILD)).toEqual([
      { locale: 'en', path: '/', localPath: '/', name: 'index' },
      { locale: 'en', path: '/docs', localPath: '/docs', name: 'docs' },
      { locale: 'ja', path: '/ja/', localPath: '/', name: 'index' },
      { locale: 'ja', path: '/ja/docs', localPath: '/docs', name: 'docs' },
    ]);
  });

  it('reads snippet figure ids from the static HTML, quoted or not', () => {
    const docs = sitePages(FIXTURE_BUILD).find((p) => p.path === '/docs')!;
    expect(figureIdsIn(docs, FIXTURE_BUILD)).toEqual(['one', 'two']);
  });

  it('fails on a sitemap entry the build has no HTML for', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'site-pages-'));
    try {
      cpSync(FIXTURE_BUILD, dir, { recursive: true });
      rmSync(path.join(dir, 'ja', 'docs'), { recursive: true });
      expect(() => sitePages(dir)).toThrow('lists /ja/docs, but the build has no HTML file for it');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the stale-build check', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'site-stale-'));
    mkdirSync(path.join(root, 'docs'));
    writeFileSync(path.join(root, 'docs', 'intro.mdx'), '# Intro\n');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('asks for a build when there is none', () => {
    expect(buildProblem(root, path.join(root, 'build'))).toBe('build/ has no index.html: run `npm run build` first');
  });

  it('asks for a build when a source is newer than the oldest page', () => {
    const build = path.join(root, 'build');
    cpSync(FIXTURE_BUILD, build, { recursive: true });
    const past = new Date(Date.now() - 60_000);
    utimesSync(path.join(build, 'ja', 'index.html'), past, past);
    expect(buildProblem(root, build)).toMatch(/^build\/ is older than docs\/intro\.mdx .*: run `npm run build` first$/);
    const future = new Date(Date.now() + 60_000);
    for (const file of ['index.html', 'docs/index.html', '404.html', 'ja/index.html', 'ja/docs/index.html']) {
      utimesSync(path.join(build, file), future, future);
    }
    expect(buildProblem(root, build)).toBeUndefined();
  });
});

describe('the browser decision', () => {
  it('names the missing browser and how to install it', () => {
    const decision = browserDecision({ OPENHANDS_GUIDE_CHROMIUM: '/nonexistent/chromium' });
    expect(decision.missing).toContain('no browser at /nonexistent/chromium');
    expect(decision.missing).toContain('scripts/browser/ensure-browser.sh');
  });

  it('rejects a file that is not executable', () => {
    expect(browserDecision({ OPENHANDS_GUIDE_CHROMIUM: path.join(FIXTURE_BUILD, 'index.html') }).missing).toContain('is not executable');
  });
});

describe('the report checks', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'site-report-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, value: unknown) => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
    return file;
  };

  it('says to run the harness when there is no report', () => {
    expect(() => snippetEntry(loadReport(path.join(dir, 'absent.json')), '0.33/network-binding')).toThrow(
      /^no verification report for snippet 0\.33\/network-binding: no verification report at .*absent\.json: run the harness \(npm test\) first$/,
    );
  });

  it('says to run the harness again for a report of another schema', () => {
    const loaded = loadReport(write('old.json', { schema: 2, snippets: [] }));
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && loaded.problem).toMatch(/cannot be read: unexpected schema 2, expected 4 \(run the harness again: npm test\)$/);
  });

  it('says which snippet the report lacks', () => {
    const run = { engine: { id: 'host' }, snippets: [{ version: '0.33', id: 'network-binding' }] };
    const loaded = loadReport(write('partial.json', { schema: 4, runs: [run] }));
    expect(() => snippetEntry(loaded, '0.33/resource-limits')).toThrow(
      /^no verification report for snippet 0\.33\/resource-limits: run the harness \(npm test\) first \(.*partial\.json has 0\.33\/network-binding\)$/,
    );
  });

  it('tells a report of another registry entry apart', () => {
    const entry = { version: '0.33', id: 'network-binding', registryHash: '00000000' } as Parameters<typeof staleness>[0];
    expect(staleness(entry)).toMatch(/^the report verified registry entry 00000000 of network-binding, the registry now has [0-9a-f]{8}/);
  });
});

describe('comparing copied texts', () => {
  it('sees the same commands in texts whose comments differ', async () => {
    const en = '# Start the app\ndocker run --rm \\\n    -p 127.0.0.1:3000:3000 image';
    const ja = '# アプリを起動します\ndocker run --rm \\\n    -p 127.0.0.1:3000:3000 image';
    expect(await commandWords('s', ja)).toEqual(await commandWords('s', en));
  });

  it('sees different commands when a word differs', async () => {
    const en = 'docker run --rm -p 127.0.0.1:3000:3000 image';
    expect(await commandWords('s', en.replace('127.0.0.1:', ''))).not.toEqual(await commandWords('s', en));
  });

  it('names the first line that differs', () => {
    expect(firstDifference('a\nb\nc', 'a\nB\nc')).toBe('line 2: got "b", expected "B"');
    expect(firstDifference('a', 'a\nb')).toBe('line 2: got "(no line)", expected "b"');
  });
});

describe('replaying the declared rewrites on a copied text', () => {
  const copied = 'docker run -it --rm -p 3000:3000 --name openhands-app image';
  const rewrites: ReportedRewrite[] = [
    { snippet: 's', rule: 'no-tty', reason: '', offset: 11, from: '-it', to: '-d' },
    { snippet: 's', rule: 'free-host-port', reason: '', offset: 23, from: '3000:3000', to: '41234:3000' },
    { snippet: 'other', rule: 'no-tty', reason: '', offset: 0, from: 'x', to: 'y' },
  ];

  it('gives back what ran when the copy is the text the harness ran', () => {
    expect(replayRewrites(copied, 's', rewrites, [])).toBe('docker run -d --rm -p 41234:3000 --name openhands-app image');
  });

  it('throws when the copy differs where a rewrite applies', () => {
    expect(() => replayRewrites(copied.replace('-it', '-ti'), 's', rewrites, [])).toThrow(/unexpected "-ti" at offset 11 .*expected "-it"/);
  });

  it('gives a different text when the copy differs elsewhere, which the test then compares with ranOwn', () => {
    expect(replayRewrites(copied.replace('image', 'other'), 's', rewrites, [])).not.toBe(
      'docker run -d --rm -p 41234:3000 --name openhands-app image',
    );
  });
});

describe('repeating what a host network change broke', () => {
  const failing = (messages: string[]) => {
    let calls = 0;
    return {
      task: async () => {
        const message = messages[calls++];
        if (message) throw new Error(message);
        return calls;
      },
      calls: () => calls,
    };
  };

  it('repeats a task that failed with ERR_NETWORK_CHANGED, saying so', async () => {
    const flaky = failing(['GET /x: net::ERR_NETWORK_CHANGED']);
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    try {
      expect(await retryOnNetworkChange('t', flaky.task)).toBe(2);
    } finally {
      console.warn = warn;
    }
    expect(warnings).toEqual([expect.stringContaining('t: Chromium reported ERR_NETWORK_CHANGED')]);
  });

  it('does not repeat any other failure', async () => {
    const broken = failing(['expected 1 to be 0']);
    await expect(retryOnNetworkChange('t', broken.task)).rejects.toThrow('expected 1 to be 0');
    expect(broken.calls()).toBe(1);
  });

  it('gives up after the last attempt', async () => {
    const down = failing(['net::ERR_NETWORK_CHANGED', 'net::ERR_NETWORK_CHANGED', 'net::ERR_NETWORK_CHANGED']);
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      await expect(retryOnNetworkChange('t', down.task, 3)).rejects.toThrow('ERR_NETWORK_CHANGED');
    } finally {
      console.warn = warn;
    }
    expect(down.calls()).toBe(3);
  });
});
