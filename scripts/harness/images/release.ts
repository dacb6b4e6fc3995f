/**
 * Ending the use of the tags: a stand-in (or a copy passing for a published image) never
 * outlives the runs that needed it, so a reader who later runs the real command gets the real
 * image. Only tags are removed; the private builds stay as a cache.
 */
import { dockerSync } from '../docker';
import { withImagesLockSync } from './lock';
import { holds, liveMarkers, markerName } from './markers';
import { inspectImageSync, isPublishedStandIn, isStandIn } from './inspect';
import { documentedReferences, type ImageReferences, type ImagesOptions } from './references';

/**
 * Removes the tags of `references` that point at a stand-in (or at a published stand-in) when no
 * live session's marker (preload marker) holds that reference. Call under the lock.
 */
export function untagStandInsIfUnused(references: ImageReferences): string[] {
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

/**
 * Ends a session's use of the tags: removes its marker, then the tags that still point at
 * a stand-in image if no other live session holds a marker for the same references.
 * Returns the references it untagged.
 */
export function releaseImagesSync(session: { readonly suffix: string }, options: ImagesOptions = {}): string[] {
  const references = options.references ?? documentedReferences();
  return withImagesLockSync(() => {
    dockerSync(['container', 'rm', '--force', markerName(session, references)]);
    return untagStandInsIfUnused(references);
  });
}

export async function releaseImages(session: { readonly suffix: string }, options: ImagesOptions = {}): Promise<string[]> {
  return releaseImagesSync(session, options);
}

/** For the sweep: untags documented references still pointing at stand-ins when no live session holds a marker. */
export function releaseOrphanedStandInTagsSync(): string[] {
  return withImagesLockSync(() => untagStandInsIfUnused(documentedReferences()));
}

/** References of a set that currently point at a stand-in image (for tests and diagnostics). */
export function taggedStandInReferences(references: ImageReferences = documentedReferences()): string[] {
  return Object.values(references).filter((reference) => {
    const info = inspectImageSync(reference);
    return info !== null && isStandIn(info);
  });
}
