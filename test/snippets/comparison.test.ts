import { describe, expect, it } from 'vitest';
import { registryOf } from '../../src/snippets';
import { COMPARISON } from '../../src/snippets/versions/comparison';
import { VERSION_IDS } from '../../src/snippets/versions/ids';

describe('the comparison of versions', () => {
  const backings = COMPARISON.flatMap((row) => VERSION_IDS.map((version) => ({ row: row.id, version, cell: row.cells[version] })));

  it.each(backings.filter((b) => b.cell.backing.kind === 'claim').map((b) => [`${b.row} / ${b.version}`, b] as const))(
    'backs %s with a claim its registry makes',
    (_name, { version, cell }) => {
      const backing = cell.backing as Extract<typeof cell.backing, { kind: 'claim' }>;
      const snippet = registryOf(version)[backing.snippet];
      expect(snippet, `no snippet ${version}/${backing.snippet}`).toBeDefined();
      expect(snippet!.claims.map((c) => c.kind)).toContain(backing.claim);
    },
  );

  it('gives every cell something to show and a source that names a place', () => {
    for (const { row, version, cell } of backings) {
      expect(cell.text !== undefined || (cell.code ?? []).length > 0, `${row} / ${version} shows nothing`).toBe(true);
      if (cell.backing.kind === 'source') expect(cell.backing.source.length, `${row} / ${version}`).toBeGreaterThan(20);
    }
  });

  it('rejects a backing claim the registry does not make, so the check above can fail', () => {
    const snippet = registryOf('canvas')['canvas-run']!;
    expect(snippet.claims.map((c) => c.kind)).not.toContain('sandbox-reachable');
  });
});
