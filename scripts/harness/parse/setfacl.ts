/**
 * `setfacl -R -m ENTRIES FOLDER`, the one form the guide uses (grant-folder-access). Read
 * with setfacl(1)'s meaning: `-R` recursive, `-m` modify with a comma-separated ACL spec.
 */
import { quote, type Fail } from './errors';
import type { ShellWord, SimpleCommand } from './shell';

export interface ParsedSetfacl {
  readonly kind: 'setfacl';
  readonly command: SimpleCommand;
  readonly recursive: boolean;
  /** The ACL entries `-m` sets, as one word (it may hold `$(id -u)`). */
  readonly modify: ShellWord;
  readonly paths: readonly ShellWord[];
}

export function parseSetfacl(command: SimpleCommand, fail: Fail): ParsedSetfacl {
  const [head, ...rest] = command.words;
  let recursive = false;
  let modify: ShellWord | undefined;
  const paths: ShellWord[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    if (word.literal === '-R' || word.literal === '--recursive') recursive = true;
    else if (word.literal === '-m' || word.literal === '--modify') {
      const value = rest[i + 1];
      if (!value) return fail(word, 'missing-value', `Unexpected end of command, expected ACL entries after ${quote(word.raw)}`);
      if (modify) fail(word, 'unexpected-argument', `Unexpected second ${quote(word.raw)}, expected the entries in one -m`);
      modify = value;
      i++;
    } else if (word.literal?.startsWith('-')) fail(word, 'unknown-flag', `Unexpected ${quote(word.raw)}, expected -R or -m`);
    else paths.push(word);
  }
  if (!modify) return fail(head!, 'missing-argument', 'Unexpected setfacl without -m, expected -m ENTRIES');
  if (paths.length === 0) return fail(head!, 'missing-argument', 'Unexpected end of command, expected the folder after the entries');
  return { kind: 'setfacl', command, recursive, modify, paths };
}
