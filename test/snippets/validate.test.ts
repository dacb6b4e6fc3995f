import { IMAGES } from '../../src/snippets/images';
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../src/snippets/claims';
import type { Command, DockerRun } from '../../src/snippets/commands';
import { SNIPPETS } from '../../src/snippets/versions/0.33/registry';
import type { SnippetSpec } from '../../src/snippets/snippet';
import { isIpv4, memoryBytes, validateRegistry } from '../../src/snippets/validate';
import { concat, setEarlier, variable } from '../../src/snippets/words';

type Registry = Record<string, SnippetSpec>;

/** The registry with some snippets replaced or added; order follows the real registry, additions last. */
const withSnippets = (changes: Registry): Registry => ({ ...SNIPPETS, ...changes });
/** Data the types reject, to show the validator catches it when it arrives some other way. */
const untyped = <T>(value: unknown): T => value as T;

const BASE_RUN = SNIPPETS['network-binding'].steps[0].command satisfies DockerRun;
// The page reads the gateway into $BRIDGE_GATEWAY first; these single-step probes write it out.
const APP_RUN = { ...BASE_RUN, env: { ...BASE_RUN.env, SANDBOX_RUNTIME_BINDING_ADDRESS: '172.17.0.1' } } satisfies DockerRun;
const app = (overrides: Partial<DockerRun>): DockerRun => ({ ...APP_RUN, ...overrides }) as DockerRun;
const single = (command: Command, claims: readonly Claim[] = []): SnippetSpec => ({
  caption: 'caption.network-binding',
  steps: [{ command }],
  claims,
});

/** Problems of one snippet, as `field: message`. */
function problemsOf(registry: Registry, snippetId: string): string[] {
  return validateRegistry(registry)
    .filter((problem) => problem.snippetId === snippetId)
    .map((problem) => `${problem.field}: ${problem.message}`);
}

describe('validateRegistry on the real registry', () => {
  it('finds no problem', () => {
    expect(validateRegistry(SNIPPETS)).toEqual([]);
  });
});

describe('requires', () => {
  it('reports an unknown id and a snippet defined after the one requiring it', () => {
    const registry = withSnippets({
      'workspace-base-linux': { ...SNIPPETS['workspace-base-linux'], requires: ['no-such-snippet', 'hardened-complete'] },
    });
    expect(problemsOf(registry, 'workspace-base-linux')).toEqual([
      'requires[0]: Unexpected unknown snippet `no-such-snippet`, expected an id of the registry',
      'requires[1]: Unexpected `hardened-complete` defined after `workspace-base-linux`, expected required snippets to precede the snippets that require them',
    ]);
  });

  it('reports a cycle once, naming its snippets in order', () => {
    const registry = withSnippets({
      'network-binding': { ...SNIPPETS['network-binding'], requires: ['loopback-guard'] },
    });
    const cycles = validateRegistry(registry).filter((problem) => problem.message.includes('cycle'));
    expect(cycles).toEqual([
      {
        snippetId: 'loopback-guard',
        field: 'requires[0]',
        message: 'Unexpected requires cycle network-binding → loopback-guard → network-binding, expected none',
      },
    ]);
  });
});

