/**
 * The Docker CLI grammar for the commands the guide uses: `docker run` and
 * `docker network create`. Every value keeps its word, so variables, substitutions and
 * placeholders stay visible and the harness can rewrite exactly one value.
 */
import { quote, type Fail } from './errors';
import { parseArguments, type FlagSpec, type FlagUse } from './flags';
import type { ShellWord, SimpleCommand } from './shell';
import {
  checkDockerName,
  ENV_NAME,
  literalOf,
  parseAddHost,
  parseCpus,
  parseLabel,
  parseMemory,
  parsePidsLimit,
  parsePublish,
  parseSecurityOpt,
  type HostEntry,
  type PortBinding,
} from './values';
import { splitWord } from './words';

/** A value and the word (or sub-word) it was read from. */
export interface Located<T> {
  readonly value: T;
  readonly word: ShellWord;
}

export interface EnvEntry {
  readonly name: string;
  /** The sub-word after `=`: `$(id -u)` stays a substitution, `"$X"` a variable. */
  readonly value: ShellWord;
  /** The whole `NAME=VALUE` word. */
  readonly word: ShellWord;
}

export interface MountSpec {
  /** A host path (possibly `~/...` or `"$VAR"`) or a volume name. */
  readonly source: ShellWord;
  readonly target: Located<string>;
  readonly mode?: Located<'ro' | 'rw'>;
  readonly word: ShellWord;
}

export interface PublishSpec extends PortBinding {
  readonly word: ShellWord;
}

export interface AddHostSpec extends HostEntry {
  readonly word: ShellWord;
}

export type PullPolicy = 'always' | 'missing' | 'never';

const RUN_FLAGS = {
  interactive: { long: 'interactive', short: 'i', takesValue: false },
  tty: { long: 'tty', short: 't', takesValue: false },
  detach: { long: 'detach', short: 'd', takesValue: false },
  remove: { long: 'rm', takesValue: false },
  pull: { long: 'pull', takesValue: true },
  restart: { long: 'restart', takesValue: true },
  env: { long: 'env', short: 'e', takesValue: true },
  volume: { long: 'volume', short: 'v', takesValue: true },
  publish: { long: 'publish', short: 'p', takesValue: true },
  addHost: { long: 'add-host', takesValue: true },
  cpus: { long: 'cpus', takesValue: true },
  memory: { long: 'memory', short: 'm', takesValue: true },
  pidsLimit: { long: 'pids-limit', takesValue: true },
  securityOpt: { long: 'security-opt', takesValue: true },
  network: { long: 'network', aliases: ['net'], takesValue: true },
  name: { long: 'name', takesValue: true },
  label: { long: 'label', short: 'l', takesValue: true },
  user: { long: 'user', short: 'u', takesValue: true },
} as const satisfies Record<string, FlagSpec>;

export type RunFlag = keyof typeof RUN_FLAGS;

export interface ParsedDockerRun {
  readonly kind: 'docker-run';
  readonly command: SimpleCommand;
  readonly interactive: boolean;
  readonly tty: boolean;
  readonly detach: boolean;
  readonly remove: boolean;
  readonly pull?: Located<PullPolicy>;
  readonly restart?: Located<string>;
  readonly env: readonly EnvEntry[];
  readonly mounts: readonly MountSpec[];
  readonly publishes: readonly PublishSpec[];
  readonly addHosts: readonly AddHostSpec[];
  readonly cpus?: Located<number>;
  readonly memoryBytes?: Located<number>;
  readonly pidsLimit?: Located<number>;
  readonly securityOpts: readonly Located<string>[];
  readonly network?: Located<string>;
  readonly name?: Located<string>;
  readonly labels: readonly Located<string>[];
  readonly user?: ShellWord;
  readonly image: ShellWord;
  /** The command and arguments after the image. */
  readonly args: readonly ShellWord[];
  /** Every flag in order, with the words that carry it, for minimal rewrites. */
  readonly flags: readonly FlagUse<RunFlag>[];
}

const NETWORK_CREATE_FLAGS = {
  driver: { long: 'driver', short: 'd', takesValue: true },
  internal: { long: 'internal', takesValue: false },
  label: { long: 'label', takesValue: true },
  option: { long: 'opt', short: 'o', takesValue: true },
} as const satisfies Record<string, FlagSpec>;

export type NetworkCreateFlag = keyof typeof NETWORK_CREATE_FLAGS;

export interface ParsedNetworkCreate {
  readonly kind: 'docker-network-create';
  readonly command: SimpleCommand;
  readonly name: Located<string>;
  readonly driver?: Located<string>;
  readonly internal: boolean;
  readonly labels: readonly Located<string>[];
  /** `-o KEY=VALUE`: driver options, as written. */
  readonly options: readonly Located<string>[];
  readonly flags: readonly FlagUse<NetworkCreateFlag>[];
}

