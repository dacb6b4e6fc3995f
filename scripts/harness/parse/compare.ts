/**
 * Checks that a snippet's text says what its registry entry says: same commands, same
 * order, same values. The registry is typed data; the text is what a reader copies. A
 * hand edit after rendering (say 0.0.0.0 for 127.0.0.1) shows up here as a difference.
 */
import type { Snippet } from '../../../src/snippets';
import { isFirewallRule, type BridgeGuardRule, type Command, DockerBuild, DockerNetworkConnect, GrantFolderAccess, DockerLogs, DockerNetworkCreate, DockerNetworkRemove, DockerRemove, DockerRun, Export, MakeFolder, WriteFile } from '../../../src/snippets/commands';
import { imageReference } from '../../../src/snippets/images';
import { BRIDGE_NAME_OPTION, bridgeGuardArgs, bridgeInputGuardArgs, dockerUserGuardArgs, grantFolderAccessSpec, homePath, LOOPBACK_GUARD_ARGS, WRITE_FILE_FORMAT } from '../../../src/snippets/render';
import type { ParsedSetfacl } from './setfacl';
import { PLACEHOLDERS, UNSET_VARIABLE_MESSAGE, type Word } from '../../../src/snippets/words';
import type { ParsedCommand } from './commands';
import type { ParsedBuild, ParsedExec, ParsedDockerRun, ParsedLogs, ParsedNetworkConnect, ParsedNetworkCreate, ParsedNetworkRemove, ParsedRemove } from './docker-cli';
import type { ParsedMakeFolder, ParsedPrintf } from './files';
import { failer, type TextPosition } from './errors';
import type { ParsedExport } from './export';
import { parseIptables, type ParsedIptables } from './iptables';
import { parseQuotedParameter, type ShellWord, type SimpleCommand, type WordPart } from './shell';
import { memoryBytes } from './values';

export interface Difference {
  readonly snippetId: string;
  /** Index into the snippet's steps. */
  readonly step: number;
  /** e.g. `image`, `env[2]`, `publish[0]`, `memory`. */
  readonly field: string;
  /** What the registry says, as shell text. `(absent)` when it says nothing. */
  readonly expected: string;
  /** What the text says, as shell text. `(absent)` when it says nothing. */
  readonly actual: string;
  /** Where the text says it, or the command when it says nothing. */
  readonly at: TextPosition;
}

export const ABSENT = '(absent)';

/**
 * What a word means, independent of how it is quoted: `'abc'` and `abc` are the same
 * text; `"$X"` and `$X` are not the same word (the unquoted one splits on blanks).
 */
type Meaning =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'variable'; readonly name: string; readonly quoted: boolean; readonly unsetMessage?: string | undefined }
  | { readonly kind: 'command'; readonly command: string; readonly quoted: boolean }
  | { readonly kind: 'home'; readonly user: string };

function merged(meanings: Meaning[]): Meaning[] {
  const out: Meaning[] = [];
  for (const meaning of meanings) {
    const previous = out[out.length - 1];
    if (previous?.kind === 'text' && meaning.kind === 'text') out[out.length - 1] = { kind: 'text', value: previous.value + meaning.value };
    else if (meaning.kind !== 'text' || meaning.value !== '') out.push(meaning);
  }
  return out;
}

function partMeaning(part: WordPart, quoted: boolean): Meaning[] {
  switch (part.kind) {
    case 'literal':
    case 'single-quoted':
      return [{ kind: 'text', value: part.value }];
    case 'double-quoted':
      return part.parts.flatMap((inner) => partMeaning(inner, true));
    case 'parameter':
      return [{ kind: 'variable', name: part.name, quoted, unsetMessage: part.unsetMessage }];
    case 'command':
      return [{ kind: 'command', command: part.command, quoted }];
    case 'tilde':
      return [{ kind: 'home', user: part.user }];
  }
}

const textMeaning = (word: ShellWord): Meaning[] => merged(word.parts.flatMap((part) => partMeaning(part, false)));

