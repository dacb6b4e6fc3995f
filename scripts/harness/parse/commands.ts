/** Which grammar reads a command: the first word decides. */
import { parseDocker, type ParsedDocker } from './docker-cli';
import { quote, type Fail } from './errors';
import { parseExport, type ParsedExport } from './export';
import { parseMakeFolder, parsePrintf, type ParsedMakeFolder, type ParsedPrintf } from './files';
import { parseIptables, type ParsedIptables } from './iptables';
import { parseSetfacl, type ParsedSetfacl } from './setfacl';
import type { SimpleCommand } from './shell';

export type ParsedCommand = ParsedDocker | ParsedExport | ParsedIptables | ParsedSetfacl | ParsedMakeFolder | ParsedPrintf;

export function parseCommand(command: SimpleCommand, fail: Fail): ParsedCommand {
  const head = command.words[0]!;
  if (command.redirect && head.literal !== 'docker' && head.literal !== 'printf') {
    fail(command.redirect.operator, 'shell-unsupported', `Unexpected redirect \`>\` after ${quote(head.raw)}, expected one only after \`docker logs\` or \`printf\``);
  }
  switch (head.literal) {
    case 'docker':
      return parseDocker(command, fail);
    case 'export':
      return parseExport(command, fail);
    case 'iptables':
      return parseIptables(command, fail);
    case 'setfacl':
      return parseSetfacl(command, fail);
    case 'mkdir':
      return parseMakeFolder(command, fail);
    case 'printf':
      return parsePrintf(command, fail);
    default:
      return fail(head, 'unknown-command', `Unexpected command ${quote(head.raw)}, expected docker, export, iptables, setfacl, mkdir or printf`);
  }
}
