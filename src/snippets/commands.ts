import type { EnvByImage } from './env';
import type { ImageName } from './images';
import type { CommandSubstitution, Placeholder, PlaceholderId, ShellVariable, ShellVariableName, Word } from './words';

/** Container and network names the guide documents. The harness suffixes them per run. */
export type ContainerName = 'openhands-app' | 'docker-socket-proxy' | 'agent-canvas' | 'openhands-egress-proxy' | 'agent-canvas-ui';
/** `openhands-egress`: the `--internal` network the egress section puts the agent on. */
export type NetworkName = 'openhands-network' | 'openhands-egress';
/** The host interface name the egress section gives its internal network's bridge, so a host rule can name it. */
export type BridgeName = 'oh-egress0';
/** Folders under the reader's home that snippets create (`~/egress-proxy`: the egress proxy's files). */
export type HomeFolder = 'egress-proxy';
/** Named volumes the guide documents (Agent Canvas keeps its state in one). */
export type VolumeName = 'agent-canvas-state';

export interface PortPublish {
  /** Omitted means every interface (`-p 3000:3000`); a variable is an address read from the reader's engine. */
  readonly hostIp?: '127.0.0.1' | ShellVariable;
  readonly hostPort: number;
  readonly containerPort: number;
}

export interface Mount {
  /** A host path, or a named volume (which the harness renames per run and removes after). */
  readonly source: Word | VolumeName;
  readonly target: string;
  readonly readOnly?: boolean;
}

export interface AddHost {
  readonly name: 'host.docker.internal';
  readonly address: 'host-gateway';
}

/** Memory as Docker's `--memory` accepts it, restricted to the units the guide uses. */
export type MemorySize = `${number}g` | `${number}m`;

interface DockerRunBase<I extends ImageName> {
  readonly kind: 'docker-run';
  readonly image: I;
  /** `-it`: the app runs in the foreground of the reader's terminal. */
  readonly interactive?: boolean;
  /** `-d` */
  readonly detach?: boolean;
  readonly remove?: boolean;
  readonly pull?: 'always';
  /** `--restart unless-stopped`: the daemon starts the container again after a reboot or its own restart. */
  readonly restart?: 'unless-stopped';
  readonly env?: EnvByImage[I];
  readonly mounts?: readonly Mount[];
  readonly publish?: readonly PortPublish[];
  readonly addHosts?: readonly AddHost[];
  readonly cpus?: number;
  readonly memory?: MemorySize;
  readonly pidsLimit?: number;
  readonly securityOpts?: readonly 'no-new-privileges'[];
  readonly network?: NetworkName;
  readonly name?: ContainerName;
  /** Arguments after the image: the command the container runs instead of the image's own. */
  readonly args?: readonly Word[];
  /**
   * Run the image by the reference in this variable (`"$OPENHANDS_IMAGE"`, a digest an
   * earlier step read) instead of by its tag. `image` still says which image it is.
   */
  readonly imageFrom?: ShellVariable;
}

/** A `docker run` of one of the images `I` (a version's images), with that image's variables. */
export type DockerRun<I extends ImageName = ImageName> = { [K in I]: DockerRunBase<K> }[I];

export interface DockerNetworkCreate {
  readonly kind: 'docker-network-create';
  readonly name: NetworkName;
  /** `--internal`: Docker gives the network no way out (no NAT, no forwarding past its bridge, no published ports). */
  readonly internal?: true;
  /** `-o com.docker.network.bridge.name=NAME`: the bridge's interface name on the host. */
  readonly bridgeName?: BridgeName;
}

/** `docker network connect NETWORK CONTAINER`: a running container joins a second network. */
export interface DockerNetworkConnect {
  readonly kind: 'docker-network-connect';
  readonly network: NetworkName;
  readonly container: ContainerName;
}

/** `mkdir -p ~/FOLDER` */
export interface MakeFolder {
  readonly kind: 'make-folder';
  readonly folder: HomeFolder;
}

/**
 * `printf '%s\n' LINE... > ~/FOLDER/FILE`: a short file the reader can read on the page line
 * by line, and edit afterwards. Each line is one word (literal, or a placeholder to replace).
 */
export interface WriteFile {
  readonly kind: 'write-file';
  readonly folder: HomeFolder;
  readonly file: string;
  readonly lines: readonly (string | Placeholder)[];
}

/** `docker build -t IMAGE ~/FOLDER`: builds one of the guide's own images from a folder a snippet wrote. */
export interface DockerBuild {
  readonly kind: 'docker-build';
  readonly image: ImageName;
  readonly folder: HomeFolder;
}