/** The registry's word kinds, as the renderer writes them. */
function registryMeaning(word: Word): Meaning[] {
  if (typeof word === 'string') return [{ kind: 'text', value: word }];
  switch (word.kind) {
    case 'placeholder':
      return [{ kind: 'text', value: PLACEHOLDERS[word.id] }];
    case 'variable':
      return [{ kind: 'variable', name: word.name, quoted: true, unsetMessage: word.refuseUnset ? UNSET_VARIABLE_MESSAGE : undefined }];
    case 'command':
      return [{ kind: 'command', command: word.command, quoted: false }];
    case 'home':
      return [{ kind: 'home', user: '' }, { kind: 'text', value: `/${word.path}` }];
    case 'image':
      return [{ kind: 'text', value: imageReference(word.name) }];
    case 'concat':
      return merged(word.parts.flatMap(registryMeaning));
  }
}

function show(meanings: readonly Meaning[]): string {
  return meanings
    .map((meaning) => {
      switch (meaning.kind) {
        case 'text':
          return meaning.value;
        case 'variable': {
          const expansion = meaning.unsetMessage === undefined ? `$${meaning.name}` : `\${${meaning.name}:?${meaning.unsetMessage}}`;
          return meaning.quoted ? `"${expansion}"` : expansion;
        }
        case 'command':
          return meaning.quoted ? `"$(${meaning.command})"` : `$(${meaning.command})`;
        case 'home':
          return `~${meaning.user}`;
      }
    })
    .join('');
}

const showWord = (word: ShellWord) => show(textMeaning(word));
const showRegistry = (word: Word) => show(registryMeaning(word));

/** Collects the differences of one step. */
class StepDiff {
  readonly differences: Difference[] = [];

  constructor(
    private readonly snippetId: string,
    private readonly step: number,
    private readonly command: TextPosition,
  ) {}

  check(field: string, expected: string | undefined, actual: string | undefined, at?: TextPosition): void {
    this.differ(field, (expected ?? ABSENT) === (actual ?? ABSENT), expected, actual, at);
  }

  /** For values that compare otherwise than by how they are shown (4g and 4096m). */
  differ(field: string, same: boolean, expected: string | undefined, actual: string | undefined, at?: TextPosition): void {
    if (same) return;
    const where = at ?? this.command;
    this.differences.push({
      snippetId: this.snippetId,
      step: this.step,
      field,
      expected: expected ?? ABSENT,
      actual: actual ?? ABSENT,
      at: { line: where.line, column: where.column },
    });
  }

  /** Lists compare item by item, so order counts and a missing or extra item is named. */
  list<E, A extends { readonly word: ShellWord }>(
    field: string,
    expected: readonly E[],
    actual: readonly A[],
    showExpected: (item: E) => string,
    showActual: (item: A) => string,
  ): void {
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      const want = expected[i];
      const got = actual[i];
      this.check(`${field}[${i}]`, want === undefined ? undefined : showExpected(want), got && showActual(got), got?.word);
    }
  }
}

const flag = (on: boolean | undefined) => String(on ?? false);

