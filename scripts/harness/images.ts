/**
 * The images the snippets run, made available on the daemon.
 *
 * No image can be pulled where the harness usually runs, so each documented image
 * (src/snippets/images.ts) is either the real one already on the daemon, or a local stand-in
 * built FROM scratch from its version's stand-ins/ folder (or scripts/harness/stand-ins/) and
 * tagged with the documented name for the duration of a run. Rules:
 * - A documented name that exists and is not ours (no org.openhands-guide.stand-in label, nor
 *   the org.openhands-guide.model label earlier versions gave stand-ins) is the real image: it
 *   is used as it is and never retagged.
 * - Stand-ins are built under private names (openhands-guide/stand-in-<image>:<content hash>),
 *   which stay as a build cache; only the documented tags are added and removed.
 * - Each session that relies on the documented tags holds a marker container
 *   (created, never started). Tags are removed only when no live session holds one, and
 *   only while they still point at a stand-in image, so a stand-in never outlives the runs
 *   that needed it: a reader who later runs the real command gets the real image.
 * - Adding and removing tags happens under a daemon-wide mutex: a container with a fixed
 *   name, which the daemon creates atomically. A lock whose owner died is taken over.
 *
 * OPENHANDS_GUIDE_IMAGES=real makes ensureImages require the real images: it pulls each
 * documented image with `docker pull` (using a real image already present if the pull
 * fails) and never builds or tags a stand-in. Use it where the registry is reachable, to verify
 * the claims stand-ins cannot show (the socket proxy's API filtering). Unset (or `auto`):
 * real images where present, stand-ins otherwise. The probe image is the harness's own tool
 * and is built in both modes.
 *
 * Markers name the references they hold (label image-references), so a release untags only
 * the references no live session holds, whichever set of references each session uses.
 *
 * Testing the real-image mode without a registry (test/harness/real-images.docker.test.ts):
 * preloadPublishedStandIns puts copies of the stand-ins under the documented names that carry
 * no stand-in label (a label of their own instead) and a registry digest, as pulled images
 * do, while its session holds them with a preload marker. Only then, and only in the process
 * that holds them, does real mode accept them as published images; a run in the default mode
 * waits until they are released instead of taking them for real ones, and the preload waits
 * until no live session holds the documented tags for its stand-ins. A user's own image under a
 * documented name is never retagged; release and the sweep untag the copies as they do stand-ins.
 */
import type { ImageSource } from '../../contracts/verification-report';
import { STAND_INS } from '../../src/snippets/versions/stand-ins';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir, hostname } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { IMAGES, imageReference, type ImageName } from '../../src/snippets/images';
import type { StandInSpec } from '../../src/snippets/stand-in';
import { VERSIONS, VERSION_IDS } from '../../src/snippets/versions';
import { docker, dockerResult, dockerSync, runProcess, runProcessSync, type DockerOptions } from './docker';
import { LABEL, LABEL_PREFIX, LEGACY_LABEL, STAND_IN_LABEL_KEYS, labelArgs, labelFilterArgs, parseLabelList, sessionLabels, type SessionIdentity } from './labels';
import { isLabelledSessionLive, type Session } from './session';
import { UNPACKED_TOOLS } from './tool-paths';
import { againstEngine } from './host-net';
import { giveDigest, loopbackReferences } from './loopback-registry';

export type ImagesMode = 'auto' | 'real';
export type { ImageSource };

export interface EnsuredImage {
  readonly name: ImageName;
  /** The documented reference snippets run, e.g. docker.all-hands.dev/all-hands-ai/openhands:0.33. */
  readonly reference: string;
  readonly source: ImageSource;
  /** Image id (sha256:...) the reference resolved to. */
  readonly id: string;
  /** For a stand-in given a digest: the loopback registry it was pushed to (loopback-registry.ts). */
  readonly digestRegistry?: string;
}

export type StandInName = ImageName | 'probe';

const HARNESS_STAND_INS = 'scripts/harness/stand-ins';
const ROOT = join(__dirname, '..', '..');

/**
 * Every stand-in the harness can build: each version's (src/snippets/versions/<v>/stand-ins),
 * the socket proxy all versions share, and the harness's own probe image.
 */
const STAND_IN_SPECS: Readonly<Record<StandInName, StandInSpec>> = {
  ...(Object.assign({}, ...VERSION_IDS.map((v) => STAND_INS[v])) as Record<ImageName, StandInSpec>),
  'socket-proxy': {
    dir: `${HARNESS_STAND_INS}/socket-proxy`,
    files: { 'docker-socket-proxy-stand-in.sh': 'usr/local/bin/docker-socket-proxy-stand-in.sh' },
    busybox: true,
    dockerCli: false,
    haproxy: true,
    libraries: [],
  },
  probe: { dir: `${HARNESS_STAND_INS}/probe`, files: {}, busybox: true, dockerCli: false, haproxy: false, libraries: [] },
};