export interface ParsedNetworkConnect {
  readonly kind: 'docker-network-connect';
  readonly command: SimpleCommand;
  readonly network: Located<string>;
  readonly container: Located<string>;
}

const BUILD_FLAGS = { tag: { long: 'tag', short: 't', takesValue: true } } as const satisfies Record<string, FlagSpec>;

export interface ParsedBuild {
  readonly kind: 'docker-build';
  readonly command: SimpleCommand;
  readonly tag?: Located<string>;
  /** The build context: a folder (possibly `~/...`). */
  readonly context: ShellWord;
}

export interface ParsedRemove {
  readonly kind: 'docker-rm';
  readonly command: SimpleCommand;
  readonly force: boolean;
  /** Container names, or words that expand to them (`$(docker ps -aq ...)`). */
  readonly containers: readonly ShellWord[];
}

export interface ParsedNetworkRemove {
  readonly kind: 'docker-network-rm';
  readonly command: SimpleCommand;
  readonly name: Located<string>;
}

export interface ParsedLogs {
  readonly kind: 'docker-logs';
  readonly command: SimpleCommand;
  readonly container: Located<string>;
  /** `> FILE`, and whether `2>&1` follows it. */
  readonly stdoutTo?: ShellWord;
  readonly stderrToStdout: boolean;
}

export interface ParsedExec {
  readonly kind: 'docker-exec';
  readonly command: SimpleCommand;
  readonly container: Located<string>;
  readonly args: readonly ShellWord[];
}

export type ParsedDocker = ParsedExec | ParsedDockerRun | ParsedNetworkCreate | ParsedNetworkConnect | ParsedBuild | ParsedRemove | ParsedNetworkRemove | ParsedLogs;

const RM_FLAGS = { force: { long: 'force', short: 'f', takesValue: false } } as const satisfies Record<string, FlagSpec>;

/** `words` start after `docker rm`. */
export function parseRemove(command: SimpleCommand, words: readonly ShellWord[], fail: Fail): ParsedRemove {
  const { flags, positionals } = parseArguments(words, { command: 'docker rm', flags: RM_FLAGS, interspersed: true }, fail);
  if (positionals.length === 0) {
    return fail(command.words[command.words.length - 1]!, 'missing-argument', 'Unexpected end of command, expected at least one container');
  }
  for (const word of positionals) if (word.literal !== undefined) checkDockerName(word, 'a container name', fail);
  return { kind: 'docker-rm', command, force: enabled(flags, 'force'), containers: positionals };
}

function onlyName(command: SimpleCommand, words: readonly ShellWord[], what: string, usage: string, fail: Fail): Located<string> {
  const [nameWord, extra] = words;
  if (!nameWord) return fail(command.words[command.words.length - 1]!, 'missing-argument', `Unexpected end of command, expected ${what}`);
  if (nameWord.literal?.startsWith('-')) fail(nameWord, 'unknown-flag', `Unexpected option ${quote(nameWord.raw)}, expected ${usage}`);
  if (extra) fail(extra, 'unexpected-argument', `Unexpected ${quote(extra.raw)}, expected ${usage}`);
  return { value: checkDockerName(nameWord, what, fail), word: nameWord };
}

/** `words` start after `docker logs`. */
export function parseLogs(command: SimpleCommand, words: readonly ShellWord[], fail: Fail): ParsedLogs {
  return {
    kind: 'docker-logs',
    command,
    container: onlyName(command, words, 'a container name', 'docker logs NAME', fail),
    ...(command.redirect && { stdoutTo: command.redirect.target }),
    stderrToStdout: command.redirect?.stderrToStdout ?? false,
  };
}

function parseEnv(word: ShellWord, fail: Fail): EnvEntry {
  const [nameWord, value] = splitWord(word, '=', 1);
  const name = nameWord!.literal;
  if (value === undefined || name === undefined || !ENV_NAME.test(name)) {
    return fail(word, 'invalid-value', `Unexpected ${quote(word.raw)}, expected NAME=VALUE for --env`);
  }
  return { name, value, word };
}

