import type { ImageName } from '../images';
import type { SnippetSpec } from '../snippet';
import { FACTS as FACTS_0_33 } from './0.33/facts';
import { PROFILE as PROFILE_0_33 } from './0.33/profile';
import { SNIPPETS as SNIPPETS_0_33 } from './0.33/registry';
import type { StatedFact } from './facts';
import type { ReleaseLine } from './release-facts';
import { RELEASE_LINE as RELEASES_CANVAS } from './canvas/releases';
import { PROFILE as PROFILE_1_X } from './1.x/profile';
import { PROFILE as PROFILE_CANVAS } from './canvas/profile';
import { FACTS as FACTS_CANVAS } from './canvas/facts';
import { SNIPPETS as SNIPPETS_CANVAS } from './canvas/registry';
import { FACTS as FACTS_1_X } from './1.x/facts';
import { SNIPPETS as SNIPPETS_1_X } from './1.x/registry';
import { IMAGES as IMAGES_0_33 } from './0.33/images';
import { IMAGES as IMAGES_1_X } from './1.x/images';
import { IMAGES as IMAGES_CANVAS } from './canvas/images';
import { VERSION_IDS, type VersionId } from './ids';
import type { VersionProfile } from './profile';
import type { Measures, PlatformSections } from './measures';
import { MEASURES as MEASURES_CANVAS, PLATFORMS as PLATFORMS_CANVAS } from './canvas/measures';
import { MEASURES as MEASURES_1_X, PLATFORMS as PLATFORMS_1_X } from './1.x/measures';
import { MEASURES as MEASURES_0_33, PLATFORMS as PLATFORMS_0_33 } from './0.33/measures';

export { VERSION_IDS, type VersionId } from './ids';

/** What the shared machinery needs of a version: its commands and the facts its pages state. */
export interface VersionData {
  readonly snippets: Readonly<Record<string, SnippetSpec>>;
  readonly facts: Readonly<Record<string, StatedFact>>;
  readonly profile: VersionProfile;
  /** The version's own images (its snippets may also run the shared socket proxy). */
  readonly images: readonly ImageName[];
  /** Its releases and the findings bound to them (release-facts.ts), for a version whose pages speak of several. */
  readonly releases?: ReleaseLine;
  /** The measures of its hardened page, for the at-a-glance table (measures.ts). */
  readonly measures: Measures;
  /** The sections of its hardened page for each platform, for the platform matrix. */
  readonly platforms: PlatformSections;
}

const keys = <T extends object>(table: T) => Object.keys(table) as (keyof T & ImageName)[];

/** Every version's registry, facts, profile and stand-ins; one folder each under src/snippets/versions. */
export const VERSIONS: Readonly<Record<VersionId, VersionData>> = {
  canvas: { snippets: SNIPPETS_CANVAS, facts: FACTS_CANVAS, profile: PROFILE_CANVAS, images: keys(IMAGES_CANVAS), releases: RELEASES_CANVAS, measures: MEASURES_CANVAS, platforms: PLATFORMS_CANVAS },
  '1.x': { snippets: SNIPPETS_1_X, facts: FACTS_1_X, profile: PROFILE_1_X, images: keys(IMAGES_1_X), measures: MEASURES_1_X, platforms: PLATFORMS_1_X },
  '0.33': { snippets: SNIPPETS_0_33, facts: FACTS_0_33, profile: PROFILE_0_33, images: keys(IMAGES_0_33), measures: MEASURES_0_33, platforms: PLATFORMS_0_33 },
};

export function isVersionId(value: string): value is VersionId {
  return (VERSION_IDS as readonly string[]).includes(value);
}
