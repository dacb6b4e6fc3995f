/**
 * The two file commands the guide uses to give the reader a short file: `mkdir -p FOLDER` and
 * `printf '%s\n' LINE... > FILE` (each argument a line of the file; printf(1) repeats the
 * format for every argument). Nothing else of either command is accepted.
 */
import { quote, type Fail } from './errors';
import type { ShellWord, SimpleCommand } from './shell';

export interface ParsedMakeFolder {
  readonly kind: 'mkdir';
  readonly command: SimpleCommand;
  readonly parents: boolean;
  readonly folder: ShellWord;
}

export interface ParsedPrintf {
  readonly kind: 'printf';
  readonly command: SimpleCommand;
  readonly format: ShellWord;
  readonly lines: readonly ShellWord[];
  /** `> FILE` */
  readonly target: ShellWord | undefined;
}

export function parseMakeFolder(command: SimpleCommand, fail: Fail): ParsedMakeFolder {
  const [head, ...rest] = command.words;
  let parents = false;
  const folders: ShellWord[] = [];
  for (const word of rest) {
    if (word.literal === '-p' || word.literal === '--parents') parents = true;
    else if (word.literal?.startsWith('-')) fail(word, 'unknown-flag', `Unexpected ${quote(word.raw)}, expected -p`);
    else folders.push(word);
  }
  const [folder, extra] = folders;
  if (!folder) return fail(head!, 'missing-argument', 'Unexpected end of command, expected a folder after mkdir -p');
  if (extra) fail(extra, 'unexpected-argument', `Unexpected ${quote(extra.raw)}, expected one folder`);
  return { kind: 'mkdir', command, parents, folder };
}

export function parsePrintf(command: SimpleCommand, fail: Fail): ParsedPrintf {
  const [head, format, ...lines] = command.words;
  if (!format) return fail(head!, 'missing-argument', "Unexpected end of command, expected printf '%s\\n' LINE...");
  if (command.redirect?.stderrToStdout) fail(command.redirect.operator, 'shell-unsupported', 'Unexpected `2>&1` after printf, expected `> FILE` alone');
  return { kind: 'printf', command, format, lines, target: command.redirect?.target };
}
