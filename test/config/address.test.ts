import { describe, expect, it } from 'vitest';
import { editUrlBase, PLACEHOLDER_REPO_URL, PLACEHOLDER_URL, siteAddress } from '../../src/site/address';

describe('the site address from the environment (src/site/address.ts)', () => {
  it('defaults to the placeholder address at /, editing the placeholder repository', () => {
    expect(siteAddress({})).toEqual({ url: PLACEHOLDER_URL, baseUrl: '/', repoUrl: PLACEHOLDER_REPO_URL, branch: 'main' });
  });

  it('takes actions/configure-pages outputs as they come (origin, base_path)', () => {
    const address = siteAddress({
      OPENHANDS_GUIDE_URL: 'https://example-org.github.io',
      OPENHANDS_GUIDE_BASE_URL: '/openhands-docker-guide',
      OPENHANDS_GUIDE_REPO_URL: 'https://github.com/example-org/openhands-docker-guide.git',
      OPENHANDS_GUIDE_REPO_BRANCH: 'trunk',
    });
    expect(address).toEqual({
      url: 'https://example-org.github.io',
      baseUrl: '/openhands-docker-guide/',
      repoUrl: 'https://github.com/example-org/openhands-docker-guide',
      branch: 'trunk',
    });
    expect(editUrlBase(address)).toBe('https://github.com/example-org/openhands-docker-guide/edit/trunk/');
  });

  it.each([
    ['', '/'],
    ['/', '/'],
    ['docs', '/docs/'],
    ['/a/b/', '/a/b/'],
  ])('reads the base URL %j as %j', (value, expected) => {
    expect(siteAddress({ OPENHANDS_GUIDE_BASE_URL: value }).baseUrl).toBe(expected);
  });

  it('refuses an address Docusaurus would publish wrong, saying what to set instead', () => {
    expect(() => siteAddress({ OPENHANDS_GUIDE_URL: 'https://example-org.github.io/openhands-docker-guide' })).toThrow(
      'give the origin alone (https://example-org.github.io) and the path in OPENHANDS_GUIDE_BASE_URL (/openhands-docker-guide/)',
    );
    expect(() => siteAddress({ OPENHANDS_GUIDE_URL: 'example-org.github.io' })).toThrow('is not a URL');
    expect(() => siteAddress({ OPENHANDS_GUIDE_BASE_URL: 'https://example-org.github.io/x/' })).toThrow('expected a path');
    expect(() => siteAddress({ OPENHANDS_GUIDE_REPO_URL: 'github.com/x/y' })).toThrow('is not a URL');
  });
});
