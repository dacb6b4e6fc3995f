import { describe, expect, it } from 'vitest';
import { assetKind, isLoopbackUrl, summariseDownloads, unhashedName, type Download } from '../../scripts/bench/site/assets';

const download = (url: string, encodedBytes: number, extra: Partial<Download> = {}): Download => ({
  url,
  contentType: url.endsWith('.css') ? 'text/css; charset=utf-8' : url.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/html',
  resourceType: url.endsWith('.css') ? 'stylesheet' : url.endsWith('.js') ? 'script' : 'document',
  status: 200,
  encodedBytes,
  decodedBytes: encodedBytes * 3,
  ...extra,
});

describe('assetKind', () => {
  it('goes by Content-Type first', () => {
    expect(assetKind('/x', 'application/javascript')).toBe('js');
    expect(assetKind('/x.js', 'text/html')).toBe('other');
    expect(assetKind('/x', 'text/css;charset=utf-8')).toBe('css');
  });
  it('falls back to the extension when the type says nothing', () => {
    expect(assetKind('http://127.0.0.1:1/assets/js/main.1a2b3c4d.js?v=1', undefined)).toBe('js');
    expect(assetKind('/assets/css/styles.css', 'application/octet-stream')).toBe('css');
    expect(assetKind('/img/logo.svg', undefined)).toBe('other');
  });
});

describe('summariseDownloads', () => {
  it('sums JS and CSS by kind, encoded and decoded, and keeps the rest apart', () => {
    const summary = summariseDownloads([
      download('/docker-runtime', 9000),
      download('/assets/js/main.js', 100),
      download('/assets/js/656.js', 20),
      download('/assets/css/styles.css', 16),
      download('/img/logo.svg', 2, { contentType: 'image/svg+xml', resourceType: 'image' }),
    ]);
    expect(summary.js).toEqual({ count: 2, encoded: 120, decoded: 360 });
    expect(summary.css).toEqual({ count: 1, encoded: 16, decoded: 48 });
    expect(summary.total).toEqual({ count: 3, encoded: 136, decoded: 408 });
    expect(summary.files.map((f) => f.url)).toEqual(['/assets/js/main.js', '/assets/js/656.js', '/assets/css/styles.css']);
    expect(summary.others.map((o) => o.url)).toEqual(['/docker-runtime', '/img/logo.svg']);
  });

  it('counts a URL once: a prefetched chunk fetched again by the page (cache disabled) is a page resource, its repeat is listed apart', () => {
    const summary = summariseDownloads([
      download('/assets/js/a.js', 10, { resourceType: 'other' }),
      download('/assets/js/a.js', 10),
      download('/assets/js/b.js', 5, { resourceType: 'other' }),
    ]);
    expect(summary.js).toEqual({ count: 2, encoded: 15, decoded: 45 });
    expect(summary.repeated).toEqual({ count: 1, encoded: 10, decoded: 30 });
    expect(summary.prefetched).toEqual({ count: 1, encoded: 5, decoded: 15 });
    expect(summary.files.find((f) => f.url === '/assets/js/a.js')?.resourceType).toBe('script');
  });

  it('counts no failed or aborted response', () => {
    const summary = summariseDownloads([download('/assets/js/gone.js', 10, { status: 404 }), download('/assets/js/aborted.js', 10, { status: 0 })]);
    expect(summary.total).toEqual({ count: 0, encoded: 0, decoded: 0 });
  });
});

describe('isLoopbackUrl', () => {
  it('lets loopback and in-page data through', () => {
    expect(isLoopbackUrl('http://127.0.0.1:40123/docker-runtime')).toBe(true);
    expect(isLoopbackUrl('http://localhost:3000/')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:3000/')).toBe(true);
    expect(isLoopbackUrl('data:image/svg+xml,<svg/>')).toBe(true);
  });
  it('stops everything else', () => {
    expect(isLoopbackUrl('https://fonts.googleapis.com/css')).toBe(false);
    expect(isLoopbackUrl('http://127.0.0.1.example.com/')).toBe(false);
    expect(isLoopbackUrl('http://10.0.0.1/')).toBe(false);
    expect(isLoopbackUrl('chrome-extension://abc/x.js')).toBe(false);
    expect(isLoopbackUrl('not a url')).toBe(false);
  });
});

describe('unhashedName', () => {
  it('drops the content hash so the same chunk of two builds can be compared', () => {
    expect(unhashedName('/assets/js/main.efc7f174.js')).toBe('main.js');
    expect(unhashedName('http://127.0.0.1:1/assets/js/runtime~main.04bc7a89.js')).toBe('runtime~main.js');
    expect(unhashedName('/assets/css/styles.0a1b2c3d.css')).toBe('styles.css');
  });
});