const SHARED_LIBRARIES = join(ROOT, HARNESS_STAND_INS, 'lib');

/** Build contexts carry the builder's pid, so a sweep can tell a killed build's folder from a running one. */
const buildContextPrefix = (standIn: StandInName): string => join(tmpdir(), `ohg-build-${process.pid}-${standIn}-`);
const BUILD_CONTEXT = /^ohg-build-(\d+)-[a-zA-Z0-9.-]+-[A-Za-z0-9]{6}$/;

/** Removes the build contexts of builders that are no longer running; returns the paths. */
export function removeOrphanedBuildContextsSync(isAlive: (pid: number) => boolean): string[] {
  const removed: string[] = [];
  for (const entry of readdirSync(tmpdir(), { withFileTypes: true })) {
    const pid = entry.isDirectory() ? BUILD_CONTEXT.exec(entry.name)?.[1] : undefined;
    if (pid === undefined || isAlive(Number(pid))) continue;
    rmSync(join(tmpdir(), entry.name), { recursive: true, force: true });
    removed.push(join(tmpdir(), entry.name));
  }
  return removed;
}
const LOCK_NAME = 'openhands-guide-images-lock';
/** On the copies preloadPublishedStandIns makes: which stand-in, and its content hash (the build cache key). */
const PUBLISHED_STAND_IN = `${LABEL_PREFIX}published-stand-in`;
const PUBLISHED_HASH = `${LABEL_PREFIX}published-stand-in-hash`;
/** On image markers: the references the session holds, space-separated (markers without it hold every reference). */
const MARKER_REFERENCES = `${LABEL_PREFIX}image-references`;
/** The image-set label of a preload marker: its session holds the references for published stand-ins. */
const PRELOAD_SET = 'published-stand-ins';
/** How long a run waits for references another live run holds in the other way (the harness's longest run is 15 min). */
const HOLD_WAIT_MS = 1_200_000;
const HOLD_POLL_MS = 1_000;
const LOCK_TIMEOUT_MS = 180_000;
const LOCK_POLL_MS = 250;
const REQUIRED_DOCKER_CLI = '28.2.2';

export function imagesMode(): ImagesMode {
  const value = process.env.OPENHANDS_GUIDE_IMAGES;
  if (value === undefined || value === '' || value === 'auto') return 'auto';
  if (value === 'real') return 'real';
  throw new Error(`Unexpected OPENHANDS_GUIDE_IMAGES=${value}, expected "real" or unset (images-mode)`);
}

export function privateRepository(standIn: StandInName): string {
  return standIn === 'probe' ? 'openhands-guide/probe' : `openhands-guide/stand-in-${kebab(standIn)}`;
}

/** Where earlier versions of the harness kept their stand-in builds (labelled LEGACY_LABEL.standIn). */
export const LEGACY_PRIVATE_REPOSITORY_PREFIX = 'openhands-guide/model-';

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

// ---------------------------------------------------------------------------------------
// Build context

interface HostBinaries {
  readonly busybox: string;
  readonly dockerCli: string;
  readonly haproxy: string;
}

function hostBinaries(): HostBinaries {
  return {
    busybox: process.env.OPENHANDS_GUIDE_BUSYBOX ?? firstExisting(['/bin/busybox', '/usr/bin/busybox'], 'busybox', 'apt-get install busybox-static'),
    dockerCli: process.env.OPENHANDS_GUIDE_DOCKER_CLI ?? firstExisting(['/usr/local/bin/docker', '/usr/bin/docker'], 'docker CLI', `install the static docker CLI ${REQUIRED_DOCKER_CLI} at /usr/local/bin/docker`),
    haproxy:
      process.env.OPENHANDS_GUIDE_HAPROXY ??
      firstExisting([join(UNPACKED_TOOLS, 'haproxy/usr/sbin/haproxy'), '/usr/sbin/haproxy'], 'HAProxy', 'run `bash scripts/docker/ensure-daemon.sh` as root (it unpacks Debian\'s haproxy), or set OPENHANDS_GUIDE_HAPROXY'),
  };
}

function firstExisting(paths: readonly string[], what: string, fix: string): string {
  const found = paths.find((path) => existsSync(path));
  if (!found) throw new Error(`Cannot build stand-in images: no ${what} at ${paths.join(' or ')}; ${fix}`);
  return found;
}

