import { imageReference } from './images';
import type { BridgeGuardRule, BridgeInputGuardRule, Command, DockerBuild, DockerNetworkConnect, DockerUserGuardRule, GrantFolderAccess, DockerLogs, DockerNetworkCreate, DockerRemove, DockerRun, Export, HomeFolder, MakeFolder, WriteFile } from './commands';
import type { Snippet, Step } from './snippet';
import { commandOutput, concat, PLACEHOLDERS, UNSET_VARIABLE_MESSAGE, type Word } from './words';
import type { MessageKey } from '../i18n/messages';

/** Translates a comment key; the only locale-dependent input of rendering. */
export type Translate = (key: MessageKey) => string;

const INDENT = '    ';
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

function quoteLiteral(text: string): string {
  return SAFE_WORD.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

/** A word as shell source. Variables are double-quoted so paths with spaces survive. */
export function renderWord(word: Word): string {
  if (typeof word === 'string') return quoteLiteral(word);
  switch (word.kind) {
    case 'placeholder':
      return PLACEHOLDERS[word.id];
    case 'variable':
      return word.refuseUnset ? `"\${${word.name}:?${UNSET_VARIABLE_MESSAGE}}"` : `"$${word.name}"`;
    case 'command':
      return `$(${word.command})`;
    case 'home':
      return `~/${word.path}`;
    case 'image':
      return imageReference(word.name);
    case 'concat':
      return word.parts.map(renderWord).join('');
  }
}

/** The arguments of `docker run` after `run`, one flag (with its value) per entry. */
export function dockerRunFlags(run: DockerRun): { head: string[]; lines: string[] } {
  const head: string[] = [];
  if (run.interactive) head.push('-it');
  if (run.detach) head.push('-d');
  if (run.remove) head.push('--rm');
  if (run.pull) head.push(`--pull=${run.pull}`);
  if (run.restart) head.push(`--restart ${run.restart}`);
  const lines: string[] = [];
  for (const [name, value] of Object.entries(run.env ?? {}) as [string, Word][]) {
    lines.push(`-e ${name}=${renderWord(value)}`);
  }
  for (const mount of run.mounts ?? []) {
    lines.push(`-v ${renderWord(mount.source)}:${mount.target}${mount.readOnly ? ':ro' : ''}`);
  }
  for (const port of run.publish ?? []) {
    lines.push(`-p ${port.hostIp ? `${renderWord(port.hostIp)}:` : ''}${port.hostPort}:${port.containerPort}`);
  }
  for (const host of run.addHosts ?? []) lines.push(`--add-host ${host.name}:${host.address}`);
  if (run.cpus !== undefined) lines.push(`--cpus=${run.cpus}`);
  if (run.memory !== undefined) lines.push(`--memory=${run.memory}`);
  if (run.pidsLimit !== undefined) lines.push(`--pids-limit=${run.pidsLimit}`);
  for (const opt of run.securityOpts ?? []) lines.push(`--security-opt ${opt}`);
  if (run.network) lines.push(`--network ${run.network}`);
  if (run.name) lines.push(`--name ${run.name}`);
  return { head, lines };
}

function renderDockerRun(run: DockerRun): string {
  const { head, lines } = dockerRunFlags(run);
  const first = ['docker', 'run', ...head].join(' ');
  const image = run.imageFrom ? renderWord(run.imageFrom) : imageReference(run.image);
  // The container's own command stays on the image's line: it is what runs in that image.
  const rest = [...lines, [image, ...(run.args ?? []).map(renderWord)].join(' ')];
  return [first, ...rest.map((line) => INDENT + line)].join(' \\\n');
}

/** The option that names a network's bridge interface on the host (Docker's bridge driver). */
export const BRIDGE_NAME_OPTION = 'com.docker.network.bridge.name';

const renderNetworkCreate = (command: DockerNetworkCreate) =>
  ['docker', 'network', 'create', ...(command.internal ? ['--internal'] : []), ...(command.bridgeName ? ['-o', `${BRIDGE_NAME_OPTION}=${command.bridgeName}`] : []), command.name].join(' ');
const renderNetworkConnect = (command: DockerNetworkConnect) => `docker network connect ${command.network} ${command.container}`;

/** `~/FOLDER` or `~/FOLDER/FILE`, as the reader's shell expands it. */
export const homePath = (folder: HomeFolder, file?: string): string => renderWord({ kind: 'home', path: file ? `${folder}/${file}` : folder });
/** printf's format: each argument on a line of its own. */
export const WRITE_FILE_FORMAT = '%s\\n';
const renderMakeFolder = (command: MakeFolder) => `mkdir -p ${homePath(command.folder)}`;
/** One line of the file per line of the command, so the page reads like the file. */
const renderWriteFile = (command: WriteFile) =>
  [`printf '${WRITE_FILE_FORMAT}'`, ...command.lines.map(renderWord), `> ${homePath(command.folder, command.file)}`].join(` \\\n${INDENT}`);
const renderBuild = (command: DockerBuild) => `docker build -t ${imageReference(command.image)} ${homePath(command.folder)}`;
/** `-I INPUT`: ahead of whatever else the host's INPUT chain accepts. */
export const bridgeInputGuardArgs = (rule: BridgeInputGuardRule): string[] => ['-I', 'INPUT', '-i', rule.bridge, '-j', 'DROP'];
const renderExport = (command: Export) => `export ${command.name}=${renderWord(command.value)}`;

/**
 * The rule the guide gives for engines before 28.0.0 (facts.md, "Docker Engine facts"):
 * traffic for 127.0.0.0/8 only ever arrives legitimately on `lo`.
 */
export const LOOPBACK_GUARD_ARGS = ['-t', 'raw', '-I', 'PREROUTING', '!', '-i', 'lo', '-d', '127.0.0.0/8', '-j', 'DROP'] as const;

/**
 * The raw table sees packets before Docker's address translation, so the destination is
 * still the bridge address a neighbour sent them to; only packets arriving on the reader's
 * network interface are dropped, so containers on any bridge still reach the gateway.
 */
export function bridgeGuardArgs(rule: BridgeGuardRule): string[] {
  return ['-t', 'raw', '-I', 'PREROUTING', '-i', renderWord(rule.inInterface), '-d', renderWord(rule.subnet), '-j', 'DROP'];
}

/** `-m conntrack --ctstate NEW`: only new connections, so replies to what the containers open still reach them. */
export function dockerUserGuardArgs(rule: DockerUserGuardRule): string[] {
  return ['-I', 'DOCKER-USER', '-i', renderWord(rule.inInterface), '-o', rule.outInterface, '-m', 'conntrack', '--ctstate', 'NEW', '-j', 'DROP'];
}

/** The ACL entries: access for the agent's uid now, and defaults so new files stay shared. */
export function grantFolderAccessSpec(grant: Pick<GrantFolderAccess, 'uid'>): Word {
  if (typeof grant.uid === 'number') {
    const rwx = `u:${grant.uid}:rwX`;
    return concat(`${rwx},d:${rwx},d:u:`, commandOutput('id -u'), ':rwX');
  }
  return concat('u:', grant.uid, ':rwX,d:u:', grant.uid, ':rwX,d:u:', commandOutput('id -u'), ':rwX');
}

const renderGrant = (grant: GrantFolderAccess) =>
  ['setfacl', '-R', '-m', renderWord(grantFolderAccessSpec(grant)), renderWord(grant.folder)].join(' ');

const renderRemove = (command: DockerRemove) =>
  ['docker', 'rm', '-f', ...command.containers.map((c) => (typeof c === 'string' ? c : renderWord(c)))].join(' ');
const renderLogs = (command: DockerLogs) =>
  `docker logs ${command.container}${command.saveTo ? ` > ${quoteLiteral(command.saveTo)} 2>&1` : ''}`;

export function renderCommand(command: Command): string {
  switch (command.kind) {
    case 'docker-run':
      return renderDockerRun(command);
    case 'docker-network-create':
      return renderNetworkCreate(command);
    case 'docker-network-connect':
      return renderNetworkConnect(command);
    case 'make-folder':
      return renderMakeFolder(command);
    case 'write-file':
      return renderWriteFile(command);
    case 'docker-build':
      return renderBuild(command);
    case 'bridge-input-guard-rule':
      return ['iptables', ...bridgeInputGuardArgs(command)].join(' ');
    case 'export':
      return renderExport(command);
    case 'loopback-guard-rule':
      return ['iptables', ...LOOPBACK_GUARD_ARGS].join(' ');
    case 'bridge-guard-rule':
      return ['iptables', ...bridgeGuardArgs(command)].join(' ');
    case 'docker-user-guard-rule':
      return ['iptables', ...dockerUserGuardArgs(command)].join(' ');
    case 'docker-rm':
      return renderRemove(command);
    case 'docker-network-rm':
      return `docker network rm ${command.name}`;
    case 'docker-logs':
      return renderLogs(command);
    case 'docker-exec':
      return ['docker', 'exec', command.container, ...command.command.map(quoteLiteral)].join(' ');
    case 'grant-folder-access':
      return renderGrant(command);
  }
}

function renderStep(step: Step, t: Translate): string {
  const command = renderCommand(step.command);
  return step.comment ? `# ${t(step.comment)}\n${command}` : command;
}

/**
 * The exact text of a snippet's code block, which is also what the copy button copies
 * and what the harness runs. Only comment lines differ between locales.
 */
export function renderSnippet(snippet: Pick<Snippet, 'steps'>, t: Translate): string {
  return snippet.steps.map((step) => renderStep(step, t)).join('\n\n');
}
