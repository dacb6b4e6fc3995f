import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/** The stand-ins' useradd rule for a new user's group gid (scripts/harness/stand-ins/lib/useradd.sh), against shadow 4.13's. */
const LIB = join(__dirname, '../../../scripts/harness/stand-ins/lib/useradd.sh');
const made: string[] = [];
afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function gidFor(uid: number, groups: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'ohg-useradd-'));
  made.push(dir);
  const file = join(dir, 'group');
  writeFileSync(file, groups);
  return Number(execFileSync('sh', ['-c', `. "${LIB}"; user_group_gid ${uid}`], { env: { ...process.env, USERADD_GROUP_FILE: file } }).toString().trim());
}
const standInGroups = (version: string) => readFileSync(join(__dirname, `../../../src/snippets/versions/${version}/stand-ins/openhands/group`), 'utf8');

describe('user_group_gid', () => {
  it('gives uid 1000 gid 42421 in the 0.33 image, whose group app has gid 1000 (one above openhands\' 42420)', () => {
    expect(gidFor(1000, standInGroups('0.33'))).toBe(42421);
  });

  it('gives the uid itself where that gid is free and in range (the 1.x image)', () => {
    expect(gidFor(1000, standInGroups('1.x'))).toBe(1000);
  });

  it('does not prefer a gid below GID_MIN, and starts at GID_MIN when no group is in range', () => {
    expect(gidFor(500, 'root:x:0:\nusers:x:100:\n')).toBe(1000);
    expect(gidFor(500, 'root:x:0:\nstaff:x:1200:\n')).toBe(1201);
  });

  it('takes the first free gid from GID_MIN when the one above the highest is past GID_MAX', () => {
    expect(gidFor(70000, 'root:x:0:\na:x:1000:\nb:x:60000:\n')).toBe(1001);
  });
});
