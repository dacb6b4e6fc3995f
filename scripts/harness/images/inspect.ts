/**
 * What an image on the daemon is: one of the harness's stand-ins, a stand-in copied to pass
 * for the published image (test/harness/support/published-stand-ins.ts makes those), or the
 * user's own image, which the harness uses as it is and never retags.
 */
import { dockerResult, dockerSync } from '../docker';
import { LABEL_PREFIX, STAND_IN_LABEL_KEYS } from '../labels';

/** On the copies that pass for published images: which stand-in they copy. */
export const PUBLISHED_STAND_IN = `${LABEL_PREFIX}published-stand-in`;

export interface ImageInfo {
  readonly id: string;
  readonly labels: Readonly<Record<string, string>>;
}

export async function inspectImage(reference: string): Promise<ImageInfo | null> {
  const result = await dockerResult(['image', 'inspect', '--format', '{{json .}}', reference]);
  return result.exitCode === 0 ? toImageInfo(result.stdout) : null;
}

export function inspectImageSync(reference: string): ImageInfo | null {
  const result = dockerSync(['image', 'inspect', '--format', '{{json .}}', reference]);
  return result.exitCode === 0 ? toImageInfo(result.stdout) : null;
}

function toImageInfo(json: string): ImageInfo {
  const image = JSON.parse(json) as { Id: string; Config?: { Labels?: Record<string, string> | null } };
  return { id: image.Id, labels: image.Config?.Labels ?? {} };
}

/** A stand-in, built by this harness or by an earlier version of it (LEGACY_LABEL). */
export function isStandIn(info: ImageInfo): boolean {
  return STAND_IN_LABEL_KEYS.some((key) => info.labels[key] !== undefined);
}

/** A stand-in copied to pass for the published image: never a user's image. */
export function isPublishedStandIn(info: ImageInfo): boolean {
  return info.labels[PUBLISHED_STAND_IN] !== undefined;
}

/** A user's image under a documented name (pulled, loaded, built): used as it is, never retagged. */
export function isUsersImage(info: ImageInfo): boolean {
  return !isStandIn(info) && !isPublishedStandIn(info);
}

/** Whether an image (by reference or id) is one of the harness's stand-ins (of this version or, by its legacy label, an earlier one). */
export async function isStandInImage(reference: string): Promise<boolean> {
  const info = await inspectImage(reference);
  return info !== null && isStandIn(info);
}
