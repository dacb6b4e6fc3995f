import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';

/** Every check of check-docs is an error: a page that fails one must not be published. */
export function report(
  file: VFile,
  ruleId: string,
  reason: string,
  place?: Point | Position | undefined,
): void {
  const message = file.message(reason, { place, ruleId, source: 'check-docs' });
  message.fatal = true;
}
