import type { VersionId } from '../snippets/versions/ids';
import { VERSIONS } from '../snippets/versions';
import { measureEvidence, type MeasureEngine } from './measureEvidence';
import type { SiteEngine, VerificationData } from './types';

/** One engine's bottom line for a version's hardened page, from its measures' results there. */
export type PlatformVerdict = 'works' | 'caveats' | 'not-supported' | 'failed' | 'not-verified';

export interface PlatformRow {
  readonly engine: SiteEngine;
  readonly verdict: PlatformVerdict;
  /** The measures whose result there is not "verified", with that result. */
  readonly differs: readonly { readonly measure: string; readonly state: Exclude<MeasureEngine['state'], 'verified'> }[];
}

/**
 * A row per engine of the report: "works" when every measure with commands was verified there,
 * "caveats" when some were and others do not work or were not run there, "not-supported" when
 * none was, "failed" when one failed. Measures stated from source only are no verdict.
 */
export function platformRows(version: VersionId, data: VerificationData): PlatformRow[] {
  if (!data.report) return [];
  const measures = Object.entries(VERSIONS[version].measures).filter(([, m]) => m.snippets.length > 0);
  const evidence = measures.map(([id, m]) => [id, measureEvidence(version, m, data)] as const);
  return data.report.runs.map(({ engine }): PlatformRow => {
    if (engine.failure) return { engine, verdict: 'not-verified', differs: [] };
    const states = evidence.map(([measure, e]) => ({ measure, state: e.state === 'source-only' ? 'not-verified' : (e.engines.find((x) => x.engine.id === engine.id)?.state ?? 'not-verified') }));
    const works = states.filter((s) => s.state === 'verified').length;
    const differs = states.filter((s): s is PlatformRow['differs'][number] => s.state !== 'verified');
    const verdict: PlatformVerdict = differs.some((d) => d.state === 'failed')
      ? 'failed'
      : works === 0
        ? differs.every((d) => d.state === 'not-verified')
          ? 'not-verified'
          : 'not-supported'
        : differs.length > 0
          ? 'caveats'
          : 'works';
    return { engine, verdict, differs };
  });
}