function compareRun(diff: StepDiff, run: DockerRun, parsed: ParsedDockerRun): void {
  diff.check('image', run.imageFrom ? showRegistry(run.imageFrom) : imageReference(run.image), showWord(parsed.image), parsed.image);
  diff.check('interactive', flag(run.interactive), flag(parsed.interactive));
  diff.check('tty', flag(run.interactive), flag(parsed.tty));
  diff.check('detach', flag(run.detach), flag(parsed.detach));
  diff.check('remove', flag(run.remove), flag(parsed.remove));
  diff.check('pull', run.pull, parsed.pull?.value, parsed.pull?.word);
  diff.check('restart', run.restart, parsed.restart?.value, parsed.restart?.word);
  const env = Object.entries(run.env ?? {}) as [string, Word][];
  diff.list('env', env, parsed.env, ([name, value]) => `${name}=${showRegistry(value)}`, (e) => `${e.name}=${showWord(e.value)}`);
  diff.list(
    'mounts',
    run.mounts ?? [],
    parsed.mounts,
    (m) => `${showRegistry(m.source)}:${m.target}${m.readOnly ? ':ro' : ''}`,
    (m) => `${showWord(m.source)}:${m.target.value}${m.mode?.value === 'ro' ? ':ro' : ''}`,
  );
  diff.list(
    'publish',
    run.publish ?? [],
    parsed.publishes,
    (p) => `${p.hostIp ? `${typeof p.hostIp === 'string' ? p.hostIp : showRegistry(p.hostIp)}:` : ''}${p.hostPort}:${p.containerPort}`,
    (p) => `${p.hostIp !== undefined ? `${p.hostIp}:` : ''}${p.hostPort}:${p.containerPort}${p.protocol === 'udp' ? '/udp' : ''}`,
  );
  diff.list('addHosts', run.addHosts ?? [], parsed.addHosts, (h) => `${h.name}:${h.address}`, (h) => `${h.name}:${h.address}`);
  diff.check('cpus', run.cpus?.toString(), parsed.cpus?.value.toString(), parsed.cpus?.word);
  const expectedBytes = run.memory === undefined ? undefined : memoryBytes(run.memory);
  diff.differ(
    'memory',
    expectedBytes === parsed.memoryBytes?.value,
    run.memory && `${run.memory} (${expectedBytes} bytes)`,
    parsed.memoryBytes && `${parsed.memoryBytes.word.raw} (${parsed.memoryBytes.value} bytes)`,
    parsed.memoryBytes?.word,
  );
  diff.check('pidsLimit', run.pidsLimit?.toString(), parsed.pidsLimit?.value.toString(), parsed.pidsLimit?.word);
  diff.list('securityOpts', run.securityOpts ?? [], parsed.securityOpts, (o) => o, (o) => o.value);
  diff.check('network', run.network, parsed.network?.value, parsed.network?.word);
  diff.check('name', run.name, parsed.name?.value, parsed.name?.word);
  // The registry has no labels or user: the text must not either.
  diff.list('labels', [], parsed.labels, String, (l) => l.value);
  diff.check('user', undefined, parsed.user && showWord(parsed.user), parsed.user);
  diff.list('args', run.args ?? [], parsed.args.map((word) => ({ word })), showRegistry, (a) => showWord(a.word));
}

function compareNetworkCreate(diff: StepDiff, create: DockerNetworkCreate, parsed: ParsedNetworkCreate): void {
  diff.check('name', create.name, parsed.name.value, parsed.name.word);
  diff.check('driver', undefined, parsed.driver?.value, parsed.driver?.word);
  diff.check('internal', String(create.internal ?? false), String(parsed.internal));
  diff.list('labels', [], parsed.labels, String, (l) => l.value);
  diff.list('options', create.bridgeName ? [`${BRIDGE_NAME_OPTION}=${create.bridgeName}`] : [], parsed.options, String, (o) => o.value);
}

function compareNetworkConnect(diff: StepDiff, expected: DockerNetworkConnect, parsed: ParsedNetworkConnect): void {
  diff.check('network', expected.network, parsed.network.value, parsed.network.word);
  diff.check('container', expected.container, parsed.container.value, parsed.container.word);
}

function compareMakeFolder(diff: StepDiff, expected: MakeFolder, parsed: ParsedMakeFolder): void {
  diff.check('parents', 'true', String(parsed.parents));
  diff.check('folder', homePath(expected.folder), showWord(parsed.folder), parsed.folder);
}

function compareWriteFile(diff: StepDiff, expected: WriteFile, parsed: ParsedPrintf): void {
  diff.check('format', WRITE_FILE_FORMAT, showWord(parsed.format), parsed.format);
  diff.list('lines', expected.lines, parsed.lines.map((word) => ({ word })), showRegistry, (l) => showWord(l.word));
  diff.check('file', homePath(expected.folder, expected.file), parsed.target && showWord(parsed.target), parsed.target);
}

function compareExec(diff: StepDiff, expected: Extract<Command, { kind: 'docker-exec' }>, parsed: ParsedExec): void {
  diff.check('container', expected.container, parsed.container.value, parsed.container.word);
  diff.list('command', expected.command, parsed.args.map((word) => ({ word })), String, (a) => showWord(a.word));
}

