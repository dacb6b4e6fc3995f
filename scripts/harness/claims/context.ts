import semver from 'semver';
import type { EngineKind } from '../../../contracts/verification-report';
import type { Claim, ClaimKind } from '../../../src/snippets';
import type { ContainerName, NetworkName } from '../../../src/snippets/commands';
import type { ImageName } from '../../../src/snippets/images';
import type { VersionId } from '../../../src/snippets/versions';
import type { VersionProfile } from '../../../src/snippets/versions/profile';
import { translator, type MessageKey } from '../../../src/i18n';
import type { ClaimResult, ImageSource, NotVerifiableReason } from '../../../contracts/verification-report';

/** The parts of `docker inspect` the checkers read. */
export interface ContainerFacts {
  readonly Name: string;
  /** The image id (sha256:...) the container was created from. */
  readonly Image: string;
  readonly Config: {
    readonly User: string;
    readonly Entrypoint?: readonly string[] | null;
    readonly Image: string;
    readonly Env: readonly string[] | null;
    readonly Healthcheck?: { readonly Test?: readonly string[] | null } | null;
  };
  readonly HostConfig: {
    readonly NanoCpus: number;
    readonly CpuQuota?: number;
    readonly Memory: number;
    readonly PidsLimit?: number | null;
    readonly Privileged?: boolean;
    readonly ReadonlyRootfs?: boolean;
    readonly SecurityOpt?: readonly string[] | null;
    readonly NetworkMode: string;
    readonly PortBindings: Readonly<Record<string, readonly { HostIp: string; HostPort: string }[] | null>> | null;
    readonly ExtraHosts: readonly string[] | null;
  };
  readonly Mounts: readonly { readonly Type: string; readonly Source: string; readonly Destination: string }[];
  readonly NetworkSettings: {
    readonly Networks: Readonly<Record<string, { readonly IPAddress: string; readonly Gateway: string }>>;
  };
  readonly State: { readonly Running: boolean; readonly Pid: number };
}

export interface LanProbe {
  /** The host's address as the neighbour sees it. */
  readonly hostAddress: string;
  probe(address: string, port: number): Promise<boolean>;
  /** Connect to 127.0.0.1:port with 127.0.0.0/8 routed through the host. */
  probeRoutedLoopback(port: number): Promise<boolean>;
  /** Connect to the address of a container this run created, routed through the host. */
  probeContainer(address: string, port: number): Promise<boolean>;
}

/** Everything a checker may use; the orchestrator wires it to the live daemon. */
export interface ClaimContext {
  readonly snippetId: string;
  /** The OpenHands version the snippet is of, and what the harness knows of it. */
  readonly version: VersionId;
  readonly profile: VersionProfile;
  readonly engineVersion: string;
  /** Docker, rootless Docker or Podman: some inspect fields mean different things (scripts/engines). */
  readonly engineKind: EngineKind;
  /** Documented name -> name used in this run. */
  containerName(name: ContainerName): string;
  networkName(name: NetworkName): string;
  /** Documented host port -> port used in this run. */
  hostPort(port: number): number;
  inspect(container: string): Promise<ContainerFacts | undefined>;
  inspectNetwork(network: string): Promise<{ Driver: string; Internal: boolean } | undefined>;
  /** Runs a command inside a running container; undefined when it could not run. */
  exec(container: string, command: readonly string[]): Promise<string | undefined>;
  /** TCP connect from inside the network namespace of `container`. */
  probeFrom(container: string, address: string, port: number): Promise<boolean>;
  /** Sends a raw HTTP/1.0 request from inside the network namespace of `container`; the response, or undefined. */
  httpFrom(container: string, address: string, port: number, request: string): Promise<string | undefined>;
  /** `docker top`: the host uid and command line of each process of the container. */
  processes(container: string): Promise<{ uid: number; args: string }[]>;
  /** TCP connect from this machine. */
  probeLocal(address: string, port: number): Promise<boolean>;
  /** For the evidence of a failed probe: how this machine routes the address, and this run's rules in place (run/route-facts.ts). */
  routeFacts(address: string): Promise<string>;
  /** Undefined when no neighbour could be made here (needs root and iproute2). */
  readonly lan: LanProbe | undefined;
  /** Containers of this session that the app created (its sandboxes); none when the app is gone. */
  sandboxesOf(container: string): Promise<ContainerFacts[]>;
  /** Every sandbox container of this session, whether or not its app still exists. */
  sessionSandboxes(): Promise<ContainerFacts[]>;
  /** `docker logs --timestamps`: what the container wrote to stdout and stderr, each line after its RFC 3339 time; undefined when it does not exist. */
  logsOf(container: string): Promise<{ stdout: string; stderr: string } | undefined>;
  /** The id (sha256:...) an image reference resolves to on the daemon. */
  imageId(reference: string): Promise<string | undefined>;
  /** Starts a container of the checker's own (`docker run -d` with this run's labels and `args`); its name. */
  startContainer(args: readonly string[]): Promise<string>;
  /** How long a checker waits for a container to settle after it acted; checkers' own tests shorten it (default: each checker's). */
  readonly patienceMs?: number;
  /** Restarts a sandbox container of this session (`docker restart`), as a restarted app would start it again. */
  restartSandbox(id: string): Promise<void>;
  /** Removes a container a checker made (never a documented one); by id. */
  removeContainer(id: string): Promise<void>;
  /** This run's labels, for objects a checker asks the Docker API to create. */
  readonly sessionLabels: Readonly<Record<string, string>>;
  /** The harness's own image (busybox), for containers a checker creates. */
  readonly probeImage: string;
  /** Where the stand-in app image got its digest, when a local registry gave it one. */
  readonly digestSource: string | undefined;
  /** A container on a network of its own, for isolation checks; made on first use. */
  outsider(): Promise<{ address: string; gateway: string; port: number; network: string; name: string }>;
  /** The app stand-in's self-report, when the stand-in image runs (GET /status on port 3000). */
  standInStatus(container: string): Promise<StandInStatus | undefined>;
  imageSource(image: ImageName): ImageSource;
  imageReference(image: ImageName): string;
  /**
   * The reader's uid and gid, workspace and the folder their shell runs in (where relative
   * paths land); `existingFile` is a file the reader had in the workspace before any command ran.
   */
  readonly reader: { readonly uid: number; readonly gid: number; readonly workspace: string; readonly cwd: string; readonly existingFile: string };
  /** Runs a shell script as the reader, in `cwd` (a reader's own action, e.g. editing a file). */
  asReader(script: string, cwd: string): Promise<{ readonly exitCode: number; readonly stderr: string }>;
  /** Adds or removes the page's firewall rule, for claims that compare both states. */
  firewall: { readonly present: () => Promise<boolean>; readonly remove: () => Promise<void> };
  /** The stand-in internet and its probes, for units that reach out (egress claims); undefined elsewhere, and when it could not be made (not root). */
  readonly egress?: EgressProbe | undefined;
  /** Why `egress` is undefined in a unit that asked for it. */
  readonly egressError?: string;
}

