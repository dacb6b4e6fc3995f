/**
 * The ids a snippet requires, transitively, in the order a reader runs them (a required
 * snippet's own requirements first, each id once). Unknown ids and cycles are skipped,
 * so the validator can walk a broken registry; it reports those itself.
 */
export function requiresChain(id: string, requiresOf: (id: string) => readonly string[] | undefined): string[] {
  const chain: string[] = [];
  const visiting = new Set([id]);
  const visit = (current: string) => {
    for (const required of requiresOf(current) ?? []) {
      if (requiresOf(required) === undefined || visiting.has(required) || chain.includes(required)) continue;
      visiting.add(required);
      visit(required);
      visiting.delete(required);
      chain.push(required);
    }
  };
  visit(id);
  return chain;
}
