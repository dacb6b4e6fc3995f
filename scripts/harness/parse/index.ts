/**
 * Reads a snippet's rendered text the way a shell and the Docker CLI would, and checks
 * it against the registry entry it was rendered from.
 *
 * Parsing is asynchronous: sh-syntax runs mvdan/sh as WebAssembly behind a Promise API.
 */
import type { Snippet } from '../../../src/snippets';
import { parseCommand, type ParsedCommand } from './commands';
import { compareWithRegistry, type Difference } from './compare';
import { failer, problem, SnippetParseError, type Problem } from './errors';
import { parseShell, type SimpleCommand } from './shell';

export interface ParsedSnippet {
  readonly snippetId: string;
  readonly text: string;
  /** One per step, in text order; each keeps its shell words (`command.words`). */
  readonly commands: readonly ParsedCommand[];
}

/** Parses every command of a snippet's text; throws SnippetParseError at the first problem. */
export async function parseSnippet(snippet: Pick<Snippet, 'id'>, text: string): Promise<ParsedSnippet> {
  const shell = await parseShell(snippet.id, text);
  const fail = failer(snippet.id);
  return { snippetId: snippet.id, text, commands: shell.map((command) => parseCommand(command, fail)) };
}

/** The shell commands with word positions, for rewriting the text before it runs. */
export async function snippetCommands(snippet: Pick<Snippet, 'id'>, text: string): Promise<SimpleCommand[]> {
  return (await parseSnippet(snippet, text)).commands.map((command) => command.command);
}

const asProblem = (error: unknown): Problem => {
  if (error instanceof SnippetParseError) return error.toProblem();
  throw error;
};

export function differenceToProblem(difference: Difference): Problem {
  const reason =
    `Unexpected ${difference.field} \`${difference.actual}\`, expected \`${difference.expected}\`` +
    ` (step ${difference.step + 1} of the registry entry)`;
  return problem(difference.snippetId, difference.at, 'registry-mismatch', reason);
}

/**
 * Every problem of a snippet's text: a shell syntax error alone (nothing else can be
 * read then), otherwise each command's grammar error, otherwise each difference from the
 * registry. An empty list means the text is what the registry says.
 */
export async function checkSnippetText(snippet: Pick<Snippet, 'id' | 'steps'>, text: string): Promise<Problem[]> {
  let shell: SimpleCommand[];
  try {
    shell = await parseShell(snippet.id, text);
  } catch (error) {
    return [asProblem(error)];
  }
  const fail = failer(snippet.id);
  const problems: Problem[] = [];
  const commands: ParsedCommand[] = [];
  for (const command of shell) {
    try {
      commands.push(parseCommand(command, fail));
    } catch (error) {
      problems.push(asProblem(error));
    }
  }
  if (problems.length > 0) return problems;
  return compareWithRegistry(snippet, { commands }).map(differenceToProblem);
}

export { compareWithRegistry, type Difference } from './compare';
export { SnippetParseError, type Problem, type RuleId } from './errors';
export type { ParsedCommand } from './commands';
export type { ParsedDockerRun, ParsedNetworkCreate, Located, EnvEntry, MountSpec, PublishSpec, AddHostSpec } from './docker-cli';
export type { ParsedExport } from './export';
export type { ParsedIptables } from './iptables';
export type { ShellWord, SimpleCommand, WordPart } from './shell';
export { clipWord, splitWord } from './words';
