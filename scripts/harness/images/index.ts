/**
 * The images the snippets run, made available on the daemon.
 *
 * No image can be pulled where the harness usually runs, so each documented image
 * (src/snippets/images.ts) is either the real one already on the daemon, or a local stand-in
 * built FROM scratch from its version's stand-ins/ folder (or scripts/harness/stand-ins/) and
 * tagged with the documented name for the duration of a run. Rules:
 * - A documented name that exists and is not ours (no org.openhands-guide.stand-in label, nor
 *   the org.openhands-guide.model label earlier versions gave stand-ins) is the real image: it
 *   is used as it is and never retagged (inspect.ts).
 * - Stand-ins are built under private names (openhands-guide/stand-in-<image>:<content hash>),
 *   which stay as a build cache; only the documented tags are added and removed (build.ts).
 * - Each session that relies on the documented tags holds a marker container (markers.ts).
 *   Tags are removed only when no live session holds one, and only while they still point at
 *   a stand-in image (release.ts).
 * - Adding and removing tags happens under a daemon-wide lock (lock.ts).
 * - OPENHANDS_GUIDE_IMAGES=real requires the real images (real-images.ts). The probe image is
 *   the harness's own tool and is built in both modes.
 *
 * One module per job: specs (which stand-ins exist), context and hash (a build context and
 * its cache key), build, prune, inspect, references, markers, lock, ensure, release,
 * real-images. This index is what the rest of the harness imports.
 */
export { buildStandInImage, ensureProbeImage, type BuiltStandIn } from './build';
export { removeOrphanedBuildContextsSync } from './context';
export { ensureImages } from './ensure';
export { isStandInImage } from './inspect';
export { markerName } from './markers';
export { removeLegacyStandInBuildsSync, type LegacySweepScope } from './prune';
export { imagesMode, type ImagesMode } from './real-images';
export { documentedReferences, imageSetId, type EnsuredImage, type ImageReferences, type ImagesOptions } from './references';
export { releaseImages, releaseImagesSync, releaseOrphanedStandInTagsSync, taggedStandInReferences } from './release';
export { LEGACY_PRIVATE_REPOSITORY_PREFIX, privateRepository, type StandInName } from './specs';
export type { ImageSource } from '../../../contracts/verification-report';