describe('variables', () => {
  it('reports $WORKSPACE_BASE when neither the snippet nor a required snippet exports it', () => {
    const { requires: _dropped, ...alone } = SNIPPETS['workspace-run'];
    expect(problemsOf(withSnippets({ 'workspace-run': alone }), 'workspace-run')).toEqual([
      'steps[0].command.env.WORKSPACE_MOUNT_PATH: Unexpected `$WORKSPACE_BASE` before any `export WORKSPACE_BASE=...`, expected it exported by an earlier step or a required snippet',
      'steps[0].command.mounts[0].source: Unexpected `$WORKSPACE_BASE` before any `export WORKSPACE_BASE=...`, expected it exported by an earlier step or a required snippet',
    ]);
  });

  it('reports a use before the export in the same snippet, and accepts it after', () => {
    const exportStep = SNIPPETS['workspace-base-linux'].steps[0];
    const useStep = { command: app({ detach: true, env: { WORKSPACE_MOUNT_PATH: concat(variable('WORKSPACE_BASE')) } }) };
    const before = withSnippets({ late: { caption: 'caption.workspace-run', steps: [useStep, exportStep], claims: [] } });
    expect(problemsOf(before, 'late')).toEqual([
      'steps[0].command.env.WORKSPACE_MOUNT_PATH: Unexpected `$WORKSPACE_BASE` before any `export WORKSPACE_BASE=...`, expected it exported by an earlier step or a required snippet',
    ]);
    const after = withSnippets({ early: { caption: 'caption.workspace-run', steps: [exportStep, useStep], claims: [] } });
    expect(problemsOf(after, 'early')).toEqual([]);
  });

  it('reports "$BRIDGE_GATEWAY" from the bridge-gateway snippet without its guard: in a new shell -p :3000:3000 would publish everywhere', () => {
    const binding = SNIPPETS['network-binding'];
    const run = binding.steps[0].command satisfies DockerRun;
    const unguarded = { ...binding, steps: [{ ...binding.steps[0], command: { ...run, env: { ...run.env, SANDBOX_RUNTIME_BINDING_ADDRESS: variable('BRIDGE_GATEWAY') } } }] };
    expect(problemsOf(withSnippets({ 'network-binding': unguarded }), 'network-binding')).toEqual([
      'steps[0].command.env.SANDBOX_RUNTIME_BINDING_ADDRESS: Unexpected unguarded `"$BRIDGE_GATEWAY"`, which snippet `bridge-gateway` sets, expected `setEarlier(\'BRIDGE_GATEWAY\')` (`"${BRIDGE_GATEWAY:?set it first (see above)}"`): in a new shell it is empty and the command would run without it',
    ]);
    expect(problemsOf(withSnippets({ 'network-binding': binding }), 'network-binding')).toEqual([]);
  });

  it('reports an unguarded host address of -p too, and accepts a variable the snippet exports itself unguarded', () => {
    const exportStep = SNIPPETS['bridge-gateway'].steps[0];
    const publish = (hostIp: ReturnType<typeof variable>) => ({ command: app({ detach: true, publish: [{ hostIp, hostPort: 3000, containerPort: 3000 }] }) });
    const needsGateway = (steps: SnippetSpec['steps']): SnippetSpec => ({ caption: 'caption.network-binding', requires: ['bridge-gateway'], steps, claims: [] });
    expect(problemsOf(withSnippets({ later: needsGateway([publish(variable('BRIDGE_GATEWAY'))]) }), 'later')).toEqual([
      expect.stringMatching(/^steps\[0\]\.command\.publish\[0\]\.hostIp: Unexpected unguarded `"\$BRIDGE_GATEWAY"`, which snippet `bridge-gateway` sets/),
    ]);
    expect(problemsOf(withSnippets({ later: needsGateway([publish(setEarlier('BRIDGE_GATEWAY'))]) }), 'later')).toEqual([]);
    expect(problemsOf(withSnippets({ later: needsGateway([exportStep, publish(variable('BRIDGE_GATEWAY'))]) }), 'later')).toEqual([]);
  });
});