/** Binaries copied into FROM scratch images must not need a loader or libraries. */
function assertStatic(path: string, what: string): void {
  const result = runProcessSync('file', ['-L', path]);
  if (result.exitCode !== 0) throw new Error(`Cannot check ${path} with \`file\` (${result.stderr.trim()}); apt-get install file`);
  if (!/statically linked|static-pie linked/.test(result.stdout)) {
    throw new Error(`${what} at ${path} is not statically linked (file says: ${result.stdout.trim()}); a FROM scratch stand-in image needs a static binary`);
  }
}

function assertDockerCliVersion(path: string): void {
  const version = runProcessSync(path, ['--version']).stdout;
  if (!version.includes(REQUIRED_DOCKER_CLI)) {
    throw new Error(`docker CLI at ${path} says "${version.trim()}", expected ${REQUIRED_DOCKER_CLI} (set OPENHANDS_GUIDE_DOCKER_CLI to a static ${REQUIRED_DOCKER_CLI})`);
  }
}

/** A dynamically linked binary and every shared object it loads, at the paths the loader expects them. */
function withLibraries(binary: string): string[] {
  const result = runProcessSync('ldd', [binary]);
  const missing = result.stdout.split('\n').filter((line) => line.includes('not found'));
  if (result.exitCode !== 0 || missing.length > 0) {
    throw new Error(`Cannot copy ${binary} into a stand-in image: ldd says ${missing.map((l) => l.trim()).join(', ') || result.stderr.trim()}; install the libraries it needs (ensure-daemon.sh does as root)`);
  }
  const paths = [binary];
  for (const line of result.stdout.split('\n')) {
    const match = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line);
    if (match?.[1]) paths.push(match[1]);
  }
  return paths;
}

interface BuildContext {
  readonly dir: string;
  readonly hash: string;
}

