import type { Claim, ClaimKind } from './claims';
import type { Command, DockerRun } from './commands';
import { IMAGES } from './images';
import type { SnippetSpec, Step } from './snippet';
import { PLACEHOLDERS, UNSET_VARIABLE_MESSAGE, type Word } from './words';
import { requiresChain } from './requires';
import { MESSAGES } from '../i18n/messages';
import { ENGINE_KINDS } from '../../contracts/verification-report';

/** One thing wrong with the registry's data that its types cannot rule out. */
export interface RegistryProblem {
  readonly snippetId: string;
  /** Path inside the snippet, e.g. `steps[1].command.publish[0].hostPort`. */
  readonly field: string;
  /** "Unexpected X, expected Y". */
  readonly message: string;
}

/** Message catalogs by locale; keys are message keys. */
export type MessageCatalogs = Readonly<Record<string, Readonly<Record<string, string>>>>;

type Registry = Readonly<Record<string, SnippetSpec>>;
type Env = Readonly<Record<string, Word>>;

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const MEMORY = /^(\d+(?:\.\d+)?)([gm])$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Claims about a port inside the container, which its `docker run` does not publish. */
const UNPUBLISHED_PORT_CLAIMS: ReadonlySet<ClaimKind> = new Set(['internal-port-reachable-on-network', 'editor-reachable-on-network']);
const SOCKET = '/var/run/docker.sock';
/** How a publish on the bridge gateway reads: the address the reader read from their engine. */
const BRIDGE_GATEWAY = '"$BRIDGE_GATEWAY"';

/** Bytes Docker stores for `--memory` (binary units: `4g` is 4 GiB), or undefined if malformed. */
export function memoryBytes(size: string): number | undefined {
  const match = MEMORY.exec(size);
  if (!match) return undefined;
  const bytes = Number(match[1]) * (match[2] === 'g' ? GIB : MIB);
  return Number.isInteger(bytes) && bytes > 0 ? bytes : undefined;
}

export function isIpv4(text: string): boolean {
  const match = IPV4.exec(text);
  return !!match && match.slice(1).every((octet) => Number(octet) <= 255);
}

const isPort = (port: number) => Number.isInteger(port) && port >= 1 && port <= 65535;
const envOf = (run: DockerRun): Env => (run.env ?? {}) as Env;
const literal = (word: Word | undefined) => (typeof word === 'string' ? word : undefined);

/** The words of a command with the field each sits in. */
function commandWords(command: Command): [string, Word][] {
  switch (command.kind) {
    case 'docker-run':
      return [
        ...Object.entries(envOf(command)).map(([name, word]): [string, Word] => [`env.${name}`, word]),
        ...(command.mounts ?? []).map((mount, index): [string, Word] => [`mounts[${index}].source`, mount.source]),
        ...(command.publish ?? []).flatMap((port, index): [string, Word][] => (typeof port.hostIp === 'object' ? [[`publish[${index}].hostIp`, port.hostIp]] : [])),
        ...(command.imageFrom ? [['imageFrom', command.imageFrom] as [string, Word]] : []),
        ...(command.args ?? []).map((word, index): [string, Word] => [`args[${index}]`, word]),
      ];
    case 'write-file':
      return command.lines.map((line, index): [string, Word] => [`lines[${index}]`, line]);
    case 'export':
      return [['value', command.value]];
    case 'docker-rm':
      return command.containers.flatMap((c, index): [string, Word][] => (typeof c === 'string' ? [] : [[`containers[${index}]`, c]]));
    case 'bridge-guard-rule':
      return [['inInterface', command.inInterface], ['subnet', command.subnet]];
    case 'docker-user-guard-rule':
      return [['inInterface', command.inInterface]];
    case 'grant-folder-access':
      return typeof command.uid === 'number' ? [['folder', command.folder]] : [['uid', command.uid], ['folder', command.folder]];
    default:
      return [];
  }
}

/** What the commands run so far have created, as a reader's shell and daemon would hold it. */
interface Scope {
  /** Exported variables, with the step or required snippet that exported them. */
  readonly variables: Map<string, string>;
  /** Those exported by a step of the snippet itself, in the same paste as their use. */
  readonly ownVariables: Set<string>;
  readonly containers: Map<string, { run: DockerRun; by: string }>;
  readonly networks: Map<string, string>;
  guardRule: boolean;
  bridgeRule: boolean;
  dockerUserRule: boolean;
  folderGrant: boolean;
  /** Folders under the reader's home made so far, and the files written in them (`folder/file`). */
  readonly folders: Set<string>;
  readonly files: Set<string>;
  /** Network -> containers a `docker network connect` added to it. */
  readonly connected: Map<string, Set<string>>;
  inputRule: boolean;
  /** Bridge interface names the networks created so far were given. */
  readonly bridges: Set<string>;
  /** Networks created with `--internal`. */
  readonly internalNetworks: Set<string>;
}

/**
 * Variables the reader's login session sets, which a command may use without exporting them,
 * with why they are there. The harness sets the same for its reader (scripts/harness/host-net.ts).
 */
