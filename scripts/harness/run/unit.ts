import { PLACEHOLDERS } from '../../../src/snippets/words';
import { renderSnippet, requiredSnippets, snippetHash, type Snippet } from '../../../src/snippets';
import { LOCALES, translator, type Locale } from '../../../src/i18n';
import type { ReportedRewrite, UnitTexts } from '../../../contracts/verification-report';
import { applyRewrites, type CommandSpan, type RewriteContext } from './rewrites';

export type { UnitTexts } from '../../../contracts/verification-report';

/** One snippet ready to run: its texts, and what running it needs. */
export interface Unit extends UnitTexts {
  readonly snippet: Snippet;
  readonly requires: readonly Snippet[];
  /** The page says to run the snippet's own commands as root (a host firewall rule). */
  readonly asRoot: boolean;
  /**
   * How a reader runs it: in one shell, or the required snippets first and then, once the
   * containers they started are up, the snippet's own commands in a second terminal. The
   * second when the required snippets start containers and the snippet's own commands
   * expand no variable they exported (a second terminal would not have it).
   */
  readonly terminals: { readonly kind: 'one'; readonly text: string } | { readonly kind: 'two'; readonly first: string; readonly second: string };
  /** Container names (as run) the required snippets start, which the second terminal waits for. */
  readonly startedByRequires: readonly string[];
}

const translators = Object.fromEntries(LOCALES.map((locale) => [locale, translator(locale)])) as Record<Locale, ReturnType<typeof translator>>;
export const copiedText = (snippet: Snippet, locale: Locale = 'en'): string =>
  renderSnippet(snippet, (key) => translators[locale](key));

/** Parses a snippet's text into commands with word positions (scripts/harness/parse). */
export type WordParser = (snippet: Snippet, text: string) => Promise<readonly CommandSpan[]>;

export async function buildUnit(
  snippet: Snippet,
  parse: WordParser,
  rewrite: RewriteContext,
  fill: Readonly<Record<keyof typeof PLACEHOLDERS, string>>,
): Promise<Unit> {
  const requires = requiredSnippets(snippet);
  const ranParts: string[] = [];
  const rewrites: ReportedRewrite[] = [];
  const placeholders = new Map<string, string>();
  let asRoot = false;
  for (const part of [...requires, snippet]) {
    const text = copiedText(part);
    const commands = await parse(part, text);
    if (part === snippet) asRoot = commands.some((c) => c.words[0]?.raw === 'iptables');
    const applied = applyRewrites(text, commands, rewrite);
    let ran = applied.text;
    for (const [id, shown] of Object.entries(PLACEHOLDERS) as [keyof typeof PLACEHOLDERS, string][]) {
      if (!ran.includes(shown)) continue;
      ran = ran.replaceAll(shown, fill[id]);
      placeholders.set(shown, fill[id]);
    }
    ranParts.push(ran);
    rewrites.push(...applied.rewrites.map((r) => ({ ...r, snippet: part.id })));
  }
  const ranOwn = ranParts[ranParts.length - 1]!;
  const requiresText = ranParts.slice(0, -1).join('\n\n');
  const exported = new Set(requires.flatMap((r) => r.steps.flatMap((step) => (step.command.kind === 'export' ? [step.command.name] : []))));
  const started = requires.flatMap((r) => r.steps.flatMap((step) => (step.command.kind === 'docker-run' && step.command.name ? [step.command.name] : [])));
  // `$NAME`, or `${NAME:?...}` as a variable another snippet sets is written (src/snippets/words.ts).
  const usesExported = [...exported].some((name) => new RegExp(`\\$\\{?${name}\\b`).test(ranOwn));
  const terminals: Unit['terminals'] =
    started.length > 0 && !usesExported ? { kind: 'two', first: requiresText, second: ranOwn } : { kind: 'one', text: ranParts.join('\n\n') };
  if (asRoot && terminals.kind === 'one' && requires.length > 0) {
    throw new Error(`snippet ${snippet.id}: its own commands run as root but expand variables its required snippets export; a root shell would not have them`);
  }
  return {
    snippet,
    requires,
    terminals,
    startedByRequires: started.map((name) => rewrite.names.get(name) ?? name),
    registryHash: snippetHash(snippet, requires),
    texts: Object.fromEntries(LOCALES.map((locale) => [locale, copiedText(snippet, locale)])) as Record<Locale, string>,
    ran: ranParts.join('\n\n'),
    ranOwn,
    rewrites,
    placeholders: [...placeholders].map(([placeholder, value]) => ({ placeholder, value })),
    asRoot,
  };
}
