import type { ClaimContext, ContainerFacts } from '../../../scripts/harness/claims/context';

/**
 * A ClaimContext without Docker, for driving a checker through its branches: containers are
 * plain objects, and each answers HTTP through a handler the test writes. Only what the
 * checkers under test read is wired; anything else throws, so a checker that starts reading
 * more shows up here first.
 */
export interface FakeContainer {
  readonly facts: ContainerFacts;
  /** Ports something listens on inside the container. */
  readonly listening: readonly number[];
  /** Answers `exec`; undefined means the command could not run. */
  readonly exec?: (command: readonly string[]) => string | undefined;
  /** Answers a request sent to this container's `port` (from anywhere): the raw reply. */
  readonly http?: (port: number, request: string) => string | undefined;
}

export interface FakeWorld {
  readonly containers: Map<string, FakeContainer>;
  /** What `startContainer(args)` creates: the container for these arguments. */
  readonly start?: (args: readonly string[]) => FakeContainer;
  readonly started: string[][];
  readonly removed: string[];
}

export function facts(name: string, overrides: { env?: readonly string[]; networks?: Record<string, { IPAddress: string; Gateway: string }>; ports?: ContainerFacts['HostConfig']['PortBindings'] } = {}): ContainerFacts {
  return {
    Name: `/${name}`,
    Image: 'sha256:fake',
    Config: { User: 'openhands', Image: 'fake-image', Env: overrides.env ?? null },
    HostConfig: { NanoCpus: 0, Memory: 0, NetworkMode: 'bridge', PortBindings: overrides.ports ?? null, ExtraHosts: null },
    Mounts: [],
    NetworkSettings: { Networks: overrides.networks ?? {} },
    State: { Running: true, Pid: 1 },
  };
}

export const reply = (status: number, body = '', headers: readonly string[] = []) =>
  `HTTP/1.0 ${status} X\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n${body}`;

const unwired = (what: string) => () => {
  throw new Error(`the fake ClaimContext does not model ${what}`);
};

export function fakeContext(world: FakeWorld, extra: Partial<ClaimContext> = {}): ClaimContext {
  const byAddress = (address: string) =>
    [...world.containers.values()].find((c) => Object.values(c.facts.NetworkSettings.Networks).some((n) => n.IPAddress === address));
  let next = 0;
  const ctx: Partial<ClaimContext> = {
    snippetId: 'fake',
    containerName: (name) => name,
    probeImage: 'probe',
    inspect: async (name) => world.containers.get(name)?.facts,
    exec: async (name, command) => world.containers.get(name)?.exec?.(command),
    probeFrom: async (name, address, port) => {
      const target = address === '127.0.0.1' ? world.containers.get(name) : byAddress(address);
      return target?.listening.includes(port) ?? false;
    },
    httpFrom: async (name, address, port, request) => {
      const target = address === '127.0.0.1' ? world.containers.get(name) : byAddress(address);
      return target?.listening.includes(port) ? target.http?.(port, request) : undefined;
    },
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
  };
  Object.assign(ctx, extra);
  return new Proxy(ctx as ClaimContext, {
    get: (target, property: string) => (property in target ? target[property as keyof ClaimContext] : unwired(property)),
  });
}

export const world = (containers: Record<string, FakeContainer>, start?: FakeWorld['start']): FakeWorld => ({
  containers: new Map(Object.entries(containers)),
  start,
  started: [],
  removed: [],
});
