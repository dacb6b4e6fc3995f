/**
 * Where the guide is published and where its sources live, from the environment, so that a
 * fork or a copy under a sub-path builds with its own address without editing the config.
 *
 * - `OPENHANDS_GUIDE_URL`: the origin the site is served from, no path
 *   (`https://example-org.github.io`). GitHub Pages: `actions/configure-pages`' `origin`.
 * - `OPENHANDS_GUIDE_BASE_URL`: the path the site is served under (`/openhands-docker-guide/`);
 *   `''` and `/repo` are accepted as `/` and `/repo/`, as `actions/configure-pages`'
 *   `base_path` gives them.
 * - `OPENHANDS_GUIDE_REPO_URL`: the repository the "Edit this page" links open
 *   (`https://github.com/<owner>/<repo>`), and `OPENHANDS_GUIDE_REPO_BRANCH` its branch.
 *
 * Read by docusaurus.config.ts and by the browser tests (test/site), which must agree with
 * the build they test.
 */

/** Used when `OPENHANDS_GUIDE_URL` is unset: a reserved name, never a real site. */
export const PLACEHOLDER_URL = 'https://openhands-docker-guide.example';
/** Used when `OPENHANDS_GUIDE_REPO_URL` is unset: the deploy workflow sets the real one. */
export const PLACEHOLDER_REPO_URL = 'https://github.com/your-org/openhands-docker-guide';
export const DEFAULT_BRANCH = 'main';

export interface SiteAddress {
  /** Origin, no trailing slash: `https://example-org.github.io`. */
  readonly url: string;
  /** Starts and ends with `/`: `/`, `/openhands-docker-guide/`. */
  readonly baseUrl: string;
  /** Repository web address, no trailing slash. */
  readonly repoUrl: string;
  readonly branch: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export function siteUrl(value: string | undefined): string {
  if (value === undefined || value.trim() === '') return PLACEHOLDER_URL;
  let parsed: URL;
  try {
    parsed = new URL(value.trim());
  } catch {
    throw new Error(`OPENHANDS_GUIDE_URL=${value} is not a URL; expected an origin such as https://example-org.github.io`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`OPENHANDS_GUIDE_URL=${value}: expected an http(s) origin such as https://example-org.github.io`);
  }
  if (parsed.pathname !== '/' || parsed.search || parsed.hash) {
    throw new Error(
      `OPENHANDS_GUIDE_URL=${value} has a path: give the origin alone (${parsed.origin}) and the path in OPENHANDS_GUIDE_BASE_URL (${parsed.pathname.replace(/\/?$/, '/')})`,
    );
  }
  return parsed.origin;
}

export function siteBaseUrl(value: string | undefined): string {
  const trimmed = (value ?? '').trim();
  if (trimmed === '' || trimmed === '/') return '/';
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.includes('?') || trimmed.includes('#') || trimmed.includes('//')) {
    throw new Error(`OPENHANDS_GUIDE_BASE_URL=${value}: expected a path such as /openhands-docker-guide/ (the origin goes in OPENHANDS_GUIDE_URL)`);
  }
  return `/${trimmed.replace(/^\/+|\/+$/g, '')}/`;
}

export function repoUrl(value: string | undefined): string {
  if (value === undefined || value.trim() === '') return PLACEHOLDER_REPO_URL;
  try {
    new URL(value.trim());
  } catch {
    throw new Error(`OPENHANDS_GUIDE_REPO_URL=${value} is not a URL; expected e.g. https://github.com/<owner>/<repo>`);
  }
  return value.trim().replace(/\/+$/, '').replace(/\.git$/, '');
}

export function siteAddress(env: Env = process.env): SiteAddress {
  return {
    url: siteUrl(env.OPENHANDS_GUIDE_URL),
    baseUrl: siteBaseUrl(env.OPENHANDS_GUIDE_BASE_URL),
    repoUrl: repoUrl(env.OPENHANDS_GUIDE_REPO_URL),
    branch: env.OPENHANDS_GUIDE_REPO_BRANCH?.trim() || DEFAULT_BRANCH,
  };
}

/** The "Edit this page" base: the docs plugin appends the file's path in the repository. */
export function editUrlBase(address: SiteAddress): string {
  return `${address.repoUrl}/edit/${address.branch}/`;
}
