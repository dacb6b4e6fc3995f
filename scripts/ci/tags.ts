/**
 * Published tags against the pinned ones (scripts/ci/newer-tags.ts): tag parsing, the newest
 * patch of a release line, and a registry's tag list (Docker Registry HTTP API v2, anonymous
 * pull token).
 */

interface Version {
  readonly numbers: readonly number[];
  /** What follows the numbers: `-python`, `-nikolaik`, ''. */
  readonly suffix: string;
}

export function parseTag(tag: string): Version | undefined {
  const match = /^v?(\d+(?:\.\d+)*)(-[A-Za-z][\w.-]*)?$/.exec(tag);
  return match ? { numbers: match[1]!.split('.').map(Number), suffix: match[2] ?? '' } : undefined;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

export interface TagFinding {
  readonly pinned: string;
  /** Newest tag of the pinned release line (same numbers but the last, same suffix), when newer than the pin. */
  readonly newestPatch: string | undefined;
  /** Newest release with the same suffix and as many numbers as the pin's line has, when newer. */
  readonly newestRelease: string | undefined;
  /** True when the pin names a release line (`0.33`): every pull gets its newest patch. */
  readonly follows: boolean;
}

/**
 * `1.6.1` against the registry's tags: the newest `1.6.x`, the newest `x.y.z`. A pin of two
 * numbers (`0.33`) follows its line: the newest `0.33.z` is what a pull gets.
 */
export function newerTags(pinned: string, tags: readonly string[]): TagFinding {
  const pin = parseTag(pinned);
  if (!pin) return { pinned, newestPatch: undefined, newestRelease: undefined, follows: false };
  const follows = pin.numbers.length <= 2;
  const parsed = tags.map((tag) => ({ tag, version: parseTag(tag) })).filter((t): t is { tag: string; version: Version } => t.version?.suffix === pin.suffix);
  const line = follows ? pin.numbers : pin.numbers.slice(0, -1);
  const depth = follows ? pin.numbers.length + 1 : pin.numbers.length;
  const sameLine = parsed.filter((t) => t.version.numbers.length === depth && compare(t.version.numbers.slice(0, line.length), line) === 0);
  const releases = parsed.filter((t) => t.version.numbers.length === depth);
  const newest = (list: typeof parsed) => list.sort((a, b) => compare(b.version.numbers, a.version.numbers))[0];
  const patch = newest(sameLine);
  const release = newest(releases);
  const newer = (t: (typeof parsed)[number] | undefined) => (t && (follows || compare(t.version.numbers, pin.numbers) > 0) ? t.tag : undefined);
  return { pinned, newestPatch: newer(patch), newestRelease: release && compare(release.version.numbers, (patch ?? { version: pin }).version.numbers) > 0 ? release.tag : undefined, follows };
}

/** `Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="..."` -> its parameters. */
export function parseChallenge(header: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of header.replace(/^Bearer\s+/i, '').matchAll(/(\w+)="([^"]*)"/g)) params[match[1]!] = match[2]!;
  return params;
}

export async function listTags(repository: string): Promise<string[]> {
  const slash = repository.indexOf('/');
  const hasRegistry = slash > 0 && /[.:]/.test(repository.slice(0, slash));
  const registry = hasRegistry ? repository.slice(0, slash) : 'registry-1.docker.io';
  const name = hasRegistry ? repository.slice(slash + 1) : repository.includes('/') ? repository : `library/${repository}`;
  let url: string | undefined = `https://${registry}/v2/${name}/tags/list?n=1000`;
  let token: string | undefined;
  const tags: string[] = [];
  while (url) {
    let response: Response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    if (response.status === 401 && !token) {
      const challenge = parseChallenge(response.headers.get('www-authenticate') ?? '');
      if (!challenge.realm) throw new Error(`${registry} asked for credentials without a token realm`);
      const tokenUrl = new URL(challenge.realm);
      if (challenge.service) tokenUrl.searchParams.set('service', challenge.service);
      tokenUrl.searchParams.set('scope', `repository:${name}:pull`);
      const answer = (await (await fetch(tokenUrl)).json()) as { token?: string; access_token?: string };
      token = answer.token ?? answer.access_token;
      response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    }
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    tags.push(...(((await response.json()) as { tags?: string[] }).tags ?? []));
    const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
    url = next ? new URL(next, `https://${registry}`).href : undefined;
  }
  return tags;
}

