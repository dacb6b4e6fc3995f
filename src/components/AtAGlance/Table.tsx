import type { ReactNode } from 'react';
import { measureEvidence, type MeasureEngine, type MeasureEvidence } from '../../evidence/measureEvidence';
import type { VerificationData } from '../../evidence/types';
import type { PageTranslate } from '../../i18n/format';
import type { MessageKey } from '../../i18n/messages';
import { VERSIONS, type VersionId } from '../../snippets/versions';
import { firstMeasures } from '../../snippets/versions/measures';
import { engineName } from '../Snippet/Evidence';
import styles from './styles.module.css';

/** What a row shows: its verdict, or a warning when its verified claims include a confirmed risk. */
export type RowShown = MeasureEvidence['state'] | 'confirmed-risk';

const MARKS: Record<RowShown, string> = {
  verified: '✓',
  'confirmed-risk': '⚠',
  'partly-verifiable': '✓',
  failed: '✗',
  'not-verified': '○',
  'expected-failure': '⊘',
  'source-only': '–',
};

export function rowShown(evidence: MeasureEvidence): RowShown {
  return evidence.state === 'verified' && evidence.risks > 0 ? 'confirmed-risk' : evidence.state;
}

const RAN: readonly MeasureEngine['state'][] = ['verified', 'partly-verifiable'];

function VerifiedCell({ evidence, t }: { evidence: MeasureEvidence; t: PageTranslate }): ReactNode {
  const shown = rowShown(evidence);
  const state = <>{t(`atAGlance.state.${evidence.state}` satisfies MessageKey)}</>;
  if (evidence.state === 'source-only' || evidence.engines.length === 0) {
    return (
      <>
        <span aria-hidden="true">{MARKS[shown]}</span> {state}
      </>
    );
  }
  const ran = evidence.engines.filter((e) => RAN.includes(e.state));
  const images = [...new Set(ran.map((e) => e.images ?? 'stand-in'))];
  const notes = evidence.engines
    .filter((e) => !RAN.includes(e.state) && e.state !== 'failed')
    .map((e) => t(e.state === 'expected-failure' ? 'atAGlance.engineNotWorking' : 'atAGlance.engineNotRun', { engine: engineName(e.engine, t) }));
  return (
    <>
      <span aria-hidden="true">{MARKS[shown]}</span> {state}
      {ran.length > 0 ? <> {t('atAGlance.engines', { engines: ran.map((e) => engineName(e.engine, t)).join(', ') })}</> : null}
      {images.map((source) => (
        <span key={source}>, {t(`atAGlance.images.${source}` satisfies MessageKey)}</span>
      ))}
      <br />
      <small>
        {t('atAGlance.claims', { count: String(evidence.claims) })}
        {evidence.risks > 0 ? (
          <>
            {' · '}
            <span className={styles.risk}>⚠ {t('atAGlance.risks', { count: String(evidence.risks) })}</span>
          </>
        ) : null}
        {notes.map((note) => (
          <span key={note}>
            {' · '}
            {note}
          </span>
        ))}
      </small>
    </>
  );
}

export interface AtAGlanceTableProps {
  readonly version: VersionId;
  readonly data: VerificationData;
  readonly t: PageTranslate;
}

/** The table and "do these first" of a version, from its measures (src/snippets/versions/<version>/measures.ts) and the report. */
export function AtAGlanceTable({ version, data, t }: AtAGlanceTableProps): ReactNode {
  const { measures } = VERSIONS[version];
  const first = firstMeasures(measures);
  return (
    <div data-at-a-glance={version}>
      {first.length > 0 ? (
        <>
          <p className={styles.firstTitle}>
            <strong>{t('atAGlance.first.title')}</strong>
          </p>
          <ol className={styles.first}>
            {first.map(([id, measure]) => (
              <li key={id} data-first={id}>
                <a href={`#${measure.section}`}>{t(measure.name)}</a>: {t(measure.first!.why)}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <table className={styles.table}>
        <thead>
          <tr>
            <th>{t('atAGlance.column.measure')}</th>
            <th>{t('atAGlance.column.protects')}</th>
            <th>{t('atAGlance.column.costs')}</th>
            <th>{t('atAGlance.column.verified')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(measures).map(([id, measure]) => {
            const evidence = measureEvidence(version, measure, data);
            const ran = evidence.state === 'source-only' ? [] : evidence.engines.filter((e) => RAN.includes(e.state));
            return (
              <tr
                key={id}
                data-measure={id}
                data-state={evidence.state}
                data-shown={rowShown(evidence)}
                data-engines={ran.map((e) => e.engine.id).join(' ')}
                data-claims={evidence.state === 'source-only' ? 0 : evidence.claims}
                data-risks={evidence.state === 'source-only' ? 0 : evidence.risks}
              >
                <td>
                  <a href={`#${measure.section}`}>{t(measure.name)}</a>
                </td>
                <td>{t(measure.protects)}</td>
                <td>{t(measure.costs)}</td>
                <td>
                  <VerifiedCell evidence={evidence} t={t} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