function parseMount(word: ShellWord, fail: Fail): MountSpec {
  const pieces = splitWord(word, ':');
  const [source, target, mode, ...extra] = pieces;
  if (!source || !target || extra.length > 0 || source.raw === '') {
    return fail(word, 'invalid-value', `Unexpected ${quote(word.raw)}, expected SOURCE:TARGET[:ro|rw] for --volume`);
  }
  if (source.literal !== undefined && !source.literal.startsWith('/') && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(source.literal)) {
    fail(source, 'invalid-value', `Unexpected ${quote(source.raw)}, expected an absolute host path or a volume name`);
  }
  const targetPath = literalOf(target, 'a container path', fail);
  if (!targetPath.startsWith('/')) fail(target, 'invalid-value', `Unexpected ${quote(target.raw)}, expected an absolute container path`);
  let modeValue: Located<'ro' | 'rw'> | undefined;
  if (mode) {
    const text = mode.literal;
    if (text !== 'ro' && text !== 'rw') return fail(mode, 'invalid-value', `Unexpected ${quote(mode.raw)}, expected ro or rw`);
    modeValue = { value: text, word: mode };
  }
  return { source, target: { value: targetPath, word: target }, ...(modeValue && { mode: modeValue }), word };
}

function parsePull(word: ShellWord, fail: Fail): Located<PullPolicy> {
  const text = word.literal;
  if (text !== 'always' && text !== 'missing' && text !== 'never') {
    return fail(word, 'invalid-value', `Unexpected ${quote(word.raw)}, expected always, missing or never for --pull`);
  }
  return { value: text, word };
}

const lastValue = <K extends string>(flags: readonly FlagUse<K>[], key: K) => flags.filter((f) => f.key === key).at(-1)?.value;
const enabled = <K extends string>(flags: readonly FlagUse<K>[], key: K) =>
  flags.filter((f) => f.key === key).at(-1)?.enabled ?? false;

/** `words` start after `docker run`. */
export function parseDockerRun(command: SimpleCommand, words: readonly ShellWord[], fail: Fail): ParsedDockerRun {
  const { flags, positionals } = parseArguments(words, { command: 'docker run', flags: RUN_FLAGS, interspersed: false }, fail);
  const [image, ...args] = positionals;
  if (!image) {
    const last = command.words[command.words.length - 1]!;
    return fail(last, 'missing-argument', 'Unexpected end of command, expected an image after the docker run flags');
  }
  const values = (key: RunFlag) => flags.filter((f) => f.key === key).map((f) => f.value!);
  const located = <T>(key: RunFlag, read: (word: ShellWord, fail: Fail) => T): Located<T> | undefined => {
    const word = lastValue(flags, key);
    return word && { value: read(word, fail), word };
  };
  const pull = lastValue(flags, 'pull');
  const restart = located('restart', (word) => literalOf(word, 'a restart policy', fail));
  const user = lastValue(flags, 'user');
  const cpus = located('cpus', parseCpus);
  const memoryBytes = located('memory', parseMemory);
  const pidsLimit = located('pidsLimit', parsePidsLimit);
  const network = located('network', (word) => checkDockerName(word, 'a network name', fail));
  const name = located('name', (word) => checkDockerName(word, 'a container name', fail));
  return {
    kind: 'docker-run',
    command,
    interactive: enabled(flags, 'interactive'),
    tty: enabled(flags, 'tty'),
    detach: enabled(flags, 'detach'),
    remove: enabled(flags, 'remove'),
    ...(pull && { pull: parsePull(pull, fail) }),
    ...(restart && { restart }),
    env: values('env').map((word) => parseEnv(word, fail)),
    mounts: values('volume').map((word) => parseMount(word, fail)),
    publishes: values('publish').map((word) => ({ ...parsePublish(word, fail), word })),
    addHosts: values('addHost').map((word) => ({ ...parseAddHost(word, fail), word })),
    ...(cpus && { cpus }),
    ...(memoryBytes && { memoryBytes }),
    ...(pidsLimit && { pidsLimit }),
    securityOpts: values('securityOpt').map((word) => ({ value: parseSecurityOpt(word, fail), word })),
    ...(network && { network }),
    ...(name && { name }),
    labels: values('label').map((word) => ({ value: parseLabel(word, fail), word })),
    ...(user && { user }),
    image,
    args,
    flags,
  };
}

/** `words` start after `docker network create`. */
export function parseNetworkCreate(command: SimpleCommand, words: readonly ShellWord[], fail: Fail): ParsedNetworkCreate {
  const grammar = { command: 'docker network create', flags: NETWORK_CREATE_FLAGS, interspersed: true };
  const { flags, positionals } = parseArguments(words, grammar, fail);
  const [nameWord, extra] = positionals;
  if (!nameWord) {
    const last = command.words[command.words.length - 1]!;
    return fail(last, 'missing-argument', 'Unexpected end of command, expected a network name');
  }
  if (extra) fail(extra, 'unexpected-argument', `Unexpected ${quote(extra.raw)}, expected one network name`);
  const driver = lastValue(flags, 'driver');
  return {
    kind: 'docker-network-create',
    command,
    name: { value: checkDockerName(nameWord, 'a network name', fail), word: nameWord },
    ...(driver && { driver: { value: literalOf(driver, 'a network driver', fail), word: driver } }),
    internal: enabled(flags, 'internal'),
    labels: flags.filter((f) => f.key === 'label').map((f) => ({ value: parseLabel(f.value!, fail), word: f.value! })),
    options: flags.filter((f) => f.key === 'option').map((f) => ({ value: literalOf(f.value!, 'a driver option KEY=VALUE', fail), word: f.value! })),
    flags,
  };
}

