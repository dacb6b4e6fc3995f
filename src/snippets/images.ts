import type { ImageRef } from './image-ref';
import { EGRESS_PROXY_IMAGES } from './egress-proxy';
import { SOCKET_PROXY_IMAGES } from './socket-proxy';
import { IMAGES as IMAGES_0_33 } from './versions/0.33/images';
import { IMAGES as IMAGES_1_X } from './versions/1.x/images';
import { IMAGES as IMAGES_CANVAS } from './versions/canvas/images';

/**
 * Every image the guide runs, across OpenHands versions. Keys are what snippets refer to
 * (one constant per version folder sets each version's tags); references are rendered as
 * `repository:tag`.
 */
export const IMAGES = {
  ...IMAGES_CANVAS,
  ...IMAGES_1_X,
  ...IMAGES_0_33,
  ...SOCKET_PROXY_IMAGES,
  ...EGRESS_PROXY_IMAGES,
} as const satisfies Record<string, ImageRef>;

export type ImageName = keyof typeof IMAGES;

export function imageReference(name: ImageName): string {
  const { repository, tag } = IMAGES[name];
  return `${repository}:${tag}`;
}
