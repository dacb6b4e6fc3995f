import type { Config } from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import { themes as prismThemes } from 'prism-react-renderer';
import { editUrlBase, siteAddress } from './src/site/address';
import { gitHistory } from './src/site/history';

// OPENHANDS_GUIDE_URL, OPENHANDS_GUIDE_BASE_URL, OPENHANDS_GUIDE_REPO_URL and
// OPENHANDS_GUIDE_REPO_BRANCH (src/site/address.ts): a fork or a sub-path builds with its own address.
const address = siteAddress();
const history = gitHistory(__dirname);
if (!history.usable) {
  console.warn(`[openhands-guide] Pages show no "last updated" date: ${history.why}.`);
}

export default {
  title: 'OpenHands in Docker',
  tagline: 'Running OpenHands in Docker, with every command checked against a real Docker daemon',
  favicon: 'img/favicon.svg',
  // Where the site is served: canonical, hreflang, sitemap, robots.txt and social card URLs use it.
  url: address.url,
  baseUrl: address.baseUrl,

  // Every page promises that what it says was checked; a dangling link or anchor must fail the build too.
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  markdown: {
    hooks: { onBrokenMarkdownLinks: 'throw', onBrokenMarkdownImages: 'throw' },
    // Headings carry explicit `{#id}` ids so both locales share anchors; v4 defaults turn that syntax off.
    mdx1Compat: { headingIds: true },
  },

  future: { v4: true, faster: true },

  i18n: {
    defaultLocale: 'en',
    locales: ['en', 'ja'],
    localeConfigs: {
      en: { label: 'English', htmlLang: 'en' },
      ja: { label: '日本語', htmlLang: 'ja' },
    },
  },

  presets: [
    [
      'classic',
      {
        docs: {
          // Docs-only site: the docs intro is the home page.
          routeBasePath: '/',
          sidebarPath: './sidebars.ts',
          // "Edit this page": the English page in docs/ (or versioned_docs/), the Japanese one in i18n/ja/.
          editUrl: editUrlBase(address),
          editLocalizedFiles: true,
          showLastUpdateTime: history.usable,
          // One docs version per OpenHands generation (src/snippets/versions): Agent Canvas is
          // the current one, at the root; the older generations live under their own path.
          lastVersion: 'current',
          versions: {
            current: { label: 'Agent Canvas', path: '' },
            '1.x': { label: 'OpenHands 1.x (Local GUI)', path: '1.x', banner: 'unmaintained' },
            '0.33': { label: 'OpenHands 0.33', path: '0.33', banner: 'unmaintained' },
          },
        },
        blog: false,
        // Each page's last change (git history) in the sitemaps too.
        sitemap: { lastmod: history.usable ? 'date' : null },
        theme: { customCss: './src/css/custom.css' },
      } satisfies Preset.Options,
    ],
  ],

  // Reads reports/verification.json: the evidence under every snippet and the verification page.
  // robots: writes robots.txt pointing at the sitemaps of the configured address.
  plugins: ['./src/plugins/verification-report/index.ts', './src/plugins/robots/index.ts'],

  themes: [
    [
      '@easyops-cn/docusaurus-search-local',
      {
        // Offline search: the index is built with the site, no external service.
        hashed: true,
        language: ['en', 'ja'],
        indexDocs: true,
        indexBlog: false,
        indexPages: false,
        docsRouteBasePath: '/',
        highlightSearchTermsOnTargetPage: true,
      },
    ],
  ],

  themeConfig: {
    // The card link previews show (og:image, twitter:image); made by scripts/site/social-card.ts.
    image: 'img/social-card.png',
    colorMode: { respectPrefersColorScheme: true },
    navbar: {
      title: 'OpenHands in Docker',
      logo: { alt: 'OpenHands in Docker', src: 'img/logo.svg' },
      items: [
        { type: 'docSidebar', sidebarId: 'guide', position: 'left', label: 'Guide' },
        { type: 'docsVersionDropdown', position: 'right' },
        { type: 'localeDropdown', position: 'right' },
      ],
    },
    footer: {
      style: 'dark',
      links: [
        {
          title: 'Guide',
          items: [
            { label: 'How the commands are verified', to: '/verification' },
          ],
        },
        {
          title: 'Sources',
          items: [
            { label: 'OpenHands', href: 'https://github.com/OpenHands/OpenHands' },
            { label: 'docker-socket-proxy', href: 'https://github.com/Tecnativa/docker-socket-proxy' },
            { label: 'docker-bench-security', href: 'https://github.com/docker/docker-bench-security' },
          ],
        },
      ],
      copyright: 'Every command on these pages is generated from one typed catalogue of commands and run against a real Docker daemon.',
    },
    prism: {
      // github and dracula colour tokens below WCAG AA contrast (axe: comments 2.7:1, variables 2.6:1).
      theme: prismThemes.vsLight,
      darkTheme: prismThemes.vsDark,
      additionalLanguages: ['bash'],
    },
  } satisfies Preset.ThemeConfig,
} satisfies Config;