export const SESSION_VARIABLES: Readonly<Record<string, string>> = {
  XDG_RUNTIME_DIR: 'set by pam_systemd for a login session; rootless Docker keeps its socket there (docs.docker.com/engine/security/rootless/tips/)',
};

class RegistryValidator {
  readonly problems: RegistryProblem[] = [];
  private readonly order: Map<string, number>;

  constructor(
    private readonly snippets: Registry,
    private readonly catalogs: MessageCatalogs | null,
  ) {
    this.order = new Map(Object.keys(snippets).map((id, index) => [id, index]));
  }

  private problem(snippetId: string, field: string, message: string): void {
    this.problems.push({ snippetId, field, message });
  }

  validate(): RegistryProblem[] {
    for (const [id, spec] of Object.entries(this.snippets)) {
      this.checkRequires(id, spec);
      this.checkEngines(id, spec);
      const scope = this.checkSteps(id, spec);
      spec.claims.forEach((claim, index) => this.checkClaim(id, `claims[${index}]`, claim, scope));
      this.checkMessageKeys(id, spec);
    }
    this.checkCycles();
    return this.problems;
  }

  /** A variant names the engines it is for: at least one, each a kind the engines module knows, once. */
  private checkEngines(id: string, spec: SnippetSpec): void {
    if (spec.engines === undefined) return;
    if (spec.engines.length === 0) this.problem(id, 'engines', 'Unexpected empty engine list, expected the engine kinds the variant is for, or no `engines` for every engine');
    spec.engines.forEach((kind, index) => {
      if (!ENGINE_KINDS.includes(kind)) this.problem(id, `engines[${index}]`, `Unexpected engine kind \`${kind}\`, expected one of ${ENGINE_KINDS.join(', ')}`);
      if (spec.engines!.indexOf(kind) !== index) this.problem(id, `engines[${index}]`, `Unexpected duplicate engine kind \`${kind}\`, expected each once`);
    });
  }

  private checkRequires(id: string, spec: SnippetSpec): void {
    const seen = new Set<string>();
    (spec.requires ?? []).forEach((required, index) => {
      const field = `requires[${index}]`;
      const position = this.order.get(required);
      if (position === undefined) {
        this.problem(id, field, `Unexpected unknown snippet \`${required}\`, expected an id of the registry`);
      } else if (required === id) {
        this.problem(id, field, `Unexpected \`${id}\` requiring itself, expected snippets a reader runs before it`);
      } else if (position > (this.order.get(id) ?? 0)) {
        this.problem(
          id,
          field,
          `Unexpected \`${required}\` defined after \`${id}\`, expected required snippets to precede the snippets that require them`,
        );
      }
      if (seen.has(required)) this.problem(id, field, `Unexpected duplicate requirement \`${required}\`, expected each once`);
      seen.add(required);
    });
  }

  private checkCycles(): void {
    const reported = new Set<string>();
    const walk = (id: string, path: string[]): void => {
      for (const [index, required] of (this.snippets[id]?.requires ?? []).entries()) {
        if (!this.order.has(required) || required === id) continue;
        const start = path.indexOf(required);
        if (start >= 0) {
          const cycle = [...path.slice(start), required];
          const key = [...new Set(cycle)].sort().join();
          if (!reported.has(key)) {
            reported.add(key);
            this.problem(id, `requires[${index}]`, `Unexpected requires cycle ${cycle.join(' → ')}, expected none`);
          }
          continue;
        }
        walk(required, [...path, required]);
      }
    };
    for (const id of this.order.keys()) walk(id, [id]);
  }

  /** Snippets a reader has run before `id`, transitively, in the order they ran. */
  private requiredChain(id: string): string[] {
    return requiresChain(id, (current) => (this.order.has(current) ? (this.snippets[current]?.requires ?? []) : undefined));
  }

  private checkSteps(id: string, spec: SnippetSpec): Scope {
    const scope: Scope = {
      variables: new Map(), ownVariables: new Set(), containers: new Map(), networks: new Map(), guardRule: false, bridgeRule: false, dockerUserRule: false, folderGrant: false,
      folders: new Set(), files: new Set(), connected: new Map(), inputRule: false, bridges: new Set(), internalNetworks: new Set(),
    };
    for (const required of this.requiredChain(id)) {
      for (const step of this.snippets[required]?.steps ?? []) this.apply(scope, step.command, `snippet \`${required}\``);
    }
    spec.steps.forEach((step, index) => {
      const field = `steps[${index}].command`;
      this.checkWords(id, field, step, scope);
      this.checkCommand(id, field, step.command, scope);
      if (step.command.kind === 'docker-run' && !step.command.detach && index < spec.steps.length - 1) {
        this.problem(
          id,
          `${field}.detach`,
          `Unexpected foreground \`docker run\` before steps[${index + 1}], expected \`detach: true\` or the run as the last step (the shell waits for it to exit)`,
        );
      }
      this.apply(scope, step.command, `steps[${index}]`);
      if (step.command.kind === 'export') scope.ownVariables.add(step.command.name);
    });
    return scope;
  }

