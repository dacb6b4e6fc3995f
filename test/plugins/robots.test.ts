import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LoadContext } from '@docusaurus/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import robotsPlugin, { robotsTxt } from '../../src/plugins/robots';

describe('robots plugin', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ohg-robots-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('names the sitemap of every locale at the address the site is built for', () => {
    expect(robotsTxt('https://example-org.github.io', '/openhands-docker-guide/', ['en', 'ja'], 'en')).toBe(
      [
        'User-agent: *',
        'Allow: /',
        '',
        'Sitemap: https://example-org.github.io/openhands-docker-guide/sitemap.xml',
        'Sitemap: https://example-org.github.io/openhands-docker-guide/ja/sitemap.xml',
        '',
      ].join('\n'),
    );
  });

  const context = (currentLocale: string) =>
    ({
      siteConfig: { url: 'https://guide.example', baseUrl: '/' },
      i18n: { currentLocale, defaultLocale: 'en', locales: ['en', 'ja'] },
    }) as unknown as LoadContext;

  it('writes robots.txt at the root of the default locale\'s build only', async () => {
    await robotsPlugin(context('ja')).postBuild!({ outDir: dir } as never);
    expect(existsSync(path.join(dir, 'robots.txt'))).toBe(false);
    await robotsPlugin(context('en')).postBuild!({ outDir: dir } as never);
    expect(await readFile(path.join(dir, 'robots.txt'), 'utf8')).toContain('Sitemap: https://guide.example/ja/sitemap.xml');
  });
});
