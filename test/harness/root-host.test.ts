import { describe, expect, it } from 'vitest';
import { allSnippets, snippetKey } from '../../src/snippets';
import { missingOnThisHost, ON_A_ROOT_HOST } from './root-host';

describe('the claims a root Linux host must verify', () => {
  it('exempts a kind only when every snippet claiming it is written for another engine', () => {
    const onDocker = allSnippets().filter((s) => !s.engines || s.engines.includes('docker'));
    const wrongly = onDocker.flatMap((s) => s.claims.filter((c) => ON_A_ROOT_HOST[c.kind] !== 'must-verify').map((c) => `${snippetKey(s)}: ${c.kind}`));
    expect(wrongly).toEqual([]);
  });

  it('names what a host lacks', () => {
    const run = { engine: { id: 'x', kind: 'rootless-docker', version: '28.5.2', cgroupVersion: '2' }, images: [{ name: 'openhands-1.x', reference: 'r', source: 'real' }] } as const;
    const missing = missingOnThisHost(run);
    expect(missing).toContain('the engine is rootless-docker, not rootful Docker');
    expect(missing).toContain('real images instead of the stand-ins (openhands-1.x)');
  });
});
