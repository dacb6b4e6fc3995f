/**
 * Which name each image is tagged as (the documented references, or names of a test's own),
 * and what each resolved to.
 */
import { createHash } from 'node:crypto';
import type { ImageSource } from '../../../contracts/verification-report';
import { IMAGES, imageReference, type ImageName } from '../../../src/snippets/images';

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
