/**
 * Session markers: each session that relies on tags holds a marker container (created, never
 * started) that names the references it holds (label image-references). Tags are removed only
 * when no live session holds one (release.ts), whichever set of references each session uses.
 * A preload marker (image set PRELOAD_SET) holds references for copies that pass for the
 * published images (test/harness/support/published-stand-ins.ts); runs in the default mode
 * wait while one holds their references.
 */
import pWaitFor from 'p-wait-for';
import { dockerResult, dockerSync } from '../docker';
import { LABEL, LABEL_PREFIX, labelFilterArgs, parseLabelList } from '../labels';
import { isLabelledSessionLive, type Session } from '../session';
import { documentedReferences, imageSetId, type ImageReferences } from './references';

/** On image markers: the references the session holds, space-separated (markers without it hold every reference). */
const MARKER_REFERENCES = `${LABEL_PREFIX}image-references`;
/** The image-set label of a preload marker: its session holds the references for published stand-ins. */
export const PRELOAD_SET = 'published-stand-ins';
/** How long a run waits for references another live run holds in the other way (the harness's longest run is 15 min). */
const HOLD_WAIT_MS = 1_200_000;
const HOLD_POLL_MS = 1_000;

export function markerName(session: { readonly suffix: string }, references: ImageReferences = documentedReferences()): string {
  return `openhands-guide-images-${session.suffix}-${imageSetId(references)}`;
}

function markerLabels(session: Session, references: ImageReferences, set: string): string[] {
  return [...session.labelArgs('image-marker'), '--label', `${LABEL.imageSet}=${set}`, '--label', `${MARKER_REFERENCES}=${Object.values(references).join(' ')}`];
}

/**
 * Creates the marker `name` of `session` holding `references` (a stand-in marker unless
 * `set` is PRELOAD_SET). A second call in the same session finds its own marker.
 */
export async function createMarker(
  session: Session,
  probe: string,
  references: ImageReferences,
  name = markerName(session, references),
  set = imageSetId(references),
): Promise<void> {
  const created = await dockerResult(['container', 'create', '--name', name, ...markerLabels(session, references, set), probe, 'true']);
  if (created.exitCode === 0) return;
  const owner = await dockerResult(['container', 'inspect', '--format', `{{index .Config.Labels "${LABEL.session}"}}`, name]);
  if (owner.exitCode !== 0 || owner.stdout !== session.id) {
    throw new Error(`Cannot create the image marker container ${name}: ${created.stderr.trim()}`);
  }
}

/** A live session's marker: which references it holds, and how (stand-ins, or published stand-ins). */
export interface LiveMarker {
  /** Undefined: a marker from before markers named their references; it holds every reference. */
  readonly references: readonly string[] | undefined;
  readonly preload: boolean;
  readonly session: string | undefined;
  readonly pid: string | undefined;
  readonly host: string | undefined;
}

export function liveMarkers(): LiveMarker[] {
  const out = dockerSync(['container', 'ls', '--all', '--format', '{{.Labels}}', ...labelFilterArgs(LABEL.role, 'image-marker')]).stdout;
  return out
    .split('\n')
    .filter((line) => line !== '')
    .map(parseLabelList)
    .filter((labels) => isLabelledSessionLive({ id: labels[LABEL.session], pid: labels[LABEL.pid], host: labels[LABEL.host] }))
    .map((labels) => ({
      references: labels[MARKER_REFERENCES]?.split(' ').filter(Boolean),
      preload: labels[LABEL.imageSet] === PRELOAD_SET,
      session: labels[LABEL.session],
      pid: labels[LABEL.pid],
      host: labels[LABEL.host],
    }));
}

export const holds = (marker: LiveMarker, reference: string): boolean => marker.references === undefined || marker.references.includes(reference);

/** The references among `references` that a live marker matching `which` holds. */
export function heldBy(references: readonly string[], which: (marker: LiveMarker) => boolean): string[] {
  const live = liveMarkers().filter(which);
  return references.filter((reference) => live.some((marker) => holds(marker, reference)));
}

/**
 * Runs `attempt` (under the lock, it returns undefined when the references are still held)
 * until it succeeds, HOLD_POLL_MS apart; fails, naming the references and their holder (a
 * live marker matching `which`), once HOLD_WAIT_MS have passed.
 *
 * p-wait-for runs the loop. The deadline is kept here, read from Date.now() after each failed
 * attempt, rather than given as p-wait-for's `timeout`: that one runs on
 * AbortSignal.timeout, which faked timers do not reach, and the unit test
 * (test/harness/images/markers.test.ts) drives the 20 minutes with faked timers. Either
 * way an attempt in progress is never abandoned: it runs under the images lock, tagging.
 */
export async function whenFree<T>(references: readonly string[], which: (marker: LiveMarker) => boolean, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + HOLD_WAIT_MS;
  return pWaitFor(
    async () => {
      const done = await attempt();
      if (done !== undefined) return pWaitFor.resolveWith(done);
      if (Date.now() > deadline) throw stillHeld(references, which);
      return false;
    },
    { interval: HOLD_POLL_MS },
  );
}

function stillHeld(references: readonly string[], which: (marker: LiveMarker) => boolean): Error {
  const held = heldBy(references, which);
  const holders = liveMarkers().filter((marker) => which(marker) && held.some((reference) => holds(marker, reference)));
  return new Error(
    `Waited ${HOLD_WAIT_MS / 60_000} min for ${held.join(', ')}, held by ${holders.map((m) => `${m.preload ? 'published stand-ins' : 'stand-ins'} of session ${m.session} (pid ${m.pid} on ${m.host})`).join('; ')}`,
  );
}
