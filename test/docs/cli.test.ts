import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { fixtureSite } from './fixture-site';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'scripts/check-docs.ts');
const VITE_NODE = path.resolve(__dirname, '../../node_modules/.bin/vite-node');

describe('scripts/check-docs.ts', () => {
  it('prints file:line:column messages with rule ids and exits 1 when a check fails', async () => {
    // The fixture's pages use demo-* ids, which the real registry does not have.
    const result = await execa(VITE_NODE, ['--root', ROOT, CLI], { cwd: fixtureSite(), reject: false });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/docs\/intro\.mdx\s*\n?\s*15:10\S*\s+error\s+Unexpected unknown snippet id `demo-workspace`.*unknown-snippet/);
  });
});