export interface ShellOutput {
  readonly exitCode: number;
  /** stdout and stderr together. */
  readonly output: string;
}

/**
 * The egress checkers' view of the stand-in internet (scripts/harness/internet.ts) and of the
 * unit: every attempt goes to an address the stand-in holds, never to a name outside its zone.
 */
export interface EgressProbe {
  /** `llm` is the name the allow-list holds; `unlisted` a host it does not. */
  readonly names: { readonly llm: string; readonly unlisted: string };
  readonly addresses: { readonly llm: string; readonly unlisted: string; readonly resolver: string };
  /** What a host's server answers: naming the host, so a reply proves which host was reached. */
  pageOf(host: 'llm' | 'unlisted' | 'metadata'): string;
  /** The names the stand-in's resolver was asked so far. */
  queries(): readonly string[];
  /** A busybox shell script in a container's network namespace (names resolve nowhere there: use addresses). */
  shellIn(container: string, script: string): Promise<ShellOutput>;
  /** The same from a probe container on this network, where the page's measures do not apply: the negative control. */
  shellOn(network: string, script: string): Promise<ShellOutput>;
  addressOn(container: string, network: string): Promise<string | undefined>;
  /** The resolver the engine gives a container (its resolv.conf), and the one it gives the control container on a network. */
  resolverOf(container: string): Promise<string | undefined>;
  controlResolver(network: string): Promise<string | undefined>;
  gatewayOf(network: string): Promise<string | undefined>;
  /** A web server on every address of the reader's machine, as sshd or a database often is: its port. */
  hostService(gateway: string): Promise<{ readonly port: number }>;
  /** Networks the daemon created from `since` (ms since the epoch) until now, by any program: `docker events`. */
  networksCreatedSince(since: number): Promise<readonly string[]>;
  /** The egress proxy's access log (/var/log/squid/access.log). */
  proxyLog(proxy: string): Promise<string>;
  stop(container: string): Promise<void>;
  /** `docker restart`; false when the container did not come back up. */
  restart(container: string): Promise<boolean>;
  /** Appends to, or empties, a file of the reader's that a container mounts (the proxy's allow-list or configuration). */
  editFile(path: string, edit: { readonly kind: 'append'; readonly text: string } | { readonly kind: 'empty' }): Promise<void>;
  /** Packets the egress guard dropped so far: anything but 0 means a test tried to leave the machine. */
  dropped(): Promise<number>;
  /** The guard's rules with their counters: which source or query a non-zero count came from. */
  guardListing(): Promise<string>;
}

/**
 * What an app stand-in says of itself at GET /status (each version's stand-ins/): loosely
 * typed, since each version's app reports what it does. sandboxReports() reads the part the
 * shared checkers need.
 */
