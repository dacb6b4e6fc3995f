import { execa } from 'execa';
import type { ClaimContext, ContainerFacts, LanProbe, StandInStatus } from '../../../scripts/harness/claims/context';

/**
 * A ClaimContext without Docker, for driving a checker through its branches: containers are
 * plain objects, and each answers HTTP through a handler the test writes. Only what the
 * checkers under test read is wired; anything else throws, so a checker that starts reading
 * more shows up here first.
 *
 * The network is modelled as Docker's is, as far as the checkers look: a container reaches
 * itself at 127.0.0.1, another container at its address only when they share a network
 * (inter-network isolation, unless the world turns it off), and any other address is "the
 * host": a port published there (or on every interface) answers when its container listens.
 */
export interface FakeContainer {
  readonly facts: ContainerFacts;
  /** Ports something listens on inside the container. */
  readonly listening: readonly number[];
  /** Answers `exec`; undefined means the command could not run. */
  readonly exec?: (command: readonly string[]) => string | undefined;
  /** Answers a request sent to this container's `port` (from anywhere): the raw reply. */
  readonly http?: (port: number, request: string) => string | undefined;
  /** `docker top`. */
  readonly processes?: readonly { uid: number; args: string }[];
  /** `docker logs --timestamps`. */
  readonly logs?: { readonly stdout: string; readonly stderr: string };
  /** The stand-in's GET /status. */
  readonly status?: StandInStatus;
  /** The app this container is a sandbox of (sandboxesOf, sessionSandboxes). */
  readonly sandboxOf?: string;
}

/** The neighbour on the LAN, when the world has one: what each of its probes answers. */
export interface FakeLan {
  readonly hostAddress: string;
  probe(address: string, port: number, world: FakeWorld): boolean;
  probeRoutedLoopback(port: number, world: FakeWorld): boolean;
  probeContainer(address: string, port: number, world: FakeWorld): boolean;
}

export interface FakeWorld {
  readonly containers: Map<string, FakeContainer>;
  /** What `startContainer(args)` creates: the container for these arguments. */
  readonly start?: (args: readonly string[]) => FakeContainer;
  readonly started: string[][];
  readonly removed: string[];
  /** Networks by name, for inspectNetwork. */
  readonly networks: Map<string, { Driver: string; Internal: boolean }>;
  /** False: every container reaches every other, as on an engine without inter-network isolation. */
  isolation: boolean;
  /** The page's firewall rule; `firewall.remove()` takes it away. */
  firewall: boolean;
  lan?: FakeLan;
}

type FactsOverrides = {
  env?: readonly string[];
  networks?: Record<string, { IPAddress: string; Gateway: string }>;
  ports?: ContainerFacts['HostConfig']['PortBindings'];
  host?: Partial<ContainerFacts['HostConfig']>;
  config?: Partial<ContainerFacts['Config']>;
  mounts?: ContainerFacts['Mounts'];
  image?: string;
};

export function facts(name: string, overrides: FactsOverrides = {}): ContainerFacts {
  return {
    Name: `/${name}`,
    Image: overrides.image ?? 'sha256:fake',
    Config: { User: 'openhands', Image: 'fake-image', Env: overrides.env ?? null, ...overrides.config },
    HostConfig: { NanoCpus: 0, Memory: 0, NetworkMode: 'bridge', PortBindings: overrides.ports ?? null, ExtraHosts: null, ...overrides.host },
    Mounts: overrides.mounts ?? [],
    NetworkSettings: { Networks: overrides.networks ?? {} },
    State: { Running: true, Pid: 1 },
  };
}

export const reply = (status: number, body = '', headers: readonly string[] = []) =>
  `HTTP/1.0 ${status} X\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n${body}`;

const unwired = (what: string) => () => {
  throw new Error(`the fake ClaimContext does not model ${what}`);
};

const WILDCARD = ['', '0.0.0.0'];

/** The container and its port that answer `address:port` when asked from `from` (a container, or undefined for the host). */
export function route(world: FakeWorld, from: string | undefined, address: string, port: number): { container: FakeContainer; port: number } | undefined {
  const source = from === undefined ? undefined : world.containers.get(from);
  if (source && address === '127.0.0.1') return source.listening.includes(port) ? { container: source, port } : undefined;
  const sourceNetworks = Object.keys(source?.facts.NetworkSettings.Networks ?? {});
  for (const target of world.containers.values()) {
    const on = Object.entries(target.facts.NetworkSettings.Networks).find(([, n]) => n.IPAddress === address);
    if (!on) continue;
    const reachable = !world.isolation || source === undefined || source === target || sourceNetworks.includes(on[0]);
    return reachable && target.listening.includes(port) ? { container: target, port } : undefined;
  }
  return publishedAt(world, address, port);
}