describe('claims', () => {
  it('reports a container no command of the snippet or its requires starts', () => {
    const registry = withSnippets({
      probe: single({ kind: 'docker-network-create', name: 'openhands-network' }, [
        { kind: 'no-docker-socket', container: 'docker-socket-proxy' },
      ]),
    });
    expect(problemsOf(registry, 'probe')).toEqual([
      'claims[0].container: Unexpected container `docker-socket-proxy` that no command of the snippet or its requires starts, expected a `docker run --name docker-socket-proxy`',
    ]);
  });

  it('finds containers a required snippet started (loopback-guard claims the app of network-binding)', () => {
    const { requires: _dropped, ...alone } = SNIPPETS['loopback-guard'];
    expect(problemsOf(withSnippets({ 'loopback-guard': alone }), 'loopback-guard')).toEqual([
      'claims[0].container: Unexpected container `openhands-app` that no command of the snippet or its requires starts, expected a `docker run --name openhands-app`',
    ]);
  });

  it('reports a network neither created nor joined', () => {
    const registry = withSnippets({
      probe: single(app({}), [
        { kind: 'network-exists', network: 'openhands-network' },
        { kind: 'networks', container: 'openhands-app', networks: ['openhands-network'] },
      ]),
    });
    expect(problemsOf(registry, 'probe')).toEqual([
      'claims[0].network: Unexpected network `openhands-network` no command creates, expected `docker network create openhands-network` in the snippet or its requires',
      'claims[1].networks[0]: Unexpected network `openhands-network` no command creates, expected `docker network create openhands-network`',
      'claims[1].networks: Unexpected networks [openhands-network], expected [] as `openhands-app` runs with no --network',
    ]);
  });

  it('reports a claimed port the container does not publish, and a loopback claim on an all-interfaces port', () => {
    const registry = withSnippets({
      probe: single(app({ publish: [{ hostPort: 3000, containerPort: 3000 }] }), [
        { kind: 'port-loopback-only', container: 'openhands-app', port: 8080 },
        { kind: 'port-loopback-only', container: 'openhands-app', port: 3000 },
        { kind: 'port-reachable-from-lan', container: 'openhands-app', port: 3000 },
      ]),
    });
    expect(problemsOf(registry, 'probe')).toEqual([
      'claims[0].port: Unexpected port 8080 of `openhands-app`, expected a host port its `docker run` publishes (3000)',
      'claims[1].port: Unexpected port-loopback-only claim for a port published on all interfaces, expected -p 127.0.0.1:3000:3000',
    ]);
  });

  it('reports cpu and memory claims that differ from --cpus and --memory (4g is 4 GiB)', () => {
    const registry = withSnippets({
      probe: single(app({ cpus: 2, memory: '4g' }), [
        { kind: 'cpu-limit', container: 'openhands-app', cpus: 4 },
        { kind: 'memory-limit', container: 'openhands-app', bytes: 4_000_000_000 },
        { kind: 'memory-limit', container: 'openhands-app', bytes: 4 * 1024 ** 3 },
      ]),
    });
    expect(problemsOf(registry, 'probe')).toEqual([
      'claims[0].cpus: Unexpected 4 CPUs, expected 2 as the command sets --cpus=2',
      'claims[1].bytes: Unexpected 4000000000 bytes, expected 4294967296 as the command sets --memory=4g',
    ]);
  });

  it('reports an unknown claim kind', () => {
    const registry = withSnippets({
      probe: single(app({}), [untyped<Claim>({ kind: 'port-open', container: 'openhands-app' })]),
    });
    expect(problemsOf(registry, 'probe')).toContain('claims[0].kind: Unexpected claim kind `port-open`, expected a kind of claims.ts');
  });

  it('reports a sandbox claim with sandbox ports on 127.0.0.1, which the app container cannot reach', () => {
    const env = { ...APP_RUN.env, SANDBOX_RUNTIME_BINDING_ADDRESS: '127.0.0.1' };
    const registry = withSnippets({
      probe: single(app({ env }), [{ kind: 'sandbox-reachable', container: 'openhands-app' }]),
    });
    expect(problemsOf(registry, 'probe')).toEqual([
      'claims[0].kind: Unexpected sandbox claim with SANDBOX_RUNTIME_BINDING_ADDRESS=127.0.0.1, expected an address the app container reaches (the bridge gateway)',
    ]);
  });

  it('reports a proxy claim when DOCKER_HOST does not point at the proxy', () => {
    const [network, proxyStep, appStep] = SNIPPETS['socket-proxy'].steps;
    const appRun = appStep.command;
    const { DOCKER_HOST: _dropped, ...env } = appRun.env;
    const registry = withSnippets({
      'socket-proxy': { ...SNIPPETS['socket-proxy'], steps: [network, proxyStep, { ...appStep, command: { ...appRun, env } }] },
    });
    expect(problemsOf(registry, 'socket-proxy')).toEqual([
      'claims[1].proxy: Unexpected DOCKER_HOST (unset), expected tcp://docker-socket-proxy:<port>',
      'claims[2].kind: Unexpected sandbox claim for `openhands-app` without Docker API access, expected /var/run/docker.sock mounted or DOCKER_HOST set',
    ]);
  });
});

