/**
 * A build context's content hash: the cache key of a stand-in build. It covers each file's
 * path, mode and content, so a changed script, binary or permission bit makes a new build.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** 16 hex digits of a sha256 over the tree's files, in path order. */
export function hashTree(dir: string): string {
  const hash = createHash('sha256');
  for (const file of listFiles(dir)) {
    const content = createHash('sha256').update(readFileSync(file)).digest('hex');
    hash.update(`${relative(dir, file)}\0${statSync(file).mode & 0o777}\0${content}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}
