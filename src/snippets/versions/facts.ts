/**
 * Values the pages state in running text that come from upstream, not from a command on
 * the page: defaults, ranges, advice the guide corrects. Each carries its source, so a
 * value in prose is either in a snippet of the same section or in its version's facts
 * with where it comes from (scripts/docs-lint/rules/prose-values.ts enforces that).
 */
export interface StatedFact {
  /** The value exactly as the prose writes it. */
  readonly value: string;
  /**
   * Where it comes from: upstream repository, tag (or commit) and path, with lines where they
   * help, or a public page; where no public source exists, a source that says so. Never a
   * file outside this repository.
   */
  readonly source: string;
}
