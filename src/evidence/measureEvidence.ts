import { getSnippet } from '../snippets';
import { statesRisk } from '../snippets/claim-risk';
import type { Measure } from '../snippets/versions/measures';
import type { VersionId } from '../snippets/versions/ids';
import { VERSIONS } from '../snippets/versions';
import { claimShown, claimVerdict } from './claimVerdict';
import { evidenceFor } from './evidenceFor';
import type { EngineEvidence, ResultState, SiteEngine, SnippetEvidence, VerificationData } from './types';
import type { ImageSource } from '../../contracts/verification-report';

/** What one engine's run says of a measure: the worst of its snippets there, or that it did not run them. */
export interface MeasureEngine {
  readonly engine: SiteEngine;
  readonly state: ResultState | 'not-verified';
  /** Where it ran: the source of the version's app image on that engine. */
  readonly images?: ImageSource;
}

/**
 * A measure's row of the at-a-glance table, from the same evidence its snippets' boxes show:
 * the worst verdict of its snippets, the engines that ran all of them, its claims and the
 * confirmed risks among them. `source-only`: the measure has no snippet to run.
 */
export type MeasureEvidence =
  | { readonly state: 'source-only' }
  | {
      readonly state: SnippetEvidence['state'];
      readonly engines: readonly MeasureEngine[];
      readonly claims: number;
      readonly risks: number;
    };

const RANK: Readonly<Record<MeasureEngine['state'], number>> = { verified: 0, 'expected-failure': 1, 'partly-verifiable': 2, 'not-verified': 3, failed: 4 };
const worst = <S extends keyof typeof RANK>(states: readonly S[], none: S): S => states.reduce((a, b) => (RANK[b] > RANK[a] ? b : a), none);

export function measureEvidence(version: VersionId, measure: Measure, data: VerificationData): MeasureEvidence {
  if (measure.snippets.length === 0) return { state: 'source-only' };
  const snippets = measure.snippets.map((id) => getSnippet(version, id));
  const evidence = snippets.map((snippet) => evidenceFor(snippet, data));
  // The measure's verdict is its worst snippet's: a measure is verified only when all its commands are.
  const state = worst(
    evidence.map((e) => e.state),
    'verified',
  );
  const appImage = VERSIONS[version].profile.appImage;
  const byEngine = new Map<string, EngineEvidence[]>();
  for (const e of evidence) for (const one of e.engines) byEngine.set(one.engine.id, [...(byEngine.get(one.engine.id) ?? []), one]);
  const engines = [...byEngine.values()].map((lines): MeasureEngine => {
    const engine = lines[0]!.engine;
    // A variant written for other engines is no verdict on this one: the others decide.
    const judged = lines.filter((line) => !(line.state === 'not-verified' && line.why === 'written-for-other-engines'));
    const engineState = judged.length === 0 ? 'not-verified' : worst(judged.map((line) => line.state), 'verified');
    return { engine, state: engineState, images: engine.images.find((image) => image.name === appImage)?.source ?? 'stand-in' };
  });
  let claims = 0;
  let risks = 0;
  snippets.forEach((snippet, index) => {
    const ran = evidence[index]!.engines.filter((e): e is Extract<EngineEvidence, { result: unknown }> => e.state !== 'not-verified');
    snippet.claims.forEach((claim, claimIndex) => {
      const verdict = claimVerdict(ran.map((e) => e.result.claims[claimIndex]));
      if (verdict === 'verified') claims += 1;
      if (claimShown(verdict, statesRisk(claim)) === 'confirmed-risk') risks += 1;
    });
  });
  return { state, engines, claims, risks };
}