  private apply(scope: Scope, command: Command, by: string): void {
    if (command.kind === 'export') scope.variables.set(command.name, by);
    if (command.kind === 'docker-run' && command.name) scope.containers.set(command.name, { run: command, by });
    if (command.kind === 'docker-network-create') scope.networks.set(command.name, by);
    if (command.kind === 'docker-network-create' && command.bridgeName) scope.bridges.add(command.bridgeName);
    if (command.kind === 'docker-network-create' && command.internal) scope.internalNetworks.add(command.name);
    if (command.kind === 'loopback-guard-rule') scope.guardRule = true;
    if (command.kind === 'bridge-guard-rule') scope.bridgeRule = true;
    if (command.kind === 'docker-user-guard-rule') scope.dockerUserRule = true;
    if (command.kind === 'grant-folder-access') scope.folderGrant = true;
    if (command.kind === 'docker-rm') for (const name of command.containers) if (typeof name === 'string') scope.containers.delete(name);
    if (command.kind === 'docker-network-rm') scope.networks.delete(command.name);
    if (command.kind === 'make-folder') scope.folders.add(command.folder);
    if (command.kind === 'write-file') scope.files.add(`${command.folder}/${command.file}`);
    if (command.kind === 'docker-network-connect') scope.connected.set(command.network, new Set([...(scope.connected.get(command.network) ?? []), command.container]));
    if (command.kind === 'bridge-input-guard-rule') scope.inputRule = true;
  }

  private checkWords(id: string, field: string, step: Step, scope: Scope): void {
    for (const [wordField, word] of commandWords(step.command)) {
      const parts = typeof word === 'object' && word.kind === 'concat' ? word.parts : [word];
      if (parts.length === 0) this.problem(id, `${field}.${wordField}`, 'Unexpected empty concatenation, expected at least one part');
      for (const part of parts) this.checkWord(id, `${field}.${wordField}`, part, scope);
    }
  }

  private checkWord(id: string, field: string, word: Word, scope: Scope): void {
    if (typeof word === 'string') return;
    switch (word.kind) {
      case 'variable':
        if (!scope.variables.has(word.name) && !Object.hasOwn(SESSION_VARIABLES, word.name)) {
          this.problem(
            id,
            field,
            `Unexpected \`$${word.name}\` before any \`export ${word.name}=...\`, expected it exported by an earlier step or a required snippet`,
          );
        } else if (!scope.ownVariables.has(word.name) && !Object.hasOwn(SESSION_VARIABLES, word.name) && !word.refuseUnset) {
          // Set by another snippet: in a new shell it is empty, and "-p $X:3000:3000" publishes everywhere.
          this.problem(
            id,
            field,
            `Unexpected unguarded \`"$${word.name}"\`, which ${scope.variables.get(word.name)} sets, expected \`setEarlier('${word.name}')\` (\`"\${${word.name}:?${UNSET_VARIABLE_MESSAGE}}"\`): in a new shell it is empty and the command would run without it`,
          );
        }
        return;
      case 'placeholder':
        if (!Object.hasOwn(PLACEHOLDERS, word.id)) {
          this.problem(id, field, `Unexpected placeholder \`${word.id}\`, expected one of ${Object.keys(PLACEHOLDERS).join(', ')}`);
        }
        return;
      case 'image':
        if (!Object.hasOwn(IMAGES, word.name)) {
          this.problem(id, field, `Unexpected image \`${word.name}\`, expected one of ${Object.keys(IMAGES).join(', ')} (images.ts)`);
        }
        return;
      case 'home':
        if (word.path === '' || word.path.startsWith('/') || word.path.startsWith('~')) {
          this.problem(id, field, `Unexpected home path \`${word.path}\`, expected a path relative to the home directory`);
        }
        return;
      case 'concat':
        this.problem(id, field, 'Unexpected nested concatenation, expected literal, placeholder, variable or image parts');
        return;
      case 'command':
        return;
    }
  }

