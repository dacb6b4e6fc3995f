import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The stand-ins' one json_string (scripts/harness/stand-ins/lib/json.sh): what it prints must be
 * the JSON string the TypeScript side parses back to the same value. The stand-ins run it with
 * busybox's sh and its awk applet (the images copy busybox-static), so that is what runs here:
 * Debian's mawk escapes backslashes differently in gsub and is not what the images hold.
 */
const LIB = join(__dirname, '../../../scripts/harness/stand-ins/lib/json.sh');
const BUSYBOX = ['/bin/busybox', '/usr/bin/busybox'].find((path) => existsSync(path));
const jsonString = (value: string): string => execFileSync(BUSYBOX!, ['sh', '-c', `. "${LIB}"; json_string "$1"`, 'sh', value]).toString();

describe.skipIf(!BUSYBOX)('json_string in busybox sh', () => {
  it.each([
    ['a plain key', 'sk-abc123'],
    ['quotes and backslashes', 'C:\\dir "quoted"'],
    ['a tab and newlines', 'one\ttwo\nthree\nfour'],
    ['a log line in colour', '\u001b[32mINFO\u001b[0m started'],
  ])('round-trips %s through JSON.parse', (_, value) => {
    expect(JSON.parse(jsonString(value))).toBe(value);
  });

  it('prints null for an empty value and drops CR', () => {
    expect(jsonString('')).toBe('null\n');
    expect(JSON.parse(jsonString('a\r\nb'))).toBe('a\nb');
  });
});

if (!BUSYBOX) it.skip('json_string: busybox is not installed here (scripts/docker/ensure-daemon.sh installs busybox-static), so the stand-ins\' JSON was not checked', () => {});
