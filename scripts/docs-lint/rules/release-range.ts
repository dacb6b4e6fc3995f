import type { Nodes } from 'mdast';
import type { Point } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import { inRange, type ReleaseFact, type ReleaseLine } from '../../../src/snippets/versions/release-facts';
import { isJsxElement } from '../../../src/doc-pages/tree';
import { report } from '../report';
import type { Site, SiteVersion } from '../site';
import { keyPoint } from '../source-points';
import type { Rule } from './rule';

const ID = 'release-range';
const releasesFile = (version: SiteVersion) => `src/snippets/versions/${version.version}/releases.ts`;

const rangeText = (fact: ReleaseFact) => (fact.holds.from === fact.holds.to ? fact.holds.from : `${fact.holds.from} to ${fact.holds.to}`);

/**
 * A claim that states a release-bound finding is verified on the stand-in of the release the
 * version documents, so that release must be one the finding holds for: after a release
 * bump, a claim whose finding no longer holds fails here before it can be verified against
 * the wrong stand-in.
 */
function checkClaims(version: SiteVersion, line: ReleaseLine, release: string): void {
  const source = String(version.registryFile.value);
  for (const [id, spec] of Object.entries(version.registry)) {
    for (const claim of spec.claims) {
      for (const [factId, fact] of Object.entries(line.facts)) {
        if (!fact.claims.includes(claim.kind) || inRange(line, fact.holds, release)) continue;
        report(
          version.registryFile,
          ID,
          `Unexpected claim \`${claim.kind}\` in snippet \`${id}\`: it states the finding \`${factId}\`, which holds for ${rangeText(fact)}, while version ${version.version} documents ${release}; expected the claim to say what ${release} does, or the finding's range in ${releasesFile(version)} moved, with its source`,
          keyPoint(source, id),
        );
      }
    }
  }
}

/**
 * Running text names a release of its own product only as the one its pages document:
 * what holds for other releases is stated through `<ReleaseFacts/>`, which renders each
 * finding with its range from the data, so no sentence can outlive the release it was true for.
 */
function checkPages(site: Site, version: SiteVersion, line: ReleaseLine, release: string): void {
  const others = Object.keys(line.releases).filter((known) => known !== release);
  if (others.length === 0) return;
  const pattern = new RegExp(`(?<![\\w.])(${others.map((r) => r.replaceAll('.', '\\.')).join('|')})(?![\\w]|\\.\\d)`, 'g');
  for (const page of site.pages.filter((p) => p.version === version.version)) {
    if (!page.tree) continue;
    visit(page.tree, (node: Nodes) => {
      // Components render from data; code is a command or a path, not a statement.
      if (isJsxElement(node) || node.type === 'code' || node.type === 'inlineCode' || node.type === 'mdxjsEsm') return SKIP;
      if (node.type !== 'text') return;
      for (const found of node.value.matchAll(pattern)) {
        const place = pointIn(node.value, node.position?.start, found.index ?? 0);
        report(
          page.file,
          ID,
          `Unexpected release ${found[1]} in running text of a page of ${version.version}, which documents ${release}; expected the finding stated through \`<ReleaseFacts/>\` from ${releasesFile(version)}, which carries its range and sources`,
          place,
        );
      }
      return;
    });
  }
}

/** The point `offset` characters into a text node that starts at `start`. */
function pointIn(text: string, start: Point | undefined, offset: number): Point | undefined {
  if (!start) return undefined;
  const lines = text.slice(0, offset).split('\n');
  return lines.length === 1 ? { line: start.line, column: start.column + offset } : { line: start.line + lines.length - 1, column: lines.at(-1)!.length + 1 };
}

/** Findings bound to releases are stated only within the releases they hold for. */
export const releaseRange: Rule = {
  id: ID,
  check(site) {
    for (const version of site.versions) {
      if (!version.releaseLine || !version.release) continue;
      if (!Object.hasOwn(version.releaseLine.releases, version.release)) {
        report(version.registryFile, ID, `Unexpected documented release ${version.release} of version ${version.version}, expected one of ${releasesFile(version)}: ${Object.keys(version.releaseLine.releases).join(', ')}`);
        continue;
      }
      checkClaims(version, version.releaseLine, version.release);
      checkPages(site, version, version.releaseLine, version.release);
    }
  },
};
