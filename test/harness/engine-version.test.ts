import { describe, expect, it } from 'vitest';
import { engineAtLeast, eventually } from '../../scripts/harness/claims/context';
import { parseEngineVersion } from '../../scripts/harness/engine-version';

describe('parseEngineVersion', () => {
  it('reads major and minor of the versions the engines report, Debian build suffixes included', () => {
    expect(parseEngineVersion('20.10.24+dfsg1')).toEqual({ major: 20, minor: 10 });
    expect(parseEngineVersion('28.5.2+dfsg4')).toEqual({ major: 28, minor: 5 });
    expect(parseEngineVersion('5.4.2')).toEqual({ major: 5, minor: 4 });
  });

  it('refuses what does not start with MAJOR.MINOR, naming it', () => {
    expect(() => parseEngineVersion('unknown')).toThrow(/"unknown"/);
    expect(() => parseEngineVersion('dev-28.1')).toThrow(/expected MAJOR\.MINOR/);
  });
});

describe('engineAtLeast', () => {
  it('compares the major version, Debian suffixes ignored', () => {
    expect(engineAtLeast('28.0.0', 28)).toBe(true);
    expect(engineAtLeast('28.5.2+dfsg4', 28)).toBe(true);
    expect(engineAtLeast('27.5.1', 28)).toBe(false);
    expect(engineAtLeast('100.1.0', 28)).toBe(true);
  });

  it('is false for a version it cannot read', () => {
    expect(engineAtLeast('', 28)).toBe(false);
    expect(engineAtLeast('unknown', 1)).toBe(false);
  });
});

describe('eventually', () => {
  it('holds once the check holds, without waiting for the deadline', async () => {
    let calls = 0;
    const started = Date.now();
    expect(await eventually(async () => ++calls >= 3, Date.now() + 10_000)).toBe(true);
    expect(calls).toBe(3);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('is false when the check never holds, and tries at least once even past its deadline', async () => {
    let calls = 0;
    expect(await eventually(async () => (calls += 1) < 0, Date.now() + 600)).toBe(false);
    expect(calls).toBeGreaterThanOrEqual(2);
    let late = 0;
    expect(await eventually(async () => ++late > 0, Date.now() - 1)).toBe(true);
  });
});