function assembleContext(standIn: StandInName): BuildContext {
  const spec = STAND_IN_SPECS[standIn];
  const bins = hostBinaries();
  const dir = mkdtempSync(buildContextPrefix(standIn));
  const put = (source: string, rootfsPath: string): void => {
    const target = join(dir, 'rootfs', rootfsPath);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
    chmodSync(target, statSync(source).mode & 0o777);
  };
  if (!spec) throw new Error(`No stand-in for image ${standIn}: add one to its version's stand-ins/index.ts`);
  copyFileSync(join(ROOT, spec.dir, 'Dockerfile'), join(dir, 'Dockerfile'));
  for (const [file, rootfsPath] of Object.entries(spec.files)) put(join(ROOT, spec.dir, file), rootfsPath);
  for (const library of spec.libraries) put(join(SHARED_LIBRARIES, `${library}.sh`), `usr/local/lib/openhands-guide/${library}.sh`);
  if (spec.busybox) {
    assertStatic(bins.busybox, 'busybox');
    put(bins.busybox, 'bin/busybox');
  }
  if (spec.dockerCli) {
    assertStatic(bins.dockerCli, 'docker CLI');
    assertDockerCliVersion(bins.dockerCli);
    put(bins.dockerCli, 'usr/local/bin/docker');
  }
  if (spec.haproxy) {
    for (const path of withLibraries(bins.haproxy)) put(path, path === bins.haproxy ? 'usr/sbin/haproxy' : path.slice(1));
  }
  return { dir, hash: hashTree(dir) };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function hashTree(dir: string): string {
  const hash = createHash('sha256');
  for (const file of listFiles(dir)) {
    const content = createHash('sha256').update(readFileSync(file)).digest('hex');
    hash.update(`${relative(dir, file)}\0${statSync(file).mode & 0o777}\0${content}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

// ---------------------------------------------------------------------------------------
// Image inspection

interface ImageInfo {
  readonly id: string;
  readonly labels: Readonly<Record<string, string>>;
}

async function inspectImage(reference: string): Promise<ImageInfo | null> {
  const result = await dockerResult(['image', 'inspect', '--format', '{{json .}}', reference]);
  return result.exitCode === 0 ? toImageInfo(result.stdout) : null;
}

function inspectImageSync(reference: string): ImageInfo | null {
  const result = dockerSync(['image', 'inspect', '--format', '{{json .}}', reference]);
  return result.exitCode === 0 ? toImageInfo(result.stdout) : null;
}

function toImageInfo(json: string): ImageInfo {
  const image = JSON.parse(json) as { Id: string; Config?: { Labels?: Record<string, string> | null } };
  return { id: image.Id, labels: image.Config?.Labels ?? {} };
}

/** A stand-in, built by this harness or by an earlier version of it (LEGACY_LABEL). */
function isStandIn(info: ImageInfo): boolean {
  return STAND_IN_LABEL_KEYS.some((key) => info.labels[key] !== undefined);
}

/** A stand-in copied to pass for the published image (preloadPublishedStandIns): never a user's image. */
function isPublishedStandIn(info: ImageInfo): boolean {
  return info.labels[PUBLISHED_STAND_IN] !== undefined;
}

/** A user's image under a documented name (pulled, loaded, built): used as it is, never retagged. */
function isUsersImage(info: ImageInfo): boolean {
  return !isStandIn(info) && !isPublishedStandIn(info);
}

// ---------------------------------------------------------------------------------------
// Building

export interface BuiltStandIn {
  readonly standIn: StandInName;
  /** Private reference, e.g. openhands-guide/stand-in-openhands:0123456789abcdef. */
  readonly reference: string;
  readonly id: string;
  readonly hash: string;
  /** False when an image with this content hash already existed. */
  readonly built: boolean;
}

/** Builds a stand-in image unless one with the same content hash exists. */
export async function buildStandInImage(standIn: StandInName): Promise<BuiltStandIn> {
  const context = assembleContext(standIn);
  try {
    const reference = `${privateRepository(standIn)}:${context.hash}`;
    const existing = await inspectImage(reference);
    if (existing && existing.labels[LABEL.standInHash] === context.hash) {
      return { standIn, reference, id: existing.id, hash: context.hash, built: false };
    }
    const built = await dockerBuild(standIn, context, reference, { [LABEL.standIn]: standIn, [LABEL.standInHash]: context.hash });
    await pruneOlderBuilds(standIn, reference);
    return { standIn, reference, id: built.id, hash: context.hash, built: true };
  } finally {
    rmSync(context.dir, { recursive: true, force: true });
  }
}

async function dockerBuild(standIn: StandInName, context: BuildContext, reference: string, labels: Record<string, string>): Promise<ImageInfo> {
  // The legacy builder: no buildx here, and FROM scratch needs nothing it lacks. Against an
  // engine of the matrix, the host's daemon builds (an engine container may lack what a
  // build step needs, e.g. Podman's setrlimit without CAP_SYS_RESOURCE) and the engine loads it.
  const build = await runProcess('docker', ['build', '--quiet', '--tag', reference, ...labelArgs(labels), context.dir], {
    env: { DOCKER_BUILDKIT: '0', ...(againstEngine() ? { DOCKER_HOST: '' } : {}) },
  });
  if (build.exitCode !== 0) {
    throw new Error(`Building the ${standIn} stand-in image from ${STAND_IN_SPECS[standIn].dir} failed: ${build.stderr.trim()}`);
  }
  if (againstEngine()) {
    const load = await runProcess('bash', ['-c', 'DOCKER_HOST= docker save "$1" | docker load --quiet', 'load', reference]);
    if (load.exitCode !== 0) throw new Error(`Loading the ${standIn} stand-in image into the engine failed: ${load.stderr.trim()}`);
  }
  const built = await inspectImage(reference);
  if (!built) throw new Error(`Built ${reference}, but the daemon does not know it`);
  return built;
}

/**
 * Drops private tags of earlier builds of a stand-in; an image a container still uses stays.
 * Against an engine of the matrix the host's daemon built the image (dockerBuild), so the
 * earlier builds are there too.
 */
async function pruneOlderBuilds(standIn: StandInName, keep: string, repository = privateRepository(standIn), label: string = LABEL.standIn): Promise<void> {
  const daemons: DockerOptions[] = againstEngine() ? [{}, { env: { DOCKER_HOST: '' } }] : [{}];
  for (const opts of daemons) {
    const out = await docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', ...labelFilterArgs(label, standIn)], opts);
    for (const reference of out.split('\n')) {
      if (reference.startsWith(`${repository}:`) && reference !== keep) {
        // Its loopback registry tag and digest too, or the image would stay behind under them.
        for (const other of await loopbackReferences(reference, opts)) await dockerResult(['image', 'rm', other], opts);
        await dockerResult(['image', 'rm', reference], opts);
      }
    }
  }
}

/** The harness's own busybox image, for probes, markers and the images lock. */
export async function ensureProbeImage(): Promise<string> {
  return (await buildStandInImage('probe')).reference;
}

// ---------------------------------------------------------------------------------------
// The images lock and session markers

function lockOwnerIsDead(): boolean {
  const result = dockerSync(['container', 'inspect', '--format', '{{json .Config.Labels}}', LOCK_NAME]);
  if (result.exitCode !== 0) return false;
  const labels = (JSON.parse(result.stdout) ?? {}) as Record<string, string>;
  return !isLabelledSessionLive({ id: labels[LABEL.session], pid: labels[LABEL.pid], host: labels[LABEL.host] });
}

function tryAcquireLock(owner: SessionIdentity, probe: string): boolean {
  const result = dockerSync(['container', 'create', '--name', LOCK_NAME, ...labelArgs(sessionLabels(owner, 'images-lock')), probe, 'true']);
  if (result.exitCode === 0) return true;
  if (!/Conflict|already in use/i.test(result.stderr)) {
    throw new Error(`Cannot create the images lock container ${LOCK_NAME}: ${result.stderr.trim()}`);
  }
  if (lockOwnerIsDead()) dockerSync(['container', 'rm', '--force', LOCK_NAME]);
  return false;
}

function releaseLock(owner: SessionIdentity): void {
  const result = dockerSync(['container', 'inspect', '--format', `{{index .Config.Labels "${LABEL.session}"}}`, LOCK_NAME]);
  if (result.exitCode === 0 && result.stdout === owner.id) dockerSync(['container', 'rm', '--force', LOCK_NAME]);
}

async function withImagesLock<T>(owner: SessionIdentity, probe: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  while (!tryAcquireLock(owner, probe)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${LOCK_NAME}; if no other harness run is active, remove it with \`docker rm -f ${LOCK_NAME}\``);
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
  try {
    return await fn();
  } finally {
    releaseLock(owner);
  }
}

function withImagesLockSync<T>(owner: SessionIdentity, probe: string, fn: () => T): T {
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  while (!tryAcquireLock(owner, probe)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${LOCK_NAME}; if no other harness run is active, remove it with \`docker rm -f ${LOCK_NAME}\``);
    Atomics.wait(sleeper, 0, 0, LOCK_POLL_MS);
  }
  try {
    return fn();
  } finally {
    releaseLock(owner);
  }
}

/**
 * Which documented name each image is tagged as. Tests pass names of their own so they
 * never add or remove the documented tags a concurrent harness run relies on.
 */
export type ImageReferences = Readonly<Partial<Record<ImageName, string>>>;

export interface ImagesOptions {
  readonly references?: ImageReferences;
}

export function documentedReferences(): ImageReferences {
  const references = {} as Record<ImageName, string>;
  for (const name of Object.keys(IMAGES) as ImageName[]) references[name] = imageReference(name);
  return references;
}

/** Markers are per set of references: releasing one set never waits on users of another. */
export function imageSetId(references: ImageReferences): string {
  return createHash('sha256').update(Object.values(references).sort().join('\n')).digest('hex').slice(0, 12);
}

export function markerName(session: { readonly suffix: string }, references: ImageReferences = documentedReferences()): string {
  return `openhands-guide-images-${session.suffix}-${imageSetId(references)}`;
}

function markerLabels(session: Session, references: ImageReferences, set: string): string[] {
  return [...session.labelArgs('image-marker'), '--label', `${LABEL.imageSet}=${set}`, '--label', `${MARKER_REFERENCES}=${Object.values(references).join(' ')}`];
}

async function createMarker(session: Session, probe: string, references: ImageReferences, preload = false): Promise<void> {
  const name = preload ? preloadMarkerName(session, references) : markerName(session, references);
  const labels = markerLabels(session, references, preload ? PRELOAD_SET : imageSetId(references));
  const created = await dockerResult(['container', 'create', '--name', name, ...labels, probe, 'true']);
  if (created.exitCode === 0) return;
  // A second ensureImages in the same session finds its own marker.
  const owner = await dockerResult(['container', 'inspect', '--format', `{{index .Config.Labels "${LABEL.session}"}}`, name]);
  if (owner.exitCode !== 0 || owner.stdout !== session.id) {
    throw new Error(`Cannot create the image marker container ${name}: ${created.stderr.trim()}`);
  }
}

export function preloadMarkerName(session: { readonly suffix: string }, references: ImageReferences = documentedReferences()): string {
  return `openhands-guide-preload-${session.suffix}-${imageSetId(references)}`;
}

/** A live session's marker: which references it holds, and how (stand-ins, or published stand-ins). */
interface LiveMarker {
  /** Undefined: a marker from before markers named their references; it holds every reference. */
  readonly references: readonly string[] | undefined;
  readonly preload: boolean;
  readonly session: string | undefined;
  readonly pid: string | undefined;
  readonly host: string | undefined;
}

function liveMarkers(): LiveMarker[] {
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

const holds = (marker: LiveMarker, reference: string): boolean => marker.references === undefined || marker.references.includes(reference);

/**
 * Removes the tags of `references` that point at a stand-in (or at a published stand-in) when no
 * live session's marker (preload marker) holds that reference. Call under the lock.
 */
function untagStandInsIfUnused(references: ImageReferences): string[] {
  const live = liveMarkers();
  const removed: string[] = [];
  for (const reference of Object.values(references)) {
    const info = inspectImageSync(reference);
    if (!info) continue;
    const unused =
      (isStandIn(info) && !live.some((marker) => !marker.preload && holds(marker, reference))) ||
      (isPublishedStandIn(info) && !live.some((marker) => marker.preload && holds(marker, reference)));
    if (unused) {
      // The private tag remains, so this only untags: the cached stand-in stays.
      const result = dockerSync(['image', 'rm', reference]);
      if (result.exitCode === 0) removed.push(reference);
    }
  }
  return removed;
}

// ---------------------------------------------------------------------------------------
// Public API

/**
 * Makes every documented image available under its documented reference and says, for
 * each, whether it is the real image or a stand-in. Call releaseImages (or
 * removeSessionResources of ./cleanup) when the session ends.
 */
export async function ensureImages(session: Session, options: ImagesOptions = {}): Promise<Partial<Record<ImageName, EnsuredImage>>> {
  const references = options.references ?? documentedReferences();
  const names = Object.keys(references) as ImageName[];
  const referenceOf = (name: ImageName): string => references[name]!;
  const mode = imagesMode();
  const probe = await ensureProbeImage();

  if (mode === 'real') {
    const result: Partial<Record<ImageName, EnsuredImage>> = {};
    for (const name of names) result[name] = await ensureRealImage(name, referenceOf(name));
    return result;
  }

  // Build outside the lock: builds take seconds, and another run may be waiting to release.
  const standIns = new Map<ImageName, BuiltStandIn>();
  for (const name of names) {
    const existing = await inspectImage(referenceOf(name));
    if (!existing || !isUsersImage(existing)) standIns.set(name, await buildStandInImage(name));
  }

  // References a live run holds for published stand-ins (the real-image test) are waited for:
  // taken for real images, they would make this run report stand-ins as published images.
  return whenFree(names.map(referenceOf), (marker) => marker.preload, () =>
    withImagesLock(session, probe, async () => {
      if (heldBy(names.map(referenceOf), (marker) => marker.preload).length > 0) return undefined;
      // The marker first: from now on no other run's release may untag these references.
      await createMarker(session, probe, references);
      const result: Partial<Record<ImageName, EnsuredImage>> = {};
      for (const name of names) {
        const reference = referenceOf(name);
        const existing = await inspectImage(reference);
        if (existing && isUsersImage(existing)) {
          result[name] = { name, reference, source: 'real', id: existing.id };
          continue;
        }
        const standIn = standIns.get(name) ?? (await buildStandInImage(name));
        if (existing?.id !== standIn.id) await docker(['image', 'tag', standIn.reference, reference]);
        const digest = STAND_IN_SPECS[name].digest ? await giveDigest(standIn.reference, privateRepository(name)) : undefined;
        result[name] = { name, reference, source: 'stand-in', id: standIn.id, ...(digest && { digestRegistry: digest.registry }) };
      }
      return result;
    }),
  );
}

/** The references among `references` that a live marker matching `which` holds. */
function heldBy(references: readonly string[], which: (marker: LiveMarker) => boolean): string[] {
  const live = liveMarkers().filter(which);
  return references.filter((reference) => live.some((marker) => holds(marker, reference)));
}

/**
 * Runs `attempt` (under the lock, it returns undefined when the references are still held)
 * until it succeeds; between attempts, waits while a live marker matching `which` holds any
 * of `references`. Fails, naming them and their holder, after HOLD_WAIT_MS.
 */
async function whenFree<T>(references: readonly string[], which: (marker: LiveMarker) => boolean, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + HOLD_WAIT_MS;
  for (;;) {
    const done = await attempt();
    if (done !== undefined) return done;
    const held = heldBy(references, which);
    if (Date.now() > deadline) {
      const holders = liveMarkers().filter((marker) => which(marker) && held.some((reference) => holds(marker, reference)));
      throw new Error(
        `Waited ${HOLD_WAIT_MS / 60_000} min for ${held.join(', ')}, held by ${holders.map((m) => `${m.preload ? 'published stand-ins' : 'stand-ins'} of session ${m.session} (pid ${m.pid} on ${m.host})`).join('; ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, HOLD_POLL_MS));
  }
}

async function ensureRealImage(name: ImageName, reference: string): Promise<EnsuredImage> {
  const pull = await dockerResult(['pull', reference], { timeout: 600_000, reject: false });
  const info = await inspectImage(reference);
  if (info && isStandIn(info)) {
    throw new Error(`OPENHANDS_GUIDE_IMAGES=real, but ${reference} is a harness stand-in image (label ${LABEL.standIn}); remove the tag with \`docker image rm ${reference}\` and run again`);
  }
  if (info && isPublishedStandIn(info)) {
    // Only the process that preloaded it (the real-image test) may take it for the published image.
    const holder = liveMarkers().find((marker) => marker.preload && holds(marker, reference));
    if (!holder || holder.pid !== String(process.pid) || holder.host !== hostname()) {
      throw new Error(
        `OPENHANDS_GUIDE_IMAGES=real, but ${reference} is a stand-in copied to pass for the published image (label ${PUBLISHED_STAND_IN}), ` +
          `${holder ? `preloaded by another run (pid ${holder.pid} on ${holder.host})` : 'left by a run that is gone'}, not the published image; ` +
          `${holder ? 'wait for that run to end' : `remove the tag with \`docker image rm ${reference}\``} and run again`,
      );
    }
  }
  if (!info) {
    throw new Error(`OPENHANDS_GUIDE_IMAGES=real needs ${reference}, and \`docker pull ${reference}\` failed: ${pull.stderr.trim()}`);
  }
  return { name, reference, source: 'real', id: info.id };
}

export interface PreloadedImage {
  readonly name: ImageName;
  readonly reference: string;
  /** The image id under the reference now. */
  readonly id: string;
  /** False when the reference already held an image of yours: it is left as it is, and real mode uses it. */
  readonly preloaded: boolean;
}

export function publishedStandInRepository(name: ImageName): string {
  return `openhands-guide/published-${kebab(name)}`;
}

/**
 * A copy of a stand-in that passes for the published image: the same build, without the
 * stand-in labels (real mode refuses those), with a label of its own, and given a registry
 * digest as a pulled image has. Cached under openhands-guide/published-<image>:<hash>.
 */
async function buildPublishedStandIn(name: ImageName): Promise<{ reference: string; id: string }> {
  const context = assembleContext(name);
  try {
    const reference = `${publishedStandInRepository(name)}:${context.hash}`;
    let image = await inspectImage(reference);
    if (!image || image.labels[PUBLISHED_HASH] !== context.hash) {
      image = await dockerBuild(name, context, reference, { [PUBLISHED_STAND_IN]: name, [PUBLISHED_HASH]: context.hash });
      await pruneOlderBuilds(name, reference, publishedStandInRepository(name), PUBLISHED_STAND_IN);
    }
    if (STAND_IN_SPECS[name].digest) await giveDigest(reference, publishedStandInRepository(name));
    return { reference, id: image.id };
  } finally {
    rmSync(context.dir, { recursive: true, force: true });
  }
}

/**
 * Puts images that pass for the published ones under the documented names, as on a machine
 * that has pulled them, for testing OPENHANDS_GUIDE_IMAGES=real without a registry: copies
 * of the stand-ins (buildPublishedStandIn), held by a preload marker of `session`. Waits while
 * a live run holds one of these references for its stand-ins. A reference that holds an image of
 * yours is left alone. Release with releasePublishedStandIns (or removeSessionResources).
 */
export async function preloadPublishedStandIns(session: Session, options: ImagesOptions = {}): Promise<PreloadedImage[]> {
  const references = options.references ?? documentedReferences();
  const names = Object.keys(references) as ImageName[];
  const referenceOf = (name: ImageName): string => references[name]!;
  const probe = await ensureProbeImage();
  const copies = new Map<ImageName, { reference: string; id: string }>();
  for (const name of names) copies.set(name, await buildPublishedStandIn(name));
  const otherHolders = (marker: LiveMarker) => marker.session !== session.id;
  return whenFree(names.map(referenceOf), otherHolders, () =>
    withImagesLock(session, probe, async () => {
      if (heldBy(names.map(referenceOf), otherHolders).length > 0) return undefined;
      await createMarker(session, probe, references, true);
      const result: PreloadedImage[] = [];
      for (const name of names) {
        const reference = referenceOf(name);
        const existing = await inspectImage(reference);
        if (existing && isUsersImage(existing)) {
          result.push({ name, reference, id: existing.id, preloaded: false });
          continue;
        }
        const copy = copies.get(name)!;
        if (existing?.id !== copy.id) await docker(['image', 'tag', copy.reference, reference]);
        result.push({ name, reference, id: copy.id, preloaded: true });
      }
      return result;
    }),
  );
}

/** Ends preloadPublishedStandIns: removes the preload marker, then the copies' tags. Returns the references it untagged. */
export function releasePublishedStandIns(session: { readonly suffix: string }, options: ImagesOptions = {}): string[] {
  const references = options.references ?? documentedReferences();
  return underLockIfPossible(() => {
    dockerSync(['container', 'rm', '--force', preloadMarkerName(session, references)]);
    return untagStandInsIfUnused(references);
  });
}

/** References of a set that currently point at a published stand-in (for tests and diagnostics). */
export function taggedPublishedStandIns(references: ImageReferences = documentedReferences()): string[] {
  return Object.values(references).filter((reference) => {
    const info = inspectImageSync(reference);
    return info !== null && isPublishedStandIn(info);
  });
}

/**
 * Ends a session's use of the tags: removes its marker, then the tags that still point at
 * a stand-in image if no other live session holds a marker for the same references.
 * Returns the references it untagged.
 */
export function releaseImagesSync(session: { readonly suffix: string }, options: ImagesOptions = {}): string[] {
  const references = options.references ?? documentedReferences();
  return underLockIfPossible(() => {
    dockerSync(['container', 'rm', '--force', markerName(session, references)]);
    return untagStandInsIfUnused(references);
  });
}

export async function releaseImages(session: { readonly suffix: string }, options: ImagesOptions = {}): Promise<string[]> {
  return releaseImagesSync(session, options);
}

/** For the sweep: untags documented references still pointing at stand-ins when no live session holds a marker. */
export function releaseOrphanedStandInTagsSync(): string[] {
  return underLockIfPossible(() => untagStandInsIfUnused(documentedReferences()));
}

/**
 * For the sweep: removes the private builds an earlier version of the harness made (its
 * stand-in label LEGACY_LABEL.standIn, its repositories openhands-guide/model-<image>, and
 * their loopback registry tags and digests), but only while no live run holds image markers:
 * such a run may be of that earlier version, using them. Documented names pointing at them
 * are untagged as stand-ins by release and the sweep (isStandIn). Returns what it removed.
 * Tests pass a repository prefix of their own, so they never remove another run's builds.
 *
 * A run of an earlier version builds outside the lock and creates its marker after: a sweep
 * in between would remove the build it is about to tag. Only a run of each version on one
 * daemon at the same moment meets that; its tag step then fails and says so.
 */
export function removeLegacyStandInBuildsSync(repositoryPrefix = LEGACY_PRIVATE_REPOSITORY_PREFIX): string[] {
  return underLockIfPossible(() => {
    if (liveMarkers().length > 0) return [];
    const ids = dockerSync(['image', 'ls', '--quiet', '--no-trunc', ...labelFilterArgs(LEGACY_LABEL.standIn)]).stdout.split('\n').filter(Boolean);
    const removed: string[] = [];
    for (const id of new Set(ids)) {
      const names = dockerSync(['image', 'inspect', '--format', '{{range .RepoTags}}{{.}} {{end}}{{range .RepoDigests}}{{.}} {{end}}', id]).stdout.split(' ').filter(Boolean);
      const legacy = names.filter((name) => name.replace(/^127\.0\.0\.1:\d+\//, '').startsWith(repositoryPrefix));
      for (const name of legacy) if (dockerSync(['image', 'rm', name]).exitCode === 0) removed.push(name);
    }
    return removed;
  });
}

/**
 * The lock is held by this process, not by the session being released: a sweep may
 * release a dead session's tags, and a lock owned by a dead session would be taken over.
 */
function underLockIfPossible<T>(fn: () => T): T {
  const probe = existingProbeReference();
  // Without a probe image there is no lock, and ensureImages never tagged anything.
  if (!probe) return fn();
  const owner: SessionIdentity = { id: `lock-${process.pid}-${randomBytes(4).toString('hex')}`, pid: process.pid, host: hostname() };
  return withImagesLockSync(owner, probe, fn);
}

function existingProbeReference(): string | null {
  const out = dockerSync(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', privateRepository('probe')]).stdout;
  return out.split('\n').find((line) => line.startsWith(`${privateRepository('probe')}:`)) ?? null;
}

/** References of a set that currently point at a stand-in image (for tests and diagnostics). */
export function taggedStandInReferences(references: ImageReferences = documentedReferences()): string[] {
  return Object.values(references).filter((reference) => {
    const info = inspectImageSync(reference);
    return info !== null && isStandIn(info);
  });
}

/** Whether an image (by reference or id) is one of the harness's stand-ins (of this version or, by its legacy label, an earlier one). */
export async function isStandInImage(reference: string): Promise<boolean> {
  const info = await inspectImage(reference);
  return info !== null && isStandIn(info);
}
