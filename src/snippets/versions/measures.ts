import type { MessageKey } from '../../i18n/messages';
import type { EngineKind } from '../../../contracts/verification-report';

/**
 * One measure of a version's hardened page, as its at-a-glance table lists it: the section
 * that explains it, what it protects against, what it costs, and the snippets whose claims
 * say how far it was verified. Rendered by `<AtAGlance/>`, which reads the verification
 * from the build's report, so no cell about verification is written by hand.
 */
export interface Measure {
  /** The heading id of its section on the version's hardened page. */
  readonly section: string;
  readonly name: MessageKey;
  readonly protects: MessageKey;
  readonly costs: MessageKey;
  /**
   * The snippets that carry its claims, in the version's registry. None: the page states it
   * from upstream's source only, and the table says it was not run.
   */
  readonly snippets: readonly string[];
  /** Among "do these first": its place (1 first) and why it matters most. */
  readonly first?: { readonly rank: number; readonly why: MessageKey };
}

/** A version's measures, in the order of its page. */
export type Measures = Readonly<Record<string, Measure>>;

/** "Do these first": the measures that have a place there, in that order. */
export function firstMeasures(measures: Measures): readonly (readonly [string, Measure])[] {
  return Object.entries(measures)
    .filter(([, measure]) => measure.first)
    .sort(([, a], [, b]) => a.first!.rank - b.first!.rank);
}

/** Where a version's hardened page speaks of each platform, for its platform matrix (`<PlatformMatrix/>`). */
export interface PlatformSections {
  /** The section of each engine kind the tests run. */
  readonly engines: Readonly<Record<EngineKind, string>>;
  /** Platforms nothing ran on: the page's section for each, which rests on citations only. */
  readonly cited: readonly { readonly name: MessageKey; readonly section: string }[];
}

/** The platforms no build machine can run: Docker Engine 29 (no Debian package yet) and Docker Desktop. */
export const CITED_PLATFORMS: PlatformSections['cited'] = [
  { name: 'platforms.engine-29', section: 'platform-engine-29' },
  { name: 'platforms.desktop', section: 'platform-desktop' },
];
