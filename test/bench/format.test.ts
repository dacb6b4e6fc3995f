import { describe, expect, it } from 'vitest';
import { formatBytes, formatMs, formatRatio, formatVerdict, table } from '../../scripts/bench/format';

describe('formatMs, formatBytes, formatRatio, formatVerdict', () => {
  it('writes milliseconds below 10 s and seconds above', () => {
    expect(formatMs(178.4)).toBe('178 ms');
    expect(formatMs(9_999)).toBe('9999 ms');
    expect(formatMs(18_274.4)).toBe('18.3 s');
    expect(formatMs(undefined)).toBe('—');
  });
  it('writes bytes below 1 KiB and KiB above', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(274_739)).toBe('268.3 KiB');
    expect(formatBytes(undefined)).toBe('—');
  });
  it('writes ratios with two decimals and a multiplication sign', () => {
    expect(formatRatio(1.3333)).toBe('1.33×');
    expect(formatRatio(undefined)).toBe('—');
  });
  it('makes a missed target stand out', () => {
    expect(formatVerdict('missed')).toBe('TARGET MISSED');
    expect(formatVerdict('met')).toBe('met');
    expect(formatVerdict('not measured')).toBe('not measured');
  });
});

describe('table', () => {
  it('pads every column to its widest cell, right-aligns where asked, and draws rules', () => {
    const text = table(
      ['site', 'median'],
      [['project', '18.3 s'], ['blank', '13.7 s'], '-', ['ratio', '1.33×']],
      ['left', 'right'],
    );
    expect(text.split('\n')).toEqual([
      'site     median',
      '-------  ------',
      'project  18.3 s',
      'blank    13.7 s',
      '-------  ------',
      'ratio     1.33×',
    ]);
  });
  it('fills missing cells and trims trailing blanks', () => {
    expect(table(['a', 'b'], [['x']]).split('\n')).toEqual(['a  b', '-  -', 'x']);
  });
});
