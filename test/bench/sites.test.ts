import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blankSiteFiles, projectVersions } from '../../scripts/bench/site/sites';

const ROOT = resolve(__dirname, '..', '..');

describe('the blank site', () => {
  const files = blankSiteFiles('3.10.2');
  const config = files['docusaurus.config.js']!;

  it('has the project\'s future flags, locales and docs route base, and nothing else of the project', () => {
    const project = readFileSync(resolve(ROOT, 'docusaurus.config.ts'), 'utf8');
    const future = /^\s*future:\s*(\{[^}]*\})/m.exec(project)?.[1];
    expect(future, 'the project config has a future setting').toBeDefined();
    expect(config).toContain(`future: ${future}`);
    expect(config).toContain("locales: ['en', 'ja']");
    expect(config).toContain("routeBasePath: '/'");
    expect(config).toContain('blog: false');
    expect(config).not.toMatch(/themes|plugins|customCss|search/);
  });

  it('pins the same Docusaurus version and has one docs page per locale at /', () => {
    expect(JSON.parse(files['package.json']!).dependencies['@docusaurus/core']).toBe('3.10.2');
    const pages = Object.keys(files).filter((path) => path.endsWith('.md'));
    expect(pages).toEqual(['docs/guide.md', 'i18n/ja/docusaurus-plugin-content-docs/current/guide.md']);
    for (const page of pages) expect(files[page]).toMatch(/^---\ntitle: .+\nslug: \/\n---/);
  });
});

describe('the blank site with the project\'s docs versions', () => {
  const versions = projectVersions(ROOT);
  const files = blankSiteFiles('3.10.2', versions);

  it('has every older version of versions.json, in both locales, and the same versions.json', () => {
    expect(versions.length, 'the project has older docs versions').toBeGreaterThan(0);
    expect(JSON.parse(files['versions.json']!)).toEqual(versions);
    for (const version of versions) {
      expect(files[`versioned_docs/version-${version}/guide.md`]).toMatch(/^---\ntitle: Guide\nslug: \/\n---/);
      expect(files[`i18n/ja/docusaurus-plugin-content-docs/version-${version}/guide.md`]).toBeDefined();
      expect(JSON.parse(files[`versioned_sidebars/version-${version}-sidebars.json`]!)).toHaveProperty('docs');
    }
  });
});
