/**
 * What a reader's browser downloaded for one page, summed by kind. Pure (no HTML, no
 * browser), so test/bench can check it: the browser side is in page-bytes.ts.
 */

export interface Download {
  readonly url: string;
  /** The response's Content-Type header, when it had one. */
  readonly contentType: string | undefined;
  /** What the browser fetched it as: script, stylesheet, document, other (prefetch), ... */
  readonly resourceType: string;
  readonly status: number;
  /** Body bytes as they came over the wire (compressed when the server compressed them). */
  readonly encodedBytes: number;
  /** Body bytes after decompression. */
  readonly decodedBytes: number;
}

export type AssetKind = 'js' | 'css' | 'other';

/** By Content-Type first, by the path's extension when the type says nothing. */
export function assetKind(url: string, contentType: string | undefined): AssetKind {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (/^(text|application)\/(javascript|ecmascript|x-javascript)$/.test(type)) return 'js';
  if (type === 'text/css') return 'css';
  if (type !== '' && type !== 'application/octet-stream') return 'other';
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  if (/\.(m?js|cjs)$/i.test(path)) return 'js';
  if (/\.css$/i.test(path)) return 'css';
  return 'other';
}

export interface Bytes {
  readonly count: number;
  readonly encoded: number;
  readonly decoded: number;
}

export interface AssetSummary {
  readonly js: Bytes;
  readonly css: Bytes;
  /** JS and CSS together: what the page-weight target is about. */
  readonly total: Bytes;
  /** The part of `total` fetched only as a prefetch for other pages (resource type other than script/stylesheet). */
  readonly prefetched: Bytes;
  /** Second and later downloads of a URL already counted (see summariseDownloads); in no total. */
  readonly repeated: Bytes;
  /** Every JS and CSS file counted, largest (encoded) first. */
  readonly files: readonly (Download & { readonly kind: 'js' | 'css' })[];
  /** Everything else the page loaded (HTML, fonts, images, JSON), for the record. */
  readonly others: readonly Download[];
}

const NONE: Bytes = { count: 0, encoded: 0, decoded: 0 };

function add(into: Bytes, download: Download): Bytes {
  return { count: into.count + 1, encoded: into.encoded + download.encodedBytes, decoded: into.decoded + download.decodedBytes };
}

const isPageResource = (download: Download): boolean => download.resourceType === 'script' || download.resourceType === 'stylesheet';

/**
 * Sums successful JS and CSS downloads, each URL once. With its cache disabled Chromium
 * downloads a chunk it prefetched again when the page then uses it; a reader's browser
 * takes the second from its cache, so the repeat counts in no total (it is listed as
 * `repeated`). A URL fetched both ways counts as a page resource, not a prefetch.
 * Failed responses (status >= 400, or 0 for aborted) count nowhere.
 */
export function summariseDownloads(downloads: readonly Download[]): AssetSummary {
  const byUrl = new Map<string, Download & { kind: 'js' | 'css' }>();
  let repeated = NONE;
  const others: Download[] = [];
  for (const download of downloads) {
    if (download.status === 0 || download.status >= 400) continue;
    const kind = assetKind(download.url, download.contentType);
    if (kind === 'other') {
      others.push(download);
      continue;
    }
    const first = byUrl.get(download.url);
    if (!first) {
      byUrl.set(download.url, { ...download, kind });
      continue;
    }
    repeated = add(repeated, download);
    if (!isPageResource(first) && isPageResource(download)) byUrl.set(download.url, { ...first, resourceType: download.resourceType });
  }
  let js = NONE;
  let css = NONE;
  let prefetched = NONE;
  const files = [...byUrl.values()].sort((a, b) => b.encodedBytes - a.encodedBytes);
  for (const file of files) {
    if (file.kind === 'js') js = add(js, file);
    else css = add(css, file);
    if (!isPageResource(file)) prefetched = add(prefetched, file);
  }
  const total = { count: js.count + css.count, encoded: js.encoded + css.encoded, decoded: js.decoded + css.decoded };
  return { js, css, total, prefetched, repeated, files, others };
}

/** Only loopback may be reached while measuring: anything else is aborted and listed. */
export function isLoopbackUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return true;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:' && parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return false;
  const host = parsed.hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** A build's file name without its content hash: `main.efc7f174.js` -> `main.js`. */
export function unhashedName(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  const file = path.slice(path.lastIndexOf('/') + 1);
  return file.replace(/\.[0-9a-f]{8}(\.(?:m?js|css))$/i, '$1');
}