/** `words` start after `docker network connect`. */
export function parseNetworkConnect(command: SimpleCommand, words: readonly ShellWord[], fail: Fail): ParsedNetworkConnect {
  const usage = 'docker network connect NETWORK CONTAINER';
  const [networkWord, containerWord, extra] = words;
  const last = command.words[command.words.length - 1]!;
  for (const word of [networkWord, containerWord]) if (word?.literal?.startsWith('-')) fail(word, 'unknown-flag', `Unexpected option ${quote(word.raw)}, expected ${usage}`);
  if (!networkWord || !containerWord) return fail(last, 'missing-argument', `Unexpected end of command, expected ${usage}`);
  if (extra) fail(extra, 'unexpected-argument', `Unexpected ${quote(extra.raw)}, expected ${usage}`);
  return {
    kind: 'docker-network-connect',
    command,
    network: { value: checkDockerName(networkWord, 'a network name', fail), word: networkWord },
    container: { value: checkDockerName(containerWord, 'a container name', fail), word: containerWord },
  };
}

/** `words` start after `docker build`. */
export function parseBuild(command: SimpleCommand, words: readonly ShellWord[], fail: Fail): ParsedBuild {
  const { flags, positionals } = parseArguments(words, { command: 'docker build', flags: BUILD_FLAGS, interspersed: true }, fail);
  const [context, extra] = positionals;
  if (!context) return fail(command.words[command.words.length - 1]!, 'missing-argument', 'Unexpected end of command, expected a build context folder');
  if (extra) fail(extra, 'unexpected-argument', `Unexpected ${quote(extra.raw)}, expected one build context`);
  const tag = lastValue(flags, 'tag');
  return { kind: 'docker-build', command, ...(tag && { tag: { value: literalOf(tag, 'an image reference', fail), word: tag } }), context };
}

const DOCKER_COMMANDS = '`docker run`, `docker build`, `docker exec`, `docker rm`, `docker logs`, `docker network create`, `docker network connect` or `docker network rm`';

/** The Docker commands the guide uses; `words` start after `docker`. */
export function parseDocker(command: SimpleCommand, fail: Fail): ParsedDocker {
  const [, sub, action, ...rest] = command.words;
  if (command.redirect && sub?.literal !== 'logs') {
    fail(command.redirect.operator, 'shell-unsupported', `Unexpected redirect \`>\` after \`docker ${sub?.raw ?? ''}\`, expected one only after \`docker logs\``);
  }
  if (sub?.literal === 'run') return parseDockerRun(command, command.words.slice(2), fail);
  if (sub?.literal === 'rm') return parseRemove(command, command.words.slice(2), fail);
  if (sub?.literal === 'logs') return parseLogs(command, command.words.slice(2), fail);
  if (sub?.literal === 'build') return parseBuild(command, command.words.slice(2), fail);
  if (sub?.literal === 'exec') {
    const [name, ...args] = command.words.slice(2);
    if (!name || args.length === 0) return fail(command.words[command.words.length - 1]!, 'missing-argument', 'Unexpected end of command, expected docker exec NAME COMMAND...');
    if (name.literal?.startsWith('-')) fail(name, 'unknown-flag', `Unexpected option ${quote(name.raw)}, expected docker exec NAME COMMAND...`);
    return { kind: 'docker-exec', command, container: { value: checkDockerName(name, 'a container name', fail), word: name }, args };
  }
  if (sub?.literal === 'network' && action?.literal === 'create') return parseNetworkCreate(command, rest, fail);
  if (sub?.literal === 'network' && action?.literal === 'connect') return parseNetworkConnect(command, rest, fail);
  if (sub?.literal === 'network' && action?.literal === 'rm') {
    return { kind: 'docker-network-rm', command, name: onlyName(command, rest, 'a network name', 'docker network rm NAME', fail) };
  }
  const at = sub?.literal === 'network' ? (action ?? sub) : (sub ?? command.words[0]!);
  return fail(at, 'unknown-command', `Unexpected ${quote(at.raw)}, expected ${DOCKER_COMMANDS}`);
}
