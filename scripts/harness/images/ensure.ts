/**
 * Making every documented image available under its documented reference, and saying for
 * each whether it is the real image or a stand-in.
 */
import type { ImageName } from '../../../src/snippets/images';
import { docker } from '../docker';
import type { Session } from '../session';
import { giveDigest } from '../loopback-registry';
import { buildStandInImage, ensureProbeImage, type BuiltStandIn } from './build';
import { inspectImage, isUsersImage } from './inspect';
import { withImagesLock } from './lock';
import { createMarker, heldBy, whenFree } from './markers';
import { ensureRealImage, imagesMode } from './real-images';
import { documentedReferences, type EnsuredImage, type ImagesOptions } from './references';
import { privateRepository, STAND_IN_SPECS } from './specs';

/**
 * Makes every documented image available under its documented reference and says, for
 * each, whether it is the real image or a stand-in. Call releaseImages (or
 * removeSessionResources of ../cleanup) when the session ends.
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
    withImagesLock(async () => {
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
