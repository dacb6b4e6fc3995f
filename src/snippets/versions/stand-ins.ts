import type { ImageName } from '../images';
import type { StandInSpec } from '../stand-in';
import { STAND_INS as STAND_INS_0_33 } from './0.33/stand-ins';
import { STAND_INS as STAND_INS_1_X } from './1.x/stand-ins';
import { STAND_INS as STAND_INS_CANVAS } from './canvas/stand-ins';
import type { VersionId } from './ids';

/**
 * How the harness builds a stand-in for each version's own images. Kept apart from VERSIONS
 * (index.ts), which the site's pages import: readers' browsers need no build recipes.
 */
export const STAND_INS: Readonly<Record<VersionId, Readonly<Partial<Record<ImageName, StandInSpec>>>>> = {
  canvas: STAND_INS_CANVAS,
  '1.x': STAND_INS_1_X,
  '0.33': STAND_INS_0_33,
};
