/**
 * What a page may state: the values of the snippets it shows, as their rendered text and
 * their data, and the upstream facts of the version's src/snippets/versions/<version>/facts.ts.
 */
import type { Command } from '../../../src/snippets/commands';
import type { SnippetSpec } from '../../../src/snippets/snippet';
import { renderCommand } from '../../../src/snippets/render';
import { memoryBytes } from '../../../src/snippets/validate';
import type { ProseValue } from './extract';

/** `"${NAME:?message}"`, as the renderer writes a variable an earlier snippet sets (src/snippets/words.ts). */
const GUARDED = /"\$\{(\w+):\?[^}]*\}"/g;

export interface KnownValues {
  /** Values the version's facts state, with their sources elsewhere. */
  readonly facts: readonly string[];
  /** The commands of the snippets, rendered, one per entry. */
  readonly commands: readonly string[];
  readonly memory: ReadonlySet<string>;
  readonly cpus: ReadonlySet<string>;
  readonly ports: ReadonlySet<string>;
}

function dataOf(command: Command, known: { memory: Set<string>; cpus: Set<string>; ports: Set<string> }): void {
  if (command.kind !== 'docker-run') return;
  if (command.memory !== undefined) known.memory.add(String(memoryBytes(command.memory)));
  if (command.cpus !== undefined) known.cpus.add(String(command.cpus));
  for (const port of command.publish ?? []) {
    known.ports.add(String(port.hostPort));
    known.ports.add(String(port.containerPort));
  }
}

/** The values of these snippets. */
export function knownValues(snippets: readonly SnippetSpec[], facts: readonly string[]): KnownValues {
  const sets = { memory: new Set<string>(), cpus: new Set<string>(), ports: new Set<string>() };
  const commands: string[] = [];
  for (const snippet of snippets) {
    for (const step of snippet.steps) {
      const text = renderCommand(step.command).replace(/\s*\\\n\s*/g, ' ');
      // Prose names a guarded variable by its value, `"$BRIDGE_GATEWAY"`, not by the `${...:?message}` guard.
      commands.push(text, text.replace(GUARDED, '"$$$1"'));
      dataOf(step.command, sets);
      for (const match of text.matchAll(/:(\d{2,5})\b/g)) sets.ports.add(match[1]!);
    }
    for (const claim of snippet.claims) if ('port' in claim) sets.ports.add(String(claim.port));
  }
  return { facts, commands, ...sets };
}

/** Whether the value is one the snippets use or an upstream fact states. */
export function isKnown(value: ProseValue, known: KnownValues): boolean {
  switch (value.kind) {
    case 'memory':
      return known.memory.has(value.normal);
    case 'cpus':
      return known.cpus.has(value.normal);
    case 'port':
      return known.ports.has(value.normal) || known.facts.includes(value.normal);
    case 'address':
    case 'literal':
      return known.facts.includes(value.normal) || known.commands.some((command) => contains(command, value.normal));
  }
}

/** `needle` inside `command` as whole words: `172.17.0.1` is not in `172.17.0.10`. */
function contains(command: string, needle: string): boolean {
  let from = 0;
  for (;;) {
    const at = command.indexOf(needle, from);
    if (at < 0) return false;
    const before = command[at - 1];
    const after = command[at + needle.length];
    if ((before === undefined || !/[\w.]/.test(before) || /^\W/.test(needle)) && (after === undefined || !/[\w.]/.test(after))) return true;
    from = at + 1;
  }
}