function compareBuild(diff: StepDiff, expected: DockerBuild, parsed: ParsedBuild): void {
  diff.check('image', imageReference(expected.image), parsed.tag?.value, parsed.tag?.word);
  diff.check('folder', homePath(expected.folder), showWord(parsed.context), parsed.context);
}

function compareExport(diff: StepDiff, expected: Export, parsed: ParsedExport): void {
  diff.check('name', expected.name, parsed.name.value, parsed.name.word);
  diff.check('value', showRegistry(expected.value), showWord(parsed.value), parsed.value);
}

function literalWord(raw: string): ShellWord {
  const at = { offset: 0, end: 0, line: 0, column: 0 };
  // `"$NAME"` or `"${NAME:?message}"`, as the renderer writes a variable: a double-quoted parameter, not literal text.
  const variable = parseQuotedParameter(raw);
  if (variable) {
    const parameter = { kind: 'parameter' as const, ...variable, braced: variable.unsetMessage !== undefined, ...at };
    return { ...at, raw, parts: [{ kind: 'double-quoted', parts: [parameter], ...at }], literal: undefined };
  }
  return { ...at, raw, parts: [{ kind: 'literal', raw, value: raw, ...at }], literal: raw };
}

/** The registry's rule, read with the same grammar as the text. */
function registryRule(args: readonly string[], source: string): ParsedIptables {
  const words = ['iptables', ...args].map(literalWord);
  const command: SimpleCommand = { offset: 0, end: 0, line: 0, column: 0, words };
  return parseIptables(command, failer(`registry: ${source}`));
}

function compareRule(diff: StepDiff, expected: ParsedIptables, parsed: ParsedIptables): void {
  const negatable = (m: ParsedIptables['inInterface']) => m && `${m.negated ? '! ' : ''}${m.value}`;
  diff.check('table', expected.table?.value ?? 'filter', parsed.table?.value ?? 'filter', parsed.table?.word);
  diff.check('action', expected.action.value, parsed.action.value, parsed.action.word);
  diff.check('chain', expected.chain.value, parsed.chain.value, parsed.chain.word);
  diff.check('inInterface', negatable(expected.inInterface), negatable(parsed.inInterface), parsed.inInterface?.word);
  diff.check('outInterface', negatable(expected.outInterface), negatable(parsed.outInterface), parsed.outInterface?.word);
  diff.check('ctstate', expected.ctstate?.value, parsed.ctstate?.value, parsed.ctstate?.word);
  diff.check('destination', negatable(expected.destination), negatable(parsed.destination), parsed.destination?.word);
  diff.check('match', expected.match?.value, parsed.match?.value, parsed.match?.word);
  diff.check('comment', expected.comment?.value, parsed.comment?.value, parsed.comment?.word);
  diff.check('jump', expected.jump?.value, parsed.jump?.value, parsed.jump?.word);
}

function compareRemove(diff: StepDiff, expected: DockerRemove, parsed: ParsedRemove): void {
  diff.check('force', 'true', String(parsed.force));
  diff.list(
    'containers',
    expected.containers,
    parsed.containers.map((word) => ({ word })),
    (c) => (typeof c === 'string' ? c : showRegistry(c)),
    (c) => showWord(c.word),
  );
}

function compareNetworkRemove(diff: StepDiff, expected: DockerNetworkRemove, parsed: ParsedNetworkRemove): void {
  diff.check('name', expected.name, parsed.name.value, parsed.name.word);
}

function compareLogs(diff: StepDiff, expected: DockerLogs, parsed: ParsedLogs): void {
  diff.check('container', expected.container, parsed.container.value, parsed.container.word);
  diff.check('saveTo', expected.saveTo, parsed.stdoutTo && showWord(parsed.stdoutTo), parsed.stdoutTo);
  diff.check('stderrToStdout', String(expected.saveTo !== undefined), String(parsed.stderrToStdout), parsed.stdoutTo);
}

