import { describe, expect, it } from 'vitest';
import { newerTags, parseChallenge } from '../../scripts/ci/tags';

describe('newer published tags (scripts/ci/tags.ts)', () => {
  const tags = ['1.6.0', '1.6.1', '1.6.3', '1.7.0', '1.7.2-rc1', 'latest', 'main', '1.6.2'];

  it('finds the newest patch of an exact pin\'s line and the newest release', () => {
    expect(newerTags('1.6.1', tags)).toEqual({ pinned: '1.6.1', newestPatch: '1.6.3', newestRelease: '1.7.0', follows: false });
    expect(newerTags('1.7.0', tags)).toEqual({ pinned: '1.7.0', newestPatch: undefined, newestRelease: undefined, follows: false });
  });

  it('keeps a suffix: 1.34.0-python is compared with -python tags only', () => {
    expect(newerTags('1.34.0-python', ['1.34.0-python', '1.34.2-python', '1.35.0', '1.34.5-java'])).toMatchObject({ newestPatch: '1.34.2-python', newestRelease: undefined });
  });

  it('says which patch a release-line pin (0.33) gets when pulled', () => {
    expect(newerTags('0.33', ['0.33', '0.33.0', '0.33.2', '0.34.0', '0.33-nikolaik'])).toEqual({ pinned: '0.33', newestPatch: '0.33.2', newestRelease: '0.34.0', follows: true });
    expect(newerTags('0.33-nikolaik', ['0.33.1-nikolaik', '0.33.0-nikolaik', '0.33.1'])).toMatchObject({ newestPatch: '0.33.1-nikolaik', follows: true });
  });

  it('reads a registry\'s token challenge', () => {
    expect(parseChallenge('Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:openhands/agent-canvas:pull"')).toEqual({
      realm: 'https://ghcr.io/token',
      service: 'ghcr.io',
      scope: 'repository:openhands/agent-canvas:pull',
    });
  });
});