/**
 * `iptables -I INPUT -i BRIDGE -j DROP`: the host takes no packet from the egress network's
 * bridge. A container on an `--internal` network still reaches the host at the bridge's own
 * address, and with it every service of the host that listens on all addresses.
 */
export interface BridgeInputGuardRule {
  readonly kind: 'bridge-input-guard-rule';
  readonly bridge: BridgeName;
}

export interface Export {
  readonly kind: 'export';
  readonly name: ShellVariableName;
  readonly value: Word;
}

/**
 * A host firewall rule in iptables' raw table. Only the rule the guide recommends
 * for engines before 28.0.0 is expressible.
 */
export interface LoopbackGuardRule {
  readonly kind: 'loopback-guard-rule';
}

/**
 * A host firewall rule in iptables' raw table that drops packets arriving on the reader's
 * network interface for the default bridge's subnet: the bridge gateway, where sandbox
 * ports are published, and the containers behind it.
 */
export interface BridgeGuardRule {
  readonly kind: 'bridge-guard-rule';
  /** The reader's network interface, such as eth0. */
  readonly inInterface: Placeholder;
  /** The bridge's subnet, as read from the reader's engine. */
  readonly subnet: ShellVariable;
}

/**
 * A rule in Docker's DOCKER-USER chain (filter table), which Docker evaluates before its own
 * forwarding rules: no new connection from the reader's network interface to containers on
 * the default bridge. Replies to connections the containers open still pass.
 */
export interface DockerUserGuardRule {
  readonly kind: 'docker-user-guard-rule';
  /** The reader's network interface, such as eth0. */
  readonly inInterface: Placeholder;
  /** The default bridge's interface. */
  readonly outInterface: 'docker0';
}

/**
 * `setfacl -R -m u:UID:rwX,d:u:UID:rwX,d:u:"$(id -u)":rwX "$FOLDER"`: lets a container's own
 * uid (the agent's) read and write the reader's folder and what is in it, and makes what
 * either creates there writable by both. The reader keeps owning the folder.
 */
export interface GrantFolderAccess {
  readonly kind: 'grant-folder-access';
  /**
   * The uid the agent runs as, as the host sees it: the container's own uid, or a variable an
   * earlier step read from the engine (hostUidOf) where a user namespace maps it to another.
   */
  readonly uid: number | ShellVariable;
  readonly folder: ShellVariable;
}

/** `docker rm -f NAME...`, removing running containers too. */
export interface DockerRemove {
  readonly kind: 'docker-rm';
  readonly containers: readonly (ContainerName | CommandSubstitution)[];
}

export interface DockerNetworkRemove {
  readonly kind: 'docker-network-rm';
  readonly name: NetworkName;
}

/** `docker exec NAME COMMAND...`: a command in a running container, such as reading its log. */
export interface DockerExec {
  readonly kind: 'docker-exec';
  readonly container: ContainerName;
  readonly command: readonly string[];
}

/** `docker logs NAME`, optionally saved to a file with its stderr: `> FILE 2>&1`. */
export interface DockerLogs {
  readonly kind: 'docker-logs';
  readonly container: ContainerName;
  readonly saveTo?: string;
}

/** The host firewall rules a snippet can add: each acts on the whole machine, beyond the snippet's own containers. */
export const FIREWALL_RULE_KINDS = ['loopback-guard-rule', 'bridge-guard-rule', 'docker-user-guard-rule', 'bridge-input-guard-rule'] as const;
export type FirewallRuleKind = (typeof FIREWALL_RULE_KINDS)[number];
export const isFirewallRule = (command: { readonly kind: string }): command is LoopbackGuardRule | BridgeGuardRule | DockerUserGuardRule | BridgeInputGuardRule =>
  (FIREWALL_RULE_KINDS as readonly string[]).includes(command.kind);

/** A command of a snippet; `I` limits `docker run` to the images of one version. */
export type Command<I extends ImageName = ImageName> =
  | DockerRun<I>
  | DockerNetworkCreate
  | DockerNetworkConnect
  | MakeFolder
  | WriteFile
  | DockerBuild
  | BridgeInputGuardRule
  | Export
  | LoopbackGuardRule
  | BridgeGuardRule
  | DockerUserGuardRule
  | DockerRemove
  | DockerNetworkRemove
  | DockerLogs
  | DockerExec
  | GrantFolderAccess;
export type { PlaceholderId };