describe('commands', () => {
  it('reports invalid host addresses, out-of-range and duplicate ports, and duplicate mount targets', () => {
    const run = app({
      publish: untyped<DockerRun['publish']>([
        { hostIp: '127.0.0.300', hostPort: 3000, containerPort: 3000 },
        { hostPort: 70000, containerPort: 0 },
        { hostPort: 8080, containerPort: 80 },
        { hostPort: 8080, containerPort: 81 },
      ]),
      mounts: [...(APP_RUN.mounts ?? []), { source: '/tmp', target: '/var/run/docker.sock' }],
    });
    expect(problemsOf(withSnippets({ probe: single(run) }), 'probe')).toEqual([
      'steps[0].command.publish[0].hostIp: Unexpected host address `127.0.0.300`, expected an IPv4 address',
      'steps[0].command.publish[1].hostPort: Unexpected port 70000, expected an integer from 1 to 65535',
      'steps[0].command.publish[1].containerPort: Unexpected port 0, expected an integer from 1 to 65535',
      'steps[0].command.publish[3].hostPort: Unexpected second publish of 0.0.0.0:8080, expected each host port once',
      'steps[0].command.mounts[2].target: Unexpected second mount on `/var/run/docker.sock`, expected each target once',
    ]);
  });

  it('reports a --network no earlier step creates, a second container of one name, and a foreground run before another step', () => {
    const registry = withSnippets({
      probe: {
        caption: 'caption.network-isolation',
        steps: [{ command: app({ network: 'openhands-network' }) }, { command: app({ detach: true }) }],
        claims: [],
      },
    });
    expect(problemsOf(registry, 'probe')).toEqual([
      'steps[0].command.network: Unexpected network `openhands-network` no earlier step creates, expected `docker network create openhands-network` before it',
      'steps[0].command.detach: Unexpected foreground `docker run` before steps[1], expected `detach: true` or the run as the last step (the shell waits for it to exit)',
      'steps[1].command.name: Unexpected second container named `openhands-app`, expected one (already started by steps[0])',
    ]);
  });

  it('reports an image images.ts does not have and a malformed memory size', () => {
    const run = untyped<DockerRun>({ ...APP_RUN, image: 'nginx', memory: '4gb' });
    expect(problemsOf(withSnippets({ probe: single(run) }), 'probe')).toEqual([
      `steps[0].command.image: Unexpected image \`nginx\`, expected one of ${Object.keys(IMAGES).join(', ')} (images.ts)`,
      'steps[0].command.memory: Unexpected --memory=4gb, expected a positive size such as 4g or 512m',
    ]);
  });
});

describe('message keys', () => {
  const probe = untyped<SnippetSpec>({
    caption: 'caption.no-such-key',
    steps: [{ comment: 'comment.no-such-key', command: { kind: 'docker-network-create', name: 'openhands-network' } }],
    claims: [],
  });

  it('reports caption and comment keys missing from a locale', () => {
    const problems = validateRegistry(withSnippets({ probe }), { en: { 'comment.no-such-key': 'x' }, ja: {} }).filter(
      (problem) => problem.snippetId === 'probe',
    );
    expect(problems).toEqual([
      {
        snippetId: 'probe',
        field: 'caption',
        message: 'Unexpected message key `caption.no-such-key` missing from the en messages, expected it in src/i18n/en.json',
      },
      {
        snippetId: 'probe',
        field: 'caption',
        message: 'Unexpected message key `caption.no-such-key` missing from the ja messages, expected it in src/i18n/ja.json',
      },
      {
        snippetId: 'probe',
        field: 'steps[0].comment',
        message: 'Unexpected message key `comment.no-such-key` missing from the ja messages, expected it in src/i18n/ja.json',
      },
    ]);
  });

  it('skips message keys when given no catalogs', () => {
    expect(validateRegistry(withSnippets({ probe }), null).filter((problem) => problem.snippetId === 'probe')).toEqual([]);
  });
});

describe('memoryBytes and isIpv4', () => {
  it('reads Docker memory sizes in binary units', () => {
    expect(memoryBytes('4g')).toBe(4294967296);
    expect(memoryBytes('512m')).toBe(512 * 1024 * 1024);
    expect(memoryBytes('1.5g')).toBe(1610612736);
    expect(memoryBytes('4gb')).toBeUndefined();
    expect(memoryBytes('0g')).toBeUndefined();
  });

  it('accepts dotted quads of octets only', () => {
    expect(isIpv4('172.17.0.1')).toBe(true);
    expect(isIpv4('256.0.0.1')).toBe(false);
    expect(isIpv4('127.0.0')).toBe(false);
  });
});

describe('engine variants', () => {
  it('accepts a variant for rootless Docker that uses $XDG_RUNTIME_DIR, set by the reader session', () => {
    const run = app({ mounts: [{ source: concat(variable('XDG_RUNTIME_DIR'), '/docker.sock'), target: '/var/run/docker.sock' }] });
    expect(problemsOf(withSnippets({ variant: { ...single(run), engines: ['rootless-docker'] } }), 'variant')).toEqual([]);
  });

  it('reports an empty engine list, an unknown kind and a duplicate', () => {
    expect(problemsOf(withSnippets({ variant: { ...single(APP_RUN), engines: [] } }), 'variant')).toEqual([
      'engines: Unexpected empty engine list, expected the engine kinds the variant is for, or no `engines` for every engine',
    ]);
    expect(problemsOf(withSnippets({ variant: { ...single(APP_RUN), engines: untyped(['docker-desktop', 'podman', 'podman']) } }), 'variant')).toEqual([
      'engines[0]: Unexpected engine kind `docker-desktop`, expected one of docker, rootless-docker, podman',
      'engines[2]: Unexpected duplicate engine kind `podman`, expected each once',
    ]);
  });
});
