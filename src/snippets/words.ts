/**
 * A word of a shell command as the reader sees it. Most are literal; the rest are
 * typed so the renderer quotes them correctly and the harness knows what a reader
 * must fill in or what the shell will expand.
 */
import type { ImageName } from './images';

export type Word = string | Placeholder | ShellVariable | CommandSubstitution | HomePath | ImageWord | Concat;

/** An image of images.ts, rendered as `repository:tag`. */
export interface ImageWord {
  readonly kind: 'image';
  readonly name: ImageName;
}

/** Text a reader must replace before running the command, e.g. `/path/to/your/code`. */
export interface Placeholder {
  readonly kind: 'placeholder';
  readonly id: PlaceholderId;
}

/**
 * `"$NAME"`: a variable an earlier command of the same snippet (or the reader's session)
 * exported; `"${NAME:?message}"` with `refuseUnset`, for one an earlier snippet exported. In a
 * new shell that one is empty, and `-p "$BRIDGE_GATEWAY":3000:3000` would become `-p :3000:3000`
 * (every interface): the shell stops the command instead, with UNSET_VARIABLE_MESSAGE.
 * src/snippets/validate.ts insists on it for every variable a required snippet sets.
 */
export interface ShellVariable {
  readonly kind: 'variable';
  readonly name: ShellVariableName;
  readonly refuseUnset?: true;
}

/**
 * What the reader's shell prints after `bash: NAME: ` when a guarded variable is unset or
 * empty. Commands are the same in every locale, so it is English and short; each page says
 * what it means next to the command that sets the variable.
 */
export const UNSET_VARIABLE_MESSAGE = 'set it first (see above)';

/** `$(id -u)`: evaluated by the reader's shell when the command runs. */
export interface CommandSubstitution {
  readonly kind: 'command';
  readonly command: SubstitutedCommand;
}

/**
 * Commands whose output a snippet substitutes: the reader's uid, the sandbox containers
 * OpenHands 0.33 names `openhands-runtime-<id>` (docker_runtime.py CONTAINER_NAME_PREFIX),
 * the digest reference of an image (digestOf), and the subnet of a network (subnetOf).
 */
export type SubstitutedCommand =
  | 'id -u'
  | `docker run --rm --add-host host.docker.internal:host-gateway --entrypoint awk ${string} '/host.docker.internal/ {print $1; exit}' /etc/hosts`
  | `docker network inspect ${string} --format '{{range .IPAM.Config}}{{.Subnet}}{{end}}'`
  | `docker ps -aq --filter name=${string}`
  | `docker image inspect --format '{{index .RepoDigests 0}}' ${string}`
  | `docker run --rm --entrypoint awk ${string} '$1 <= ${number} && ${number} < $1 + $3 { print $2 + ${number} - $1 }' /proc/self/uid_map`;

/** `~/relative`: the reader's home directory. */
export interface HomePath {
  readonly kind: 'home';
  readonly path: string;
}

/** Words glued together without spaces, e.g. `"$WORKSPACE_BASE":/opt/workspace_base`. */
export interface Concat {
  readonly kind: 'concat';
  readonly parts: readonly Exclude<Word, Concat>[];
}

/**
 * Placeholders and the example value shown to the reader. The harness fills each with
 * a test value of its own and lists it in the report.
 */
export const PLACEHOLDERS = {
  workspaceDir: '/path/to/your/code',
  wslWorkspaceDir: '/mnt/c/path/to/your/code',
  /** Agent Canvas' projects folder (its docs mount ~/projects at /projects). */
  projectsDir: '/path/to/your/projects',
  /** A key of the reader's own choosing for Agent Canvas; the harness fills in a random one. */
  apiKey: 'your-long-random-key',
  /** The reader's network interface; the harness fills in its LAN neighbour's link. */
  lanInterface: 'eth0',
  /**
   * The LLM provider's API host, the one name of the egress allow-list. `.example` is reserved
   * (RFC 2606): a list left unedited names no real host. The harness fills in its stand-in's.
   */
  llmHost: 'api.your-llm-provider.example',
} as const;
export type PlaceholderId = keyof typeof PLACEHOLDERS;

/**
 * Variables a snippet may expand. Only those a snippet also exports, or the reader's login
 * session sets (XDG_RUNTIME_DIR: src/snippets/validate.ts, SESSION_VARIABLES).
 */
export type ShellVariableName = 'WORKSPACE_BASE' | 'PROJECTS_DIR' | 'OPENHANDS_IMAGE' | 'CANVAS_IMAGE' | 'BRIDGE_GATEWAY' | 'BRIDGE_SUBNET' | 'APP_SUBNET' | 'AGENT_HOST_UID' | 'XDG_RUNTIME_DIR';

export const placeholder = (id: PlaceholderId): Placeholder => ({ kind: 'placeholder', id });
export const variable = (name: ShellVariableName): ShellVariable => ({ kind: 'variable', name });
/** A variable an earlier snippet sets: `"${NAME:?set it first (see above)}"`. */
export const setEarlier = (name: ShellVariableName): ShellVariable => ({ kind: 'variable', name, refuseUnset: true });
export const commandOutput = (command: CommandSubstitution['command']): CommandSubstitution => ({
  kind: 'command',
  command,
});
export const image = (name: ImageName): ImageWord => ({ kind: 'image', name });
/** `$(docker image inspect --format '{{index .RepoDigests 0}}' REFERENCE)`: the image's digest reference. */
export const digestOf = (reference: string): CommandSubstitution =>
  commandOutput(`docker image inspect --format '{{index .RepoDigests 0}}' ${reference}`);
export const home = (path: string): HomePath => ({ kind: 'home', path });
/**
 * The address host.docker.internal points to on the reader's engine (`--add-host
 * host.docker.internal:host-gateway`), as a container of `imageReference` sees it: the one
 * address the app and its sandboxes use, whatever the engine's bridge subnet is.
 */
export const bridgeGatewayOf = (imageReference: string): CommandSubstitution =>
  commandOutput(`docker run --rm --add-host host.docker.internal:host-gateway --entrypoint awk ${imageReference} '/host.docker.internal/ {print $1; exit}' /etc/hosts`);
/**
 * The host uid that container uid `uid` is on the reader's engine, read in a container of
 * `imageReference` from its /proc/self/uid_map (user_namespaces(7): each line maps `count`
 * ids from `inside` on to `outside` on). Without a user namespace it is the uid itself; on
 * rootless Docker, the subordinate id RootlessKit maps it to.
 */
export const hostUidOf = (imageReference: string, uid: number): CommandSubstitution =>
  commandOutput(`docker run --rm --entrypoint awk ${imageReference} '$1 <= ${uid} && ${uid} < $1 + $3 { print $2 + ${uid} - $1 }' /proc/self/uid_map`);
/** The subnet Docker gave a network on the reader's engine. */
export const subnetOf = (network: string): CommandSubstitution => commandOutput(`docker network inspect ${network} --format '{{range .IPAM.Config}}{{.Subnet}}{{end}}'`);
/** The subnet of the reader's engine's default bridge network. */
export const BRIDGE_SUBNET_COMMAND = subnetOf('bridge');
export const concat = (...parts: Exclude<Word, Concat>[]): Concat => ({ kind: 'concat', parts });
