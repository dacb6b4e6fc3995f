import type { ClaimKind } from '../claims';
import type { MessageKey } from '../../i18n/messages';

/**
 * What a version's pages say about its releases other than the one they document: each
 * finding with the first and last release it is known to hold for, where the knowledge
 * comes from, and what a reader of another release should do. Rendered by
 * `<ReleaseFacts/>`; scripts/docs-lint/rules/release-range.ts fails a claim or a page that
 * states a finding for a release outside its range.
 */
export interface ReleaseLine<R extends string = string> {
  /** Every release the guide knows of, oldest first, each with where it was seen. */
  readonly releases: Readonly<Record<R, string>>;
  readonly facts: Readonly<Record<string, ReleaseFact<R>>>;
}

/** A change the sources place after release `after` and no later than release `by`. */
export interface Bracket<R extends string = string> {
  readonly after: R;
  readonly by: R;
}

/** An inclusive range of releases, in the order of ReleaseLine.releases. */
export interface ReleaseRange<R extends string = string> {
  readonly from: R;
  readonly to: R;
}

export interface ReleaseFact<R extends string = string> {
  /** The finding, as a sentence. */
  readonly statement: MessageKey;
  /** The releases it is known to hold for: read in their source, and verified where `claims` say so. */
  readonly holds: ReleaseRange<R>;
  /**
   * Claims of this version's registry that state the finding: the harness verifies them on the
   * stand-in of the documented release, so that release must lie in `holds`.
   */
  readonly claims: readonly ClaimKind[];
  /** Where the range comes from: upstream files at commits tied to releases, release notes. */
  readonly sources: readonly string[];
  /** Where it starts, when that is not `holds.from`: the sources place it after one release and by another. */
  readonly begins?: Bracket<R>;
  /**
   * Where it stops holding, as far as the sources show (undefined: no later release shows a
   * change, or none could be read), and what holds from then on.
   */
  readonly changes?: Bracket<R> & { readonly what: MessageKey };
  /** What a reader on a release outside `holds` should do: upgrade, or the measure that covers them. */
  readonly advice: MessageKey;
}

/** The position of a release in its line; -1 for one the line does not know. */
export function releaseIndex<R extends string>(line: ReleaseLine<R>, release: string): number {
  return Object.keys(line.releases).indexOf(release);
}

/** Whether `release` lies within `range` of `line` (both ends included). */
export function inRange<R extends string>(line: ReleaseLine<R>, range: ReleaseRange<R>, release: string): boolean {
  const at = releaseIndex(line, release);
  return at >= 0 && at >= releaseIndex(line, range.from) && at <= releaseIndex(line, range.to);
}