  private checkCommand(id: string, field: string, command: Command, scope: Scope): void {
    switch (command.kind) {
      case 'export':
        if (!SHELL_NAME.test(command.name)) {
          this.problem(id, `${field}.name`, `Unexpected variable name \`${command.name}\`, expected letters, digits and _`);
        }
        return;
      case 'docker-network-create': {
        const earlier = scope.networks.get(command.name);
        if (earlier) {
          this.problem(id, `${field}.name`, `Unexpected second \`docker network create ${command.name}\`, expected one (already created by ${earlier})`);
        }
        return;
      }
      case 'docker-run':
        this.checkDockerRun(id, field, command, scope);
        return;
      case 'docker-logs':
        this.container(id, `${field}.container`, command.container, scope);
        if (command.saveTo !== undefined && !/^[A-Za-z0-9._-]+$/.test(command.saveTo)) {
          this.problem(id, `${field}.saveTo`, `Unexpected file name \`${command.saveTo}\`, expected a plain name in the current folder`);
        }
        return;
      case 'docker-network-rm':
        if (!scope.networks.has(command.name)) {
          this.problem(id, `${field}.name`, `Unexpected \`docker network rm ${command.name}\` of a network no earlier step creates, expected \`docker network create ${command.name}\` before it`);
        }
        return;
      case 'bridge-guard-rule':
        // The subnet is a variable the reader read from their engine; checkWords sees it exported first.
        return;
      case 'grant-folder-access':
        if (typeof command.uid === 'number' && (!Number.isInteger(command.uid) || command.uid <= 0)) {
          this.problem(id, `${field}.uid`, `Unexpected uid ${command.uid}, expected the agent's non-root uid`);
        }
        return;
      case 'docker-exec':
        this.container(id, `${field}.container`, command.container, scope);
        if (command.command.length === 0) this.problem(id, `${field}.command`, 'Unexpected empty command, expected the program to run in the container');
        return;
      case 'docker-network-connect':
        this.container(id, `${field}.container`, command.container, scope);
        if (!scope.networks.has(command.network)) {
          this.problem(id, `${field}.network`, `Unexpected \`docker network connect ${command.network}\` to a network no earlier step creates, expected \`docker network create ${command.network}\` before it`);
        }
        return;
      case 'make-folder':
        return;
      case 'write-file':
        if (!scope.folders.has(command.folder)) this.problem(id, `${field}.folder`, `Unexpected file in ~/${command.folder} before any \`mkdir -p ~/${command.folder}\`, expected a \`make-folder\` step first`);
        if (!/^[A-Za-z0-9._-]+$/.test(command.file)) this.problem(id, `${field}.file`, `Unexpected file name \`${command.file}\`, expected a plain name`);
        if (command.lines.length === 0) this.problem(id, `${field}.lines`, 'Unexpected empty file, expected at least one line');
        command.lines.forEach((line, index) => {
          if (typeof line === 'string' && /[\n']/.test(line)) this.problem(id, `${field}.lines[${index}]`, 'Unexpected newline or single quote in a line, expected one line of plain text');
        });
        return;
      case 'docker-build':
        if (!scope.files.has(`${command.folder}/Dockerfile`)) this.problem(id, `${field}.folder`, `Unexpected \`docker build\` of ~/${command.folder} with no Dockerfile written there, expected a \`write-file\` step of ~/${command.folder}/Dockerfile first`);
        return;
      case 'bridge-input-guard-rule': {
        if (!scope.bridges.has(command.bridge)) this.problem(id, `${field}.bridge`, `Unexpected bridge \`${command.bridge}\` no network of the snippet or its requires names, expected \`docker network create -o com.docker.network.bridge.name=${command.bridge}\` first`);
        return;
      }
      case 'docker-rm':
      case 'loopback-guard-rule':
      case 'docker-user-guard-rule':
        return;
    }
  }


  private checkDockerRun(id: string, field: string, run: DockerRun, scope: Scope): void {
    if (!Object.hasOwn(IMAGES, run.image)) {
      this.problem(id, `${field}.image`, `Unexpected image \`${run.image}\`, expected one of ${Object.keys(IMAGES).join(', ')} (images.ts)`);
    }
    if (run.name && scope.containers.has(run.name)) {
      this.problem(
        id,
        `${field}.name`,
        `Unexpected second container named \`${run.name}\`, expected one (already started by ${scope.containers.get(run.name)?.by})`,
      );
    }
    if (run.network && !scope.networks.has(run.network)) {
      this.problem(
        id,
        `${field}.network`,
        `Unexpected network \`${run.network}\` no earlier step creates, expected \`docker network create ${run.network}\` before it`,
      );
    }
    for (const [name, word] of Object.entries(envOf(run))) {
      if (!SHELL_NAME.test(name)) this.problem(id, `${field}.env.${name}`, `Unexpected variable name \`${name}\`, expected letters, digits and _`);
    }
    const binding = literal(envOf(run)['SANDBOX_RUNTIME_BINDING_ADDRESS']);
    if (binding !== undefined && !isIpv4(binding)) {
      this.problem(id, `${field}.env.SANDBOX_RUNTIME_BINDING_ADDRESS`, `Unexpected \`${binding}\`, expected an IPv4 address`);
    }
    const published = new Set<string>();
    (run.publish ?? []).forEach((port, index) => {
      const portField = `${field}.publish[${index}]`;
      if (typeof port.hostIp === 'string' && !isIpv4(port.hostIp)) {
        this.problem(id, `${portField}.hostIp`, `Unexpected host address \`${port.hostIp}\`, expected an IPv4 address`);
      }
      if (typeof port.hostIp === 'object' && port.hostIp.name !== 'BRIDGE_GATEWAY') {
        this.problem(id, `${portField}.hostIp`, `Unexpected host address \`$${port.hostIp.name}\`, expected 127.0.0.1 or "$BRIDGE_GATEWAY"`);
      }
      for (const key of ['hostPort', 'containerPort'] as const) {
        if (!isPort(port[key])) this.problem(id, `${portField}.${key}`, `Unexpected port ${port[key]}, expected an integer from 1 to 65535`);
      }
      const binding = `${typeof port.hostIp === 'object' ? `$${port.hostIp.name}` : (port.hostIp ?? '0.0.0.0')}:${port.hostPort}`;
      if (published.has(binding)) this.problem(id, `${portField}.hostPort`, `Unexpected second publish of ${binding}, expected each host port once`);
      published.add(binding);
    });
    const targets = new Set<string>();
    (run.mounts ?? []).forEach((mount, index) => {
      const mountField = `${field}.mounts[${index}].target`;
      if (!mount.target.startsWith('/')) this.problem(id, mountField, `Unexpected mount target \`${mount.target}\`, expected an absolute path`);
      if (targets.has(mount.target)) this.problem(id, mountField, `Unexpected second mount on \`${mount.target}\`, expected each target once`);
      targets.add(mount.target);
    });
    if (run.cpus !== undefined && !(Number.isFinite(run.cpus) && run.cpus > 0)) {
      this.problem(id, `${field}.cpus`, `Unexpected --cpus=${run.cpus}, expected a positive number`);
    }
    if (run.memory !== undefined && memoryBytes(run.memory) === undefined) {
      this.problem(id, `${field}.memory`, `Unexpected --memory=${run.memory}, expected a positive size such as 4g or 512m`);
    }
    if (run.pidsLimit !== undefined && !(Number.isInteger(run.pidsLimit) && run.pidsLimit > 0)) {
      this.problem(id, `${field}.pidsLimit`, `Unexpected --pids-limit=${run.pidsLimit}, expected a positive integer`);
    }
  }

  /** The run that started `name`, or a problem saying none did. */
  private container(id: string, field: string, name: string, scope: Scope): DockerRun | undefined {
    const found = scope.containers.get(name)?.run;
    if (!found) {
      this.problem(
        id,
        field,
        `Unexpected container \`${name}\` that no command of the snippet or its requires starts, expected a \`docker run --name ${name}\``,
      );
    }
    return found;
  }

  private checkClaim(id: string, field: string, claim: Claim, scope: Scope): void {
    const run = 'container' in claim ? this.container(id, `${field}.container`, claim.container, scope) : undefined;
    const proxy = 'proxy' in claim ? this.container(id, `${field}.proxy`, claim.proxy, scope) : undefined;
    const env = run ? envOf(run) : {};
    const fail = (subfield: string, message: string) => this.problem(id, `${field}${subfield}`, message);
    const userId = literal(env['SANDBOX_USER_ID']);
    const runsAsReader = env['SANDBOX_USER_ID'] !== undefined && userId !== '0';

    if ('port' in claim) {
      if (!isPort(claim.port)) fail('.port', `Unexpected port ${claim.port}, expected an integer from 1 to 65535`);
      // A port inside the container (the agent server or the editor, past the ingress) is not published.
      if (run && !UNPUBLISHED_PORT_CLAIMS.has(claim.kind)) this.checkClaimedPort(id, field, claim, run);
    }

    switch (claim.kind) {
      case 'network-exists':
        if (!scope.networks.has(claim.network)) {
          fail('.network', `Unexpected network \`${claim.network}\` no command creates, expected \`docker network create ${claim.network}\` in the snippet or its requires`);
        }
        return;
      case 'networks': {
        for (const [index, network] of claim.networks.entries()) {
          if (!scope.networks.has(network)) fail(`.networks[${index}]`, `Unexpected network \`${network}\` no command creates, expected \`docker network create ${network}\``);
        }
        const actual = run?.network ? [run.network] : [];
        if (run && [...claim.networks].sort().join() !== actual.join()) {
          fail('.networks', `Unexpected networks [${claim.networks.join(', ')}], expected [${actual.join(', ')}] as \`${claim.container}\` runs with ${run.network ? `--network ${run.network}` : 'no --network'}`);
        }
        return;
      }
      case 'no-published-ports':
        if (run && (run.publish ?? []).length > 0) fail('.kind', `Unexpected claim that \`${claim.container}\` publishes no port, expected no -p on its \`docker run\``);
        return;
      case 'cpu-limit':
        if (!(Number.isFinite(claim.cpus) && claim.cpus > 0)) fail('.cpus', `Unexpected ${claim.cpus} CPUs, expected a positive number`);
        if (run && run.cpus !== claim.cpus) fail('.cpus', `Unexpected ${claim.cpus} CPUs, expected ${run.cpus ?? 'no limit'} as the command sets ${run.cpus === undefined ? 'no --cpus' : `--cpus=${run.cpus}`}`);
        return;
      case 'memory-limit': {
        if (!(Number.isInteger(claim.bytes) && claim.bytes > 0)) fail('.bytes', `Unexpected ${claim.bytes} bytes, expected a positive integer`);
        const bytes = run?.memory === undefined ? undefined : memoryBytes(run.memory);
        if (run && bytes !== claim.bytes) {
          fail('.bytes', `Unexpected ${claim.bytes} bytes, expected ${bytes ?? 'no limit'} as the command sets ${run.memory === undefined ? 'no --memory' : `--memory=${run.memory}`}`);
        }
        return;
      }
      case 'image':
        if (run && run.image !== claim.image) fail('.image', `Unexpected image \`${claim.image}\`, expected \`${run.image}\` which the command runs`);
        return;
      case 'app-isolated-from-other-networks':
        if (run && !run.network) fail('.kind', `Unexpected isolation claim for \`${claim.container}\` on the default bridge, expected --network on its \`docker run\``);
        return;
      case 'sandbox-ports-reachable-from-other-networks':
        return;
      case 'no-docker-socket':
        if (run?.mounts?.some((mount) => mount.target === SOCKET)) fail('.kind', `Unexpected claim that \`${claim.container}\` has no Docker socket, expected no mount on ${SOCKET}`);
        return;
      case 'docker-api-via-proxy': {
        const dockerHost = literal(env['DOCKER_HOST']);
        if (run && !dockerHost?.includes(`//${claim.proxy}:`)) {
          fail('.proxy', `Unexpected DOCKER_HOST ${dockerHost ?? '(unset)'}, expected tcp://${claim.proxy}:<port>`);
        }
        if (run && proxy && (!run.network || run.network !== proxy.network)) {
          fail('.proxy', `Unexpected \`${claim.container}\` and \`${claim.proxy}\` on different networks, expected both on one user-defined network`);
        }
        return;
      }
      case 'proxy-denies-unlisted-sections':
        if (proxy && proxy.image !== 'socket-proxy') fail('.proxy', `Unexpected image \`${proxy.image}\` for \`${claim.proxy}\`, expected \`socket-proxy\``);
        return;
      case 'proxy-containers-alone-refuses-sandbox':
        if (proxy && proxy.image !== 'socket-proxy') fail('.proxy', `Unexpected image \`${proxy.image}\` for \`${claim.proxy}\`, expected \`socket-proxy\``);
        return;
      case 'proxy-allows-privileged-create':
        if (proxy && literal((proxy.env ?? {})['POST' as never]) !== '1') fail('.proxy', `Unexpected claim that \`${claim.proxy}\` forwards a create request without POST=1, expected POST=1 on its \`docker run\``);
        return;
      case 'bridge-guard-blocks-lan':
      case 'bridge-guard-blocks-lan-app':
      case 'subnet-guard-blocks-lan':
        if (!scope.bridgeRule) fail('.kind', 'Unexpected bridge guard claim without the bridge guard rule, expected a `bridge-guard-rule` step in the snippet or its requires');
        return;
      case 'image-by-digest':
        if (run && !run.imageFrom) fail('.kind', `Unexpected digest claim for \`${claim.container}\` run by tag, expected \`imageFrom\` naming the variable that holds the digest reference`);
        if (run && run.image !== claim.image) fail('.image', `Unexpected image \`${claim.image}\`, expected \`${run.image}\` which the command runs`);
        return;
      case 'removed': {
        for (const [index, name] of claim.containers.entries()) {
          if (scope.containers.has(name)) fail(`.containers[${index}]`, `Unexpected claim that \`${name}\` is gone while no \`docker rm\` removes it, expected it among the removed containers`);
        }
        for (const [index, name] of claim.networks.entries()) {
          if (scope.networks.has(name)) fail(`.networks[${index}]`, `Unexpected claim that \`${name}\` is gone while no \`docker network rm\` removes it`);
        }
        return;
      }
      case 'log-saved':
      case 'sandbox-ports-on-lan':
      case 'sandbox-calls-back-app':
      case 'sandbox-callback-unanswered':
      case 'setting-ignored':
      case 'sandbox-runs-as':
      case 'runs-as-uid':
      case 'sandbox-unlimited':
      case 'api-requires-key':
      case 'ui-embeds-key':
      case 'api-key-file':
      case 'env-key-leaves-api-open':
      case 'internal-port-reachable-on-network':
      case 'ui-key-policy':
      case 'editor-route':
      case 'audit':
        return;
      case 'editor-reachable-on-network':
        if (run && !run.network) fail('.kind', `Unexpected editor claim for \`${claim.container}\` on the default bridge, expected --network on its \`docker run\` (a neighbour joins that network)`);
        return;
      case 'agent-write-refused':
        if (scope.folderGrant) fail('.kind', 'Unexpected refused write after a `grant-folder-access` step, expected `agent-write-allowed`');
        return;
      case 'agent-write-allowed':
        if (!scope.folderGrant) fail('.kind', 'Unexpected allowed write without a `grant-folder-access` step, expected one in the snippet or its requires');
        return;
      case 'no-new-privileges':
        if (run && !run.securityOpts?.includes('no-new-privileges')) fail('.kind', `Unexpected no-new-privileges claim for \`${claim.container}\`, expected --security-opt no-new-privileges on its \`docker run\``);
        return;
      case 'pids-limit':
        if (run && run.pidsLimit !== claim.pids) fail('.pids', `Unexpected ${claim.pids} processes, expected ${run.pidsLimit ?? 'no limit'} as the command sets ${run.pidsLimit === undefined ? 'no --pids-limit' : `--pids-limit=${run.pidsLimit}`}`);
        return;
      case 'docker-user-guard-blocks-lan':
        if (!scope.dockerUserRule) fail('.kind', 'Unexpected DOCKER-USER guard claim without the rule, expected a `docker-user-guard-rule` step in the snippet or its requires');
        return;
      case 'app-runs-as':
        if (run && claim.user === 'reader' && !runsAsReader) fail('.user', 'Unexpected user `reader` while SANDBOX_USER_ID is unset or 0, expected -e SANDBOX_USER_ID=$(id -u)');
        if (run && claim.user === 'root' && runsAsReader) fail('.user', 'Unexpected user `root` while SANDBOX_USER_ID is set, expected it unset or 0');
        return;
      case 'workspace-chown':
        if (run && env['WORKSPACE_MOUNT_PATH'] === undefined) fail('.kind', 'Unexpected workspace chown claim without WORKSPACE_MOUNT_PATH, expected the workspace mounted into the sandbox');
        if (run && claim.outcome === 'root-owned' && runsAsReader) fail('.outcome', 'Unexpected outcome `root-owned` while SANDBOX_USER_ID is the reader\'s, expected `group-root-after-restart`');
        if (run && claim.outcome === 'group-root-after-restart' && !runsAsReader) fail('.outcome', 'Unexpected outcome `group-root-after-restart` while SANDBOX_USER_ID is unset or 0, expected `root-owned`');
        return;
      case 'workspace-files-owned-by-user':
        if (run && !runsAsReader) fail('.kind', 'Unexpected workspace ownership claim while SANDBOX_USER_ID is unset or 0, expected -e SANDBOX_USER_ID=$(id -u)');
        if (run && env['WORKSPACE_MOUNT_PATH'] === undefined) fail('.kind', 'Unexpected workspace ownership claim without WORKSPACE_MOUNT_PATH, expected the workspace mounted');
        return;
      case 'sandbox-reachable':
      case 'sandbox-unreachable': {
        if (!run) return;
        if (!run.mounts?.some((mount) => mount.target === SOCKET) && env['DOCKER_HOST'] === undefined) {
          fail('.kind', `Unexpected sandbox claim for \`${claim.container}\` without Docker API access, expected ${SOCKET} mounted or DOCKER_HOST set`);
        }
        if (!run.addHosts?.some((host) => host.name === 'host.docker.internal')) {
          fail('.kind', 'Unexpected sandbox claim without --add-host host.docker.internal:host-gateway, expected it (the app reaches sandboxes there)');
        }
        // facts.md: sandbox ports on 127.0.0.1 cannot be reached from the app container.
        if (literal(env['SANDBOX_RUNTIME_BINDING_ADDRESS']) === '127.0.0.1') {
          fail('.kind', 'Unexpected sandbox claim with SANDBOX_RUNTIME_BINDING_ADDRESS=127.0.0.1, expected an address the app container reaches (the bridge gateway)');
        }
        return;
      }
      case 'sandbox-ports-not-on-lan': {
        const word = env['SANDBOX_RUNTIME_BINDING_ADDRESS'];
        const address = literal(word);
        // A variable (the bridge gateway the reader read from their engine) is fine; unset or 0.0.0.0 is not.
        if (run && (word === undefined || address === '0.0.0.0')) {
          fail('.kind', `Unexpected claim that sandbox ports stay off the LAN with SANDBOX_RUNTIME_BINDING_ADDRESS=${address ?? '(default 0.0.0.0)'}, expected a non-wildcard address`);
        }
        return;
      }
      case 'loopback-guard-blocks-lan':
        if (!scope.guardRule) fail('.kind', 'Unexpected guard claim without the loopback guard rule, expected a `loopback-guard-rule` step in the snippet or its requires');
        return;
      case 'port-loopback-only':
      case 'port-reachable-from-lan':
      case 'port-on-loopback-and-gateway':
        return;
      case 'egress-allowed-via-proxy':
      case 'egress-refused':
      case 'egress-fails-closed':
      case 'egress-host-reachable': {
        if (run && !(run.network && scope.internalNetworks.has(run.network))) {
          fail('.container', `Unexpected egress claim for \`${claim.container}\` on ${run.network ? `\`${run.network}\`` : 'the default bridge'}, expected it on a network created with --internal (its only way out is the proxy)`);
        }
        if (proxy && proxy.image !== 'egress-proxy') fail('.proxy', `Unexpected image \`${proxy.image}\` for \`${'proxy' in claim ? claim.proxy : ''}\`, expected \`egress-proxy\``);
        const proxyUrl = literal(env['HTTPS_PROXY']);
        if (run && 'proxy' in claim && !proxyUrl?.includes(`//${claim.proxy}:`)) fail('.proxy', `Unexpected HTTPS_PROXY ${proxyUrl ?? '(unset)'}, expected http://${claim.proxy}:<port>`);
        if (claim.kind === 'egress-refused' && claim.way === 'host-service' && !scope.inputRule) fail('.way', 'Unexpected host-service refusal without the bridge INPUT rule, expected a `bridge-input-guard-rule` step in the snippet or its requires');
        if (claim.kind === 'egress-host-reachable' && scope.inputRule) fail('.kind', 'Unexpected host-reachable risk after the bridge INPUT rule, expected `egress-refused` with way `host-service`');
        return;
      }
      case 'egress-ui-forwarded': {
        this.container(id, `${field}.app`, claim.app, scope);
        const args = (run?.args ?? []).map((word) => literal(word) ?? '');
        if (run && (run.image !== 'egress-proxy' || args[0] !== 'socat' || !args.some((arg) => arg.startsWith(`TCP:${claim.app}:`)))) {
          fail('.container', `Unexpected forwarder \`${claim.container}\`, expected the egress-proxy image running \`socat ... TCP:${claim.app}:<port>\``);
        }
        return;
      }
      default: {
        const unknown: { kind: string } = claim;
        fail('.kind', `Unexpected claim kind \`${unknown.kind}\`, expected a kind of claims.ts`);
      }
    }
  }

  private checkClaimedPort(
    id: string,
    field: string,
    claim: Extract<Claim, { port: number }>,
    run: DockerRun,
  ): void {
    const publish = run.publish?.find((port) => port.hostPort === claim.port);
    if (!publish) {
      const ports = (run.publish ?? []).map((port) => port.hostPort).join(', ') || 'none';
      this.problem(id, `${field}.port`, `Unexpected port ${claim.port} of \`${claim.container}\`, expected a host port its \`docker run\` publishes (${ports})`);
      return;
    }
    if (claim.kind === 'port-on-loopback-and-gateway') {
      const ips = (run.publish ?? []).filter((port) => port.hostPort === claim.port).map((port) => (typeof port.hostIp === 'object' ? `"$${port.hostIp.name}"` : (port.hostIp ?? '0.0.0.0')));
      if (!ips.includes('127.0.0.1') || !ips.includes(BRIDGE_GATEWAY) || ips.some((ip) => ip !== '127.0.0.1' && ip !== BRIDGE_GATEWAY)) {
        this.problem(id, `${field}.port`, `Unexpected ${claim.kind} claim for port ${claim.port} published on ${ips.join(', ')}, expected -p 127.0.0.1:${claim.port}:${publish.containerPort} and -p ${BRIDGE_GATEWAY}:${claim.port}:${publish.containerPort} only`);
      }
      return;
    }
    const loopback = publish.hostIp === '127.0.0.1';
    if ((claim.kind === 'port-loopback-only' || claim.kind === 'loopback-guard-blocks-lan') && !loopback) {
      this.problem(id, `${field}.port`, `Unexpected ${claim.kind} claim for a port published on all interfaces, expected -p 127.0.0.1:${claim.port}:${publish.containerPort}`);
    }
    // Widened: the type allows only 127.0.0.1 or a variable, but data built around it may say 0.0.0.0.
    const hostIp: string | undefined = typeof publish.hostIp === 'object' ? `$${publish.hostIp.name}` : publish.hostIp;
    if (claim.kind === 'port-reachable-from-lan' && hostIp !== undefined && hostIp !== '0.0.0.0') {
      this.problem(id, `${field}.port`, `Unexpected ${claim.kind} claim for a port published on ${hostIp}, expected -p ${claim.port}:${publish.containerPort}`);
    }
  }

  private checkMessageKeys(id: string, spec: SnippetSpec): void {
    if (!this.catalogs) return;
    const keys: [string, string][] = [['caption', spec.caption]];
    spec.steps.forEach((step, index) => {
      if (step.comment) keys.push([`steps[${index}].comment`, step.comment]);
    });
    spec.claims.forEach((claim, index) => {
      keys.push([`claims[${index}].kind`, `claim.${claim.kind}`]);
      if (claim.kind === 'app-runs-as') keys.push([`claims[${index}].user`, `user.${claim.user}`]);
    });
    for (const [locale, catalog] of Object.entries(this.catalogs)) {
      for (const [field, key] of keys) {
        if (!Object.hasOwn(catalog, key)) this.problem(id, field, `Unexpected message key \`${key}\` missing from the ${locale} messages, expected it in src/i18n/${locale}.json`);
      }
    }
  }
}

/**
 * Problems in registry data that the types cannot catch: references between snippets,
 * names and ports the claims rely on, values Docker would reject. `catalogs: null` skips
 * message keys (check-docs reports those with file positions itself).
 */
export function validateRegistry(snippets: Registry, catalogs: MessageCatalogs | null = MESSAGES): RegistryProblem[] {
  return new RegistryValidator(snippets, catalogs).validate();
}
