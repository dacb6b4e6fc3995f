import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LoadContext } from '@docusaurus/types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import verificationReportPlugin from '../../src/plugins/verification-report';
import type { VerificationData } from '../../src/evidence/types';
import { allSnippets, snippetKey } from '../../src/snippets';
import { REPORT_SCHEMA } from '../../contracts/verification-report';

const siteDir = path.resolve(__dirname, '../..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ohg-report-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

async function load(reportFile: string): Promise<VerificationData> {
  vi.stubEnv('OPENHANDS_GUIDE_REPORT', reportFile);
  const plugin = verificationReportPlugin({ siteDir } as LoadContext);
  return (await plugin.loadContent!()) as VerificationData;
}

describe('verification-report plugin', () => {
  it('places every snippet of the registry on the page that shows it', async () => {
    const data = await load(path.join(dir, 'missing.json'));
    expect(data.placements.map((p) => `${p.version}/${p.snippetId}`).sort()).toEqual(allSnippets().map(snippetKey).sort());
    for (const version of ['0.33', '1.x', 'canvas'] as const) {
      expect(data.placements.find((p) => p.version === version && p.snippetId === 'network-binding')?.docId).toBe('hardened-installation');
    }
  });

  it('says there is no report when the file is missing', async () => {
    expect(await load(path.join(dir, 'missing.json'))).toMatchObject({ report: undefined, absence: 'no-report' });
  });

  it('refuses a report it cannot read instead of showing part of it', async () => {
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, '{"schema": 2, "snip');
    expect(await load(broken)).toMatchObject({ report: undefined, absence: 'unreadable' });
    const old = path.join(dir, 'old.json');
    await writeFile(old, JSON.stringify({ schema: 1, snippets: [] }));
    expect(await load(old)).toMatchObject({ report: undefined, absence: 'unreadable' });
  });

  it('passes a current report on, trimmed', async () => {
    const file = path.join(dir, 'ok.json');
    const engine = { id: 'host', kind: 'docker', version: '20.10.24', cgroupVersion: '1' };
    await writeFile(
      file,
      JSON.stringify({ schema: REPORT_SCHEMA, generatedAt: '2026-11-22T00:00:00Z', runs: [{ engine, images: [], reader: { uid: 1000, switchedUser: true }, lanNeighbour: true, probes: 'x', snippets: [] }] }),
    );
    expect(await load(file)).toMatchObject({ absence: undefined, report: { generatedAt: '2026-11-22T00:00:00Z', runs: [{ engine: { id: 'host', version: '20.10.24' }, snippets: [] }] } });
  });

  it('refuses a report of the previous schema', async () => {
    const file = path.join(dir, 'schema2.json');
    await writeFile(file, JSON.stringify({ schema: 2, generatedAt: '2026-11-22T00:00:00Z', engine: { version: '20.10.24' }, images: [], snippets: [] }));
    expect(await load(file)).toMatchObject({ report: undefined, absence: 'unreadable' });
  });
});
