/**
 * Every label the harness puts on Docker objects, in one place, so that cleanup can find
 * exactly what a run created and nothing else (the way testcontainers-node labels its
 * containers with a session id). The app stand-in image copies the session labels onto the
 * runtime containers it creates: src/snippets/versions/0.33/stand-ins/openhands/openhands-stand-in.sh
 * spells the same keys, and test/harness/images.docker.test.ts checks that they agree.
 */

export const LABEL_PREFIX = 'org.openhands-guide.';

export const LABEL = {
  /** The Session id that created the object. */
  session: `${LABEL_PREFIX}session`,
  /** The pid of the process that owns the session: a dead pid marks a crashed run. */
  pid: `${LABEL_PREFIX}pid`,
  /** The host name of that process: a pid means nothing on another host. */
  host: `${LABEL_PREFIX}host`,
  /** What the object is for; see Role. */
  role: `${LABEL_PREFIX}role`,
  /** On images only: which stand-in the image is. Its absence marks a real (upstream) image. */
  standIn: `${LABEL_PREFIX}stand-in`,
  /** On images only: content hash of the stand-in's build context, the build cache key. */
  standInHash: `${LABEL_PREFIX}stand-in-hash`,
  /** On image markers: which set of image references the session relies on. */
  imageSet: `${LABEL_PREFIX}image-set`,
  /** Which unit (one snippet's run) of a session made the object: units run side by side. */
  unit: `${LABEL_PREFIX}unit`,
} as const;

/**
 * The names earlier versions of the harness gave the stand-in labels (they called stand-ins
 * "models"). A reader may still have images carrying them from an earlier run: they are
 * stand-ins all the same, which real mode refuses and release and the sweep untag and prune.
 */
export const LEGACY_LABEL = {
  standIn: `${LABEL_PREFIX}model`,
  standInHash: `${LABEL_PREFIX}model-hash`,
} as const;

/** The keys, current and earlier, that mark an image as a stand-in. */
export const STAND_IN_LABEL_KEYS = [LABEL.standIn, LEGACY_LABEL.standIn] as const;

/**
 * The labels that tie an object to a session and its unit; the ones every app stand-in
 * copies onto the sandboxes it creates (the stand-ins' `session_label_lines`).
 */
export const SESSION_LABEL_KEYS = [LABEL.session, LABEL.pid, LABEL.host, LABEL.unit] as const;

export type Role =
  /** A container or network a snippet's command created. */
  | 'snippet'
  /** A sandbox runtime container the (stand-in) app created. */
  | 'runtime'
  /** A container the harness runs for its own checks. */
  | 'probe'
  /** A container published on loopback to test the LAN neighbour against. */
  | 'lan-target'
  /** A created, never started container saying "this session uses the documented image tags". */
  | 'image-marker'
  /** A container engine of the matrix, run by the host daemon (scripts/engines). */
  | 'engine'
  /** Anything else a test creates. */
  | 'test';

export interface SessionIdentity {
  readonly id: string;
  readonly pid: number;
  readonly host: string;
}

export function sessionLabels(session: SessionIdentity, role?: Role): Record<string, string> {
  const labels: Record<string, string> = {
    [LABEL.session]: session.id,
    [LABEL.pid]: String(session.pid),
    [LABEL.host]: session.host,
  };
  if (role !== undefined) labels[LABEL.role] = role;
  return labels;
}

/** `--label k=v` flags for `docker run/create/network create/build`. */
export function labelArgs(labels: Readonly<Record<string, string>>): string[] {
  return Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]);
}

/** `--filter label=k[=v]` flags for `docker ps/network ls/images`. */
export function labelFilterArgs(key: string, value?: string): string[] {
  return ['--filter', value === undefined ? `label=${key}` : `label=${key}=${value}`];
}

/** Parses docker's `{{.Labels}}` format output (`k=v,k2=v2`) for the keys this module owns. */
export function parseLabelList(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq);
    // Only our keys: their values never contain commas, other labels' values may.
    if (key.startsWith(LABEL_PREFIX)) labels[key] = part.slice(eq + 1);
  }
  return labels;
}
