/**
 * Testing OPENHANDS_GUIDE_IMAGES=real without a registry (test/harness/real-images.docker.test.ts):
 * preloadPublishedStandIns puts copies of the stand-ins under the documented names that carry
 * no stand-in label (a label of their own instead) and a registry digest, as pulled images
 * do, while its session holds them with a preload marker. Only then, and only in the process
 * that holds them, does real mode accept them as published images (real-images.ts); a run in
 * the default mode waits until they are released instead of taking them for real ones, and the
 * preload waits until no live session holds the documented tags for its stand-ins. A user's own
 * image under a documented name is never retagged; release and the sweep untag the copies as
 * they do stand-ins.
 *
 * Only tests make these copies, so this lives under test/; the harness knows them only by
 * their label (PUBLISHED_STAND_IN) and their markers' image set (PRELOAD_SET).
 */
import { rmSync } from 'node:fs';
import type { ImageName } from '../../../src/snippets/images';
import { docker, dockerSync } from '../../../scripts/harness/docker';
import { giveDigest } from '../../../scripts/harness/loopback-registry';
import type { Session } from '../../../scripts/harness/session';
import { dockerBuild, ensureProbeImage } from '../../../scripts/harness/images/build';
import { assembleContext } from '../../../scripts/harness/images/context';
import { inspectImage, inspectImageSync, isPublishedStandIn, isUsersImage, PUBLISHED_STAND_IN } from '../../../scripts/harness/images/inspect';
import { withImagesLock, withImagesLockSync } from '../../../scripts/harness/images/lock';
import { createMarker, heldBy, PRELOAD_SET, whenFree, type LiveMarker } from '../../../scripts/harness/images/markers';
import { pruneOlderBuilds } from '../../../scripts/harness/images/prune';
import { documentedReferences, imageSetId, type ImageReferences, type ImagesOptions } from '../../../scripts/harness/images/references';
import { untagStandInsIfUnused } from '../../../scripts/harness/images/release';
import { kebab, STAND_IN_SPECS } from '../../../scripts/harness/images/specs';
import { LABEL_PREFIX } from '../../../scripts/harness/labels';

/** On the copies: the content hash of the stand-in they copy (the build cache key). */
const PUBLISHED_HASH = `${LABEL_PREFIX}published-stand-in-hash`;

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

export function preloadMarkerName(session: { readonly suffix: string }, references: ImageReferences = documentedReferences()): string {
  return `openhands-guide-preload-${session.suffix}-${imageSetId(references)}`;
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
 * that has pulled them: copies of the stand-ins (buildPublishedStandIn), held by a preload
 * marker of `session`. Waits while a live run holds one of these references for its
 * stand-ins. A reference that holds an image of yours is left alone. Release with
 * releasePublishedStandIns (or removeSessionResources).
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
    withImagesLock(async () => {
      if (heldBy(names.map(referenceOf), otherHolders).length > 0) return undefined;
      await createMarker(session, probe, references, preloadMarkerName(session, references), PRELOAD_SET);
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
  return withImagesLockSync(() => {
    dockerSync(['container', 'rm', '--force', preloadMarkerName(session, references)]);
    return untagStandInsIfUnused(references);
  });
}

/** References of a set that currently point at a published stand-in. */
export function taggedPublishedStandIns(references: ImageReferences = documentedReferences()): string[] {
  return Object.values(references).filter((reference) => {
    const info = inspectImageSync(reference);
    return info !== null && isPublishedStandIn(info);
  });
}
