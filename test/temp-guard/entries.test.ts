import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeLeftovers, entriesSince, newEntries, saveEntries } from '../../scripts/temp-guard/entries';

describe('temp-guard', () => {
  // A private folder plays the temp directory, so the test never races other processes.
  const made: string[] = [];
  const fakeTemp = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ohg-temp-guard-'));
    made.push(dir);
    return dir;
  };
  afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('names an entry that appeared after save, and only that one', () => {
    const temp = fakeTemp();
    const snapshot = join(fakeTemp(), 'before.json');
    writeFileSync(join(temp, 'was-there'), '');
    saveEntries(snapshot, temp);
    expect(entriesSince(snapshot).added).toEqual([]);
    mkdirSync(join(temp, 'check-docs-abc123'));
    const { dir, added } = entriesSince(snapshot);
    expect(added).toEqual(['check-docs-abc123']);
    expect(describeLeftovers(dir, added)).toContain(join(temp, 'check-docs-abc123'));
  });

  it('does not blame the run for entries that were there before or are gone', () => {
    expect(newEntries(['a', 'b'], ['b', 'c'])).toEqual(['c']);
  });

  it('refuses to check without a saved snapshot', () => {
    expect(() => entriesSince(join(fakeTemp(), 'missing.json'))).toThrow(/run `temp-guard save`/);
  });
});
