import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readerBase } from '../host-net';

/**
 * A reader's temporary HOME and workspace live under `<tmp>/ohg-<suffix>-XXXXXX`, so a
 * run that was killed before it could remove them is found by its session suffix. Against
 * an engine of the matrix, `<tmp>` is the folder that engine shares at the same path.
 */
export const readerFolderPrefix = (suffix: string): string => join(readerBase(), `ohg-${suffix}-`);

const READER_FOLDER = /^ohg-([0-9a-f]{6})-[A-Za-z0-9]{6}$/;

/** Suffixes of every reader folder on this machine, of any run. */
export function listReaderFolderSuffixesSync(): string[] {
  return readdirSync(readerBase(), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => READER_FOLDER.exec(entry.name)?.[1])
    .filter((suffix): suffix is string => suffix !== undefined);
}

/** Removes one session's reader folders; returns the paths removed. */
export function removeReaderFoldersSync(suffix: string): string[] {
  const removed: string[] = [];
  for (const entry of readdirSync(readerBase(), { withFileTypes: true })) {
    if (!entry.isDirectory() || READER_FOLDER.exec(entry.name)?.[1] !== suffix) continue;
    const path = join(readerBase(), entry.name);
    rmSync(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}