/** What answers at a host address: a port Docker published on it or on every interface, whose container listens. */
export function publishedAt(world: FakeWorld, address: string, port: number): { container: FakeContainer; port: number } | undefined {
  for (const target of world.containers.values()) {
    for (const [key, bindings] of Object.entries(target.facts.HostConfig.PortBindings ?? {})) {
      const containerPort = Number.parseInt(key, 10);
      const bound = (bindings ?? []).some((b) => Number(b.HostPort) === port && (b.HostIp === address || WILDCARD.includes(b.HostIp)));
      if (bound && target.listening.includes(containerPort)) return { container: target, port: containerPort };
    }
  }
  return undefined;
}

/**
 * A neighbour on the LAN as Docker Engine 20.10 treats one: it reaches what is published at the
 * host's address or on every interface; `overrides` model the rest (routed loopback, a
 * container's own address, the firewall rule).
 */
export function lanNeighbour(overrides: Partial<FakeLan> = {}): FakeLan {
  return {
    hostAddress: '198.18.0.1',
    probe: (address, port, world) => publishedAt(world, address, port) !== undefined,
    probeRoutedLoopback: () => false,
    probeContainer: () => false,
    ...overrides,
  };
}

export function fakeContext(world: FakeWorld, extra: Partial<ClaimContext> = {}): ClaimContext {
  let next = 0;
  const ctx: Partial<ClaimContext> = {
    snippetId: 'fake',
    engineKind: 'docker',
    engineVersion: '20.10.24',
    containerName: (name) => name,
    networkName: (name) => name,
    hostPort: (port) => port,
    probeImage: 'probe',
    sessionLabels: {},
    digestSource: undefined,
    // Optional in ClaimContext: present as undefined, so a checker gets its own default rather than the unwired thrower.
    patienceMs: undefined,
    inspect: async (name) => world.containers.get(name)?.facts,
    inspectNetwork: async (name) => world.networks.get(name),
    exec: async (name, command) => world.containers.get(name)?.exec?.(command),
    processes: async (name) => [...(world.containers.get(name)?.processes ?? [])],
    logsOf: async (name) => world.containers.get(name)?.logs,
    standInStatus: async (name) => world.containers.get(name)?.status,
    sandboxesOf: async (app) => [...world.containers.values()].filter((c) => c.sandboxOf === app).map((c) => c.facts),
    sessionSandboxes: async () => [...world.containers.values()].filter((c) => c.sandboxOf !== undefined).map((c) => c.facts),
    probeFrom: async (name, address, port) => route(world, name, address, port) !== undefined,
    httpFrom: async (name, address, port, request) => {
      const target = route(world, name, address, port);
      return target ? target.container.http?.(target.port, request) : undefined;
    },
    probeLocal: async (address, port) => route(world, undefined, address, port) !== undefined,
    routeFacts: async (address) => `(the fake context routes ${address} as Docker would)`,
    firewall: {
      present: async () => world.firewall,
      remove: async () => {
        world.firewall = false;
      },
    },
    lan: world.lan && laned(world.lan, world),
    startContainer: async (args) => {
      world.started.push([...args]);
      const name = `fake-${next++}`;
      const made = world.start?.(args);
      if (!made) throw new Error(`the test starts no container for ${args.join(' ')}`);
      world.containers.set(name, made);
      return name;
    },
    removeContainer: async (id) => {
      world.removed.push(id);
      world.containers.delete(id);
    },
    // The reader's own actions run for real, in the folder the test made, as this process's user.
    asReader: async (script, cwd) => {
      const done = await execa('sh', ['-c', script], { cwd, reject: false });
      return { exitCode: done.exitCode ?? 1, stderr: done.stderr };
    },
  };
  Object.assign(ctx, extra);
  return new Proxy(ctx as ClaimContext, {
    get: (target, property: string) => (property in target ? target[property as keyof ClaimContext] : unwired(property)),
  });
}

const laned = (lan: FakeLan, world: FakeWorld): LanProbe => ({
  hostAddress: lan.hostAddress,
  probe: async (address, port) => lan.probe(address, port, world),
  probeRoutedLoopback: async (port) => lan.probeRoutedLoopback(port, world),
  probeContainer: async (address, port) => lan.probeContainer(address, port, world),
});

export const world = (containers: Record<string, FakeContainer>, start?: FakeWorld['start'], more: Partial<Pick<FakeWorld, 'networks' | 'isolation' | 'firewall' | 'lan'>> = {}): FakeWorld => ({
  containers: new Map(Object.entries(containers)),
  start,
  started: [],
  removed: [],
  networks: more.networks ?? new Map(),
  isolation: more.isolation ?? true,
  firewall: more.firewall ?? false,
  lan: more.lan,
});