function compareGrant(diff: StepDiff, expected: GrantFolderAccess, parsed: ParsedSetfacl): void {
  diff.check('recursive', 'true', String(parsed.recursive));
  diff.check('entries', showRegistry(grantFolderAccessSpec(expected)), showWord(parsed.modify), parsed.modify);
  diff.list('folder', [expected.folder], parsed.paths.map((word) => ({ word })), showRegistry, (p) => showWord(p.word));
}

function parsedKind(command: Command): ParsedCommand['kind'] {
  if (isFirewallRule(command)) return 'iptables';
  if (command.kind === 'grant-folder-access') return 'setfacl';
  if (command.kind === 'make-folder') return 'mkdir';
  if (command.kind === 'write-file') return 'printf';
  return command.kind;
}

function compareStep(diff: StepDiff, expected: Command, actual: ParsedCommand): void {
  if (expected.kind === 'docker-run' && actual.kind === 'docker-run') compareRun(diff, expected, actual);
  else if (expected.kind === 'docker-network-create' && actual.kind === 'docker-network-create') compareNetworkCreate(diff, expected, actual);
  else if (expected.kind === 'export' && actual.kind === 'export') compareExport(diff, expected, actual);
  else if (expected.kind === 'loopback-guard-rule' && actual.kind === 'iptables') compareRule(diff, registryRule(LOOPBACK_GUARD_ARGS, 'LOOPBACK_GUARD_ARGS'), actual);
  else if (expected.kind === 'bridge-guard-rule' && actual.kind === 'iptables') compareRule(diff, registryRule(bridgeGuardArgs(expected), 'bridgeGuardArgs'), actual);
  else if (expected.kind === 'docker-user-guard-rule' && actual.kind === 'iptables') compareRule(diff, registryRule(dockerUserGuardArgs(expected), 'dockerUserGuardArgs'), actual);
  else if (expected.kind === 'docker-rm' && actual.kind === 'docker-rm') compareRemove(diff, expected, actual);
  else if (expected.kind === 'docker-network-rm' && actual.kind === 'docker-network-rm') compareNetworkRemove(diff, expected, actual);
  else if (expected.kind === 'docker-logs' && actual.kind === 'docker-logs') compareLogs(diff, expected, actual);
  else if (expected.kind === 'grant-folder-access' && actual.kind === 'setfacl') compareGrant(diff, expected, actual);
  else if (expected.kind === 'bridge-input-guard-rule' && actual.kind === 'iptables') compareRule(diff, registryRule(bridgeInputGuardArgs(expected), 'bridgeInputGuardArgs'), actual);
  else if (expected.kind === 'docker-network-connect' && actual.kind === 'docker-network-connect') compareNetworkConnect(diff, expected, actual);
  else if (expected.kind === 'make-folder' && actual.kind === 'mkdir') compareMakeFolder(diff, expected, actual);
  else if (expected.kind === 'write-file' && actual.kind === 'printf') compareWriteFile(diff, expected, actual);
  else if (expected.kind === 'docker-build' && actual.kind === 'docker-build') compareBuild(diff, expected, actual);
  else if (expected.kind === 'docker-exec' && actual.kind === 'docker-exec') compareExec(diff, expected, actual);
  else diff.check('command', parsedKind(expected), actual.kind, actual.command);
}

/** Every way the parsed text differs from the registry entry it was rendered from. */
export function compareWithRegistry(
  snippet: Pick<Snippet, 'id' | 'steps'>,
  parsed: { readonly commands: readonly ParsedCommand[] },
): Difference[] {
  const differences: Difference[] = [];
  const count = Math.max(snippet.steps.length, parsed.commands.length);
  const lastCommand = parsed.commands[parsed.commands.length - 1]?.command;
  for (let step = 0; step < count; step++) {
    const expected = snippet.steps[step]?.command;
    const actual = parsed.commands[step];
    const diff = new StepDiff(snippet.id, step, actual?.command ?? lastCommand ?? { line: 1, column: 1 });
    if (expected && actual) compareStep(diff, expected, actual);
    else diff.check('command', expected && parsedKind(expected), actual?.kind);
    differences.push(...diff.differences);
  }
  return differences;
}