export interface StandInStatus {
  readonly uid?: number;
  readonly gid?: number;
  readonly dockerHost?: string;
  /** 0.33: the one sandbox runtime the app starts at start-up. */
  readonly runtime?: SandboxReport & { port?: number; hostIp?: string; url?: string };
  /** 1.x: every sandbox the app started on request. */
  readonly sandboxes?: readonly SandboxReport[];
  readonly error?: string | null;
  readonly [field: string]: unknown;
}

export interface SandboxReport {
  readonly container?: string | null;
  /** Whether the app reached it; null or absent while it has not tried yet. */
  readonly reached?: boolean | null;
  /** Where the sandbox's first agent write landed, inside the sandbox, and as which uid. */
  readonly agentWrite?: { file: string; uid: number; error: string | null } | null;
  readonly webhookBaseUrl?: string | null;
}

export function sandboxReports(status: StandInStatus | undefined): SandboxReport[] {
  if (!status) return [];
  if (status.sandboxes) return [...status.sandboxes];
  return status.runtime ? [status.runtime] : [];
}

export type { ClaimResult, ClaimStatus, NotVerifiableReason } from '../../../contracts/verification-report';

export type Checker<K extends ClaimKind> = (claim: Extract<Claim, { kind: K }>, ctx: ClaimContext) => Promise<ClaimResult>;

/** Collects evidence and turns a list of expectations into one result. */
export class Evidence {
  readonly lines: string[] = [];
  private readonly failures: string[] = [];

  see(line: string): void {
    this.lines.push(line);
  }

  expect(ok: boolean, line: string): boolean {
    this.lines.push(`${ok ? 'ok' : 'FAILED'}: ${line}`);
    if (!ok) this.failures.push(line);
    return ok;
  }

  /** Whether an expectation already failed: a later "not verifiable here" must not hide it. */
  get failed(): boolean {
    return this.failures.length > 0;
  }

  result(): ClaimResult {
    return this.failures.length === 0
      ? { status: 'verified', evidence: this.lines }
      : { status: 'failed', evidence: this.lines, reason: this.failures.join('; ') };
  }
}

const en = translator('en');

export const notVerifiable = (why: NotVerifiableReason, evidence: readonly string[] = []): ClaimResult => ({
  status: 'not-verifiable',
  evidence,
  reason: en(`notVerifiable.${why}` satisfies MessageKey),
  notVerifiable: why,
});

/** A documented container as this run named it, and what `docker inspect` says of it. */
export interface FoundContainer {
  readonly facts: ContainerFacts;
  readonly actual: string;
}

/** Inspects a documented container or returns a failed result naming it. */
export async function requireContainer(ctx: ClaimContext, name: ContainerName): Promise<FoundContainer | ClaimResult> {
  const actual = ctx.containerName(name);
  const facts = await ctx.inspect(actual);
  if (!facts) return { status: 'failed', evidence: [], reason: `container ${actual} (documented as ${name}) does not exist: it exited or was never created` };
  return { facts, actual };
}

export const isResult = (value: unknown): value is ClaimResult =>
  typeof value === 'object' && value !== null && 'status' in value;

type ContainerClaim = Extract<Claim, { readonly container: ContainerName }>;

/**
 * A checker about a claim's container, which is what almost every checker is: a container
 * that is gone fails, naming it; otherwise the body records evidence, and its result is
 * what the evidence says unless the body returns one of its own (not verifiable, a
 * precondition that failed).
 */
export function onContainer<K extends ContainerClaim['kind']>(
  body: (claim: Extract<Claim, { kind: K }>, ctx: ClaimContext, found: FoundContainer, ev: Evidence) => Promise<ClaimResult | void>,
): Checker<K> {
  return async (claim, ctx) => {
    const found = await requireContainer(ctx, (claim as ContainerClaim).container);
    if (isResult(found)) return found;
    const ev = new Evidence();
    return (await body(claim, ctx, found, ev)) ?? ev.result();
  };
}

export function engineAtLeast(version: string, major: number): boolean {
  const found = /^\d+\./.test(version) ? semver.coerce(version) : null;
  return found ? semver.gte(found, `${major}.0.0`) : false;
}

const SERVICE_WAIT_MS = 30_000;

/** Retries a check until it holds or the time is up: services answer a moment after their container starts. */
export async function eventually(check: () => Promise<boolean>, deadline = Date.now() + SERVICE_WAIT_MS): Promise<boolean> {
  // Hand-written, not p-wait-for: the checkers' unit tests drive this loop with faked
  // timers (test/harness/claims/fake-context.ts), which p-wait-for's own timeout escapes.
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Waits until something listens on `containerPort` inside the container's own network
 * namespace. Until then a refused probe from another host proves nothing (over Docker's
 * DNAT path an idle port refuses too), and a probe on the host proves nothing either
 * (docker-proxy accepts before the service is up). Recorded as evidence.
 */
export async function listeningInside(ctx: ClaimContext, container: string, containerPort: number, ev: Evidence): Promise<boolean> {
  return ev.expect(
    await eventually(() => ctx.probeFrom(container, '127.0.0.1', containerPort)),
    `${container} listens on port ${containerPort} inside its own network namespace`,
  );
}
