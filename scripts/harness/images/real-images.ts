/**
 * OPENHANDS_GUIDE_IMAGES=real: the documented images themselves, pulled with `docker pull`
 * (a real image already present serves if the pull fails), never a stand-in. For where the
 * registry is reachable, to verify the claims stand-ins cannot show (the socket proxy's API
 * filtering). Unset (or `auto`): real images where present, stand-ins otherwise.
 */
import { hostname } from 'node:os';
import type { ImageName } from '../../../src/snippets/images';
import { dockerResult } from '../docker';
import { LABEL } from '../labels';
import { holds, liveMarkers } from './markers';
import { inspectImage, isPublishedStandIn, isStandIn, PUBLISHED_STAND_IN } from './inspect';
import type { EnsuredImage } from './references';

export type ImagesMode = 'auto' | 'real';

export function imagesMode(): ImagesMode {
  const value = process.env.OPENHANDS_GUIDE_IMAGES;
  if (value === undefined || value === '' || value === 'auto') return 'auto';
  if (value === 'real') return 'real';
  throw new Error(`Unexpected OPENHANDS_GUIDE_IMAGES=${value}, expected "real" or unset (images-mode)`);
}

/**
 * Pulls `reference` and returns it as the real image. A copy passing for the published image
 * is accepted only in the process whose preload marker holds it (the real-image test).
 */
export async function ensureRealImage(name: ImageName, reference: string): Promise<EnsuredImage> {
  const pull = await dockerResult(['pull', reference], { timeout: 600_000, reject: false });
  const info = await inspectImage(reference);
  if (info && isStandIn(info)) {
    throw new Error(`OPENHANDS_GUIDE_IMAGES=real, but ${reference} is a harness stand-in image (label ${LABEL.standIn}); remove the tag with \`docker image rm ${reference}\` and run again`);
  }
  if (info && isPublishedStandIn(info)) {
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
