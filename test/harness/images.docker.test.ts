import { spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeSessionResources } from '../../scripts/harness/cleanup';
import { docker, dockerResult, inspectContainer } from '../../scripts/harness/docker';
import { netcatIn, probeFrom, type ProbeWay } from '../../scripts/harness/run/probes';
import {
  buildStandInImage,
  ensureImages,
  ensureProbeImage,
  imagesMode,
  isStandInImage,
  markerName,
  releaseImages,
  removeLegacyStandInBuildsSync,
  taggedStandInReferences,
  type EnsuredImage,
  type ImageReferences,
  type LegacySweepScope,
} from '../../scripts/harness/images';
import { LABEL, LEGACY_LABEL, labelFilterArgs } from '../../scripts/harness/labels';
import { Session } from '../../scripts/harness/session';
import type { ImageName } from '../../src/snippets/images';

/**
 * The stand-in images against the upstream contract each version's CITATIONS.md cites, on the real daemon.
 * Stand-ins are tagged under test names, never the documented ones, so a harness run on the
 * same daemon is not disturbed; ensureImages treats both the same way.
 */

interface StandInStatus {
  uid: number;
  gid: number;
  dockerHost: string;
  runtime: {
    container: string | null;
    port: number | null;
    hostIp: string;
    url: string | null;
    reached: boolean;
    agentWrite: { file: string; uid: number; error: string | null } | null;
  };
  error: string | null;
}

const session = Session.create();
const other = Session.create();
const refs = {
  'openhands-0.33': `openhands-guide-test/openhands-${session.suffix}:0.33`,
  'runtime-0.33': `openhands-guide-test/runtime-${session.suffix}:0.33-nikolaik`,
  // Stands for a real image already on the daemon: no stand-in label.
  'socket-proxy': `openhands-guide-test/socket-proxy-${session.suffix}:0.4.1`,
} as const satisfies ImageReferences;
const workspace = mkdtempSync(join(tmpdir(), 'ohg-images-ws-'));
// The reader's own directory: owned by the uid the app is told to run as.
chownSync(workspace, 1000, 1000);
let images: Partial<Record<ImageName, EnsuredImage>>;
let realProxyId: string;
let probe: string;
let bridgeGateway: string;
const appPorts = new Map<string, number>();

function httpGet(port: number, path: string): Promise<{ status: number; body: string } | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, timeout: 2000 });
    let data = '';
    socket.on('connect', () => socket.end(`GET ${path} HTTP/1.0\r\n\r\n`));
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.[01] (\d+)/.exec(data)?.[1]);
      resolve(Number.isNaN(status) ? undefined : { status, body: data.split('\r\n\r\n').slice(1).join('\r\n\r\n') });
    });
    socket.on('error', () => resolve(undefined));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(undefined);
    });
  });
}

async function statusOf(app: string): Promise<StandInStatus> {
  const port = appPorts.get(app);
  if (port === undefined) throw new Error(`no app ${app}`);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const reply = await httpGet(port, '/status');
    if (reply?.status === 200) return JSON.parse(reply.body) as StandInStatus;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const logs = await dockerResult(['logs', app]);
  throw new Error(`${app} wrote no status within 60 s; logs:\n${logs.stdout}\n${logs.stderr}`);
}

/** Starts the app stand-in detached, published on a free loopback port, and remembers the port. */
async function startApp(key: string, args: readonly string[]): Promise<string> {
  const name = session.name(`ohg-app-${key}`);
  await docker([
    'run', '-d', '--name', name, ...session.labelArgs('test'),
    '-p', '127.0.0.1::3000', '-e', `SANDBOX_RUNTIME_CONTAINER_IMAGE=${refs['runtime-0.33']}`,
    '--add-host', 'host.docker.internal:host-gateway', ...args, refs['openhands-0.33'],
  ]);
  const published = await docker(['port', name, '3000/tcp']);
  appPorts.set(name, Number(published.split('\n')[0]?.split(':').pop()));
  return name;
}

async function runOnce(args: readonly string[]): Promise<{ exitCode: number; output: string }> {
  const result = await dockerResult(['run', '--rm', ...session.labelArgs('test'), ...args], { timeout: 60_000 });
  return { exitCode: result.exitCode, output: `${result.stdout}\n${result.stderr}` };
}

const apps: Record<string, string> = {};

beforeAll(async () => {
  probe = await ensureProbeImage();
  // A "real" image: imported from a tarball, so it carries no stand-in label.
  const root = mkdtempSync(join(tmpdir(), 'ohg-real-'));
  writeFileSync(join(root, 'README'), 'stands for an upstream image\n');
  const imported = spawnSync('sh', ['-c', `tar -C '${root}' -cf - . | docker import - '${refs['socket-proxy']}'`], { encoding: 'utf8' });
  rmSync(root, { recursive: true, force: true });
  if (imported.status !== 0) throw new Error(`docker import failed: ${imported.stderr}`);
  realProxyId = await docker(['image', 'inspect', '--format', '{{.Id}}', refs['socket-proxy']]);

  images = await ensureImages(session, { references: refs });
  // What host-gateway resolves to (the default bridge's gateway): the IPAM config of the
  // default bridge has no Gateway field on 20.10, so ask a container.
  const hosts = await docker(['run', '--rm', ...session.labelArgs('probe'), '--add-host', 'host.docker.internal:host-gateway', probe, 'cat', '/etc/hosts']);
  bridgeGateway = /^(\S+)\s+host\.docker\.internal$/m.exec(hosts)?.[1] ?? '';
  expect(bridgeGateway).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

  const socket = ['-v', '/var/run/docker.sock:/var/run/docker.sock'];
  apps.root = await startApp('root', socket);
  apps.loopback = await startApp('loopback', [...socket, '-e', 'SANDBOX_RUNTIME_BINDING_ADDRESS=127.0.0.1']);
  apps.gateway = await startApp('gateway', [...socket, '-e', `SANDBOX_RUNTIME_BINDING_ADDRESS=${bridgeGateway}`]);
  apps.user = await startApp('user', [
    ...socket, '-e', 'SANDBOX_USER_ID=1000', '-e', `WORKSPACE_MOUNT_PATH=${workspace}`, '-v', `${workspace}:/opt/workspace_base`,
  ]);
  apps.refused = await startApp('refused', ['-e', 'DOCKER_HOST=tcp://127.0.0.1:9']);
  apps.missing = await startApp('missing', [...socket, '-e', `SANDBOX_RUNTIME_CONTAINER_IMAGE=openhands-guide-test/missing-${session.suffix}:0`]);

  const network = session.name('ohg-images-net');
  await docker(['network', 'create', ...session.labelArgs('test'), network]);
  const proxy = session.name('ohg-proxy');
  // The proxy stand-in stands in for the documented one; run it from its private build.
  const proxyStandIn = await buildStandInImage('socket-proxy');
  const sections = ['-e', 'CONTAINERS=1', '-e', 'IMAGES=1', '-e', 'POST=1'];
  await docker(['run', '-d', '--name', proxy, ...session.labelArgs('test'), '--network', network, ...sections, ...socket, proxyStandIn.reference]);
  apps.proxied = await startApp('proxied', [
    '--network', network, '-e', `DOCKER_HOST=tcp://${proxy}:2375`, '-e', `SANDBOX_RUNTIME_BINDING_ADDRESS=${bridgeGateway}`,
  ]);
  // The proxy with its defaults (Tecnativa/docker-socket-proxy v0.4.1: POST=0, CONTAINERS=0).
  const closed = session.name('ohg-proxy-closed');
  await docker(['run', '-d', '--name', closed, ...session.labelArgs('test'), '--network', network, ...socket, proxyStandIn.reference]);
  apps.closed = await startApp('closed', ['--network', network, '-e', `DOCKER_HOST=tcp://${closed}:2375`]);
}, 300_000);

afterAll(async () => {
  // First: the Docker cleanup below throws without a daemon, and vitest runs no later hook.
  rmSync(workspace, { recursive: true, force: true });
  await releaseImages(session, { references: refs });
  await releaseImages(other, { references: refs });
  await removeSessionResources(session);
  await removeSessionResources(other);
  await dockerResult(['image', 'rm', refs['socket-proxy']]);
  for (const s of [session, other]) {
    expect(await docker(['ps', '-aq', ...labelFilterArgs(LABEL.session, s.id)])).toBe('');
    expect(await docker(['network', 'ls', '-q', ...labelFilterArgs(LABEL.session, s.id)])).toBe('');
  }
  expect(taggedStandInReferences(refs)).toEqual([]);
});

describe('ensureImages', () => {
  it('builds stand-ins for missing images and tags them with the given names', async () => {
    expect(images['openhands-0.33']).toMatchObject({ name: 'openhands-0.33', reference: refs['openhands-0.33'], source: 'stand-in' });
    expect(images['runtime-0.33']).toMatchObject({ name: 'runtime-0.33', reference: refs['runtime-0.33'], source: 'stand-in' });
    expect(await isStandInImage(refs['openhands-0.33'])).toBe(true);
    expect(await docker(['image', 'inspect', '--format', '{{.Id}}', refs['openhands-0.33']])).toBe(images['openhands-0.33']!.id);
  });

  it('uses an image that is not ours as the real one and never retags it', async () => {
    expect(images['socket-proxy']).toEqual({ name: 'socket-proxy', reference: refs['socket-proxy'], source: 'real', id: realProxyId });
    expect(await docker(['image', 'inspect', '--format', '{{.Id}}', refs['socket-proxy']])).toBe(realProxyId);
  });

  it('does not rebuild a stand-in whose build context is unchanged', async () => {
    const again = await buildStandInImage('openhands-0.33');
    expect(again.built).toBe(false);
    expect(again.id).toBe(images['openhands-0.33']!.id);
    expect(again.reference).toMatch(/^openhands-guide\/stand-in-openhands-0\.33:[0-9a-f]{16}$/);
  });

  it('holds a marker container for the session while it uses the tags', async () => {
    const labels = await docker(['container', 'inspect', '--format', '{{json .Config.Labels}}', markerName(session, refs)]);
    expect(JSON.parse(labels)).toMatchObject({ [LABEL.session]: session.id, [LABEL.role]: 'image-marker' });
  });

  it('reads OPENHANDS_GUIDE_IMAGES: real or unset, nothing else', () => {
    const saved = process.env.OPENHANDS_GUIDE_IMAGES;
    try {
      process.env.OPENHANDS_GUIDE_IMAGES = 'real';
      expect(imagesMode()).toBe('real');
      delete process.env.OPENHANDS_GUIDE_IMAGES;
      expect(imagesMode()).toBe('auto');
      process.env.OPENHANDS_GUIDE_IMAGES = 'stand-ins';
      expect(() => imagesMode()).toThrow(/Unexpected OPENHANDS_GUIDE_IMAGES=stand-ins/);
    } finally {
      if (saved === undefined) delete process.env.OPENHANDS_GUIDE_IMAGES;
      else process.env.OPENHANDS_GUIDE_IMAGES = saved;
    }
  });

  it('with OPENHANDS_GUIDE_IMAGES=real, pulls and never builds: a missing image is an error', async () => {
    const saved = process.env.OPENHANDS_GUIDE_IMAGES;
    // A registry on loopback that refuses at once: the pull fails without leaving the host.
    const unreachable = { ...refs, 'openhands-0.33': `127.0.0.1:9/ohg-test-${session.suffix}/openhands:0.33` } as const satisfies ImageReferences;
    process.env.OPENHANDS_GUIDE_IMAGES = 'real';
    try {
      await expect(ensureImages(session, { references: unreachable })).rejects.toThrow(
        `OPENHANDS_GUIDE_IMAGES=real needs ${unreachable['openhands-0.33']}, and \`docker pull ${unreachable['openhands-0.33']}\` failed`,
      );
      expect((await dockerResult(['image', 'inspect', unreachable['openhands-0.33']])).exitCode).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.OPENHANDS_GUIDE_IMAGES;
      else process.env.OPENHANDS_GUIDE_IMAGES = saved;
    }
  });
});

describe('OpenHands app stand-in: image contract (facts.md "OpenHands app image")', () => {
  it('runs as root, with the upstream ENV defaults', async () => {
    const config = JSON.parse(await docker(['image', 'inspect', '--format', '{{json .Config}}', refs['openhands-0.33']])) as { User: string; Env: string[] };
    expect(config.User).toBe('root');
    expect(config.Env).toEqual(
      expect.arrayContaining([
        'SANDBOX_USER_ID=0',
        'SANDBOX_LOCAL_RUNTIME_URL=http://host.docker.internal',
        'WORKSPACE_BASE=/opt/workspace_base',
        'FILE_STORE_PATH=/.openhands-state',
      ]),
    );
  });

  it('has root and openhands (42420) and group app, no uid-1000 user and no group docker', async () => {
    const out = await docker(['run', '--rm', ...session.labelArgs('test'), '--entrypoint', 'cat', refs['openhands-0.33'], '/etc/passwd', '/etc/group']);
    const [passwd, group] = [out.split('\n').filter((l) => l.split(':').length === 7), out.split('\n').filter((l) => l.split(':').length === 4)];
    expect(passwd.map((l) => l.split(':')[0])).toEqual(expect.arrayContaining(['root', 'openhands']));
    expect(passwd.find((l) => l.startsWith('openhands:'))?.split(':')[2]).toBe('42420');
    expect(passwd.map((l) => l.split(':')[2])).not.toContain('1000');
    expect(group.map((l) => l.split(':')[0])).toContain('app');
    expect(group.map((l) => l.split(':')[0])).not.toContain('docker');
  });

  it('carries the static docker CLI 28.2.2', async () => {
    const out = await docker(['run', '--rm', ...session.labelArgs('test'), '--entrypoint', 'docker', refs['openhands-0.33'], '--version']);
    expect(out).toContain('28.2.2');
  });

  it('cannot start with --user 1000:docker: Docker finds no group docker in the image', async () => {
    const { exitCode, output } = await runOnce(['--user', '1000:docker', refs['openhands-0.33']]);
    expect(exitCode).not.toBe(0);
    expect(output).toContain('unable to find group docker');
  });

  it('refuses a non-root user in the entrypoint', async () => {
    const { exitCode, output } = await runOnce(['--user', '1000:1000', refs['openhands-0.33']]);
    expect(exitCode).toBe(1);
    expect(output).toContain('The OpenHands entrypoint.sh must run as root');
  });

  it('exits when SANDBOX_USER_ID is empty', async () => {
    const { exitCode, output } = await runOnce(['-e', 'SANDBOX_USER_ID=', refs['openhands-0.33']]);
    expect(exitCode).toBe(1);
    expect(output).toContain('SANDBOX_USER_ID is not set');
  });

  it('exits at start with a non-zero SANDBOX_USER_ID and no socket (issues #4933, #1732)', async () => {
    const { exitCode, output } = await runOnce(['-e', 'SANDBOX_USER_ID=1000', '-e', 'DOCKER_HOST=tcp://127.0.0.1:9', refs['openhands-0.33']]);
    expect(exitCode).toBe(1);
    expect(output).toContain('/var/run/docker.sock');
  });
});

describe('OpenHands app stand-in: behaviour', () => {
  it('serves on 0.0.0.0:3000 and, as root with the socket, starts a runtime it reaches', async () => {
    const status = await statusOf(apps.root!);
    expect(status).toMatchObject({ uid: 0, gid: 0, dockerHost: 'unix:///var/run/docker.sock', error: null });
    expect(status.runtime).toMatchObject({ hostIp: '0.0.0.0', reached: true });
    expect(status.runtime.port).toBeGreaterThanOrEqual(30000);
    expect(status.runtime.port).toBeLessThanOrEqual(39999);
    expect(status.runtime.url).toBe(`http://host.docker.internal:${status.runtime.port}`);
    const app = await inspectContainer(apps.root!);
    expect(status.runtime.container).toBe(`openhands-runtime-${app.Config.Hostname}`);
  });

  it('labels the runtime with the app container\'s session and publishes it as docker_runtime.py does', async () => {
    const status = await statusOf(apps.root!);
    const runtime = await inspectContainer(status.runtime.container!);
    expect(runtime.Config.Labels).toMatchObject({ [LABEL.session]: session.id, [LABEL.pid]: String(process.pid), [LABEL.role]: 'runtime' });
    expect(runtime.Config.Image).toBe(refs['runtime-0.33']);
    expect(runtime.Config.Env).toContain(`port=${status.runtime.port}`);
    expect(runtime.HostConfig.PortBindings?.[`${status.runtime.port}/tcp`]).toEqual([{ HostIp: '0.0.0.0', HostPort: String(status.runtime.port) }]);
  });

  it('with SANDBOX_RUNTIME_BINDING_ADDRESS=127.0.0.1 publishes there and cannot reach its runtime (OpenHands #7152)', async () => {
    const status = await statusOf(apps.loopback!);
    expect(status.runtime).toMatchObject({ hostIp: '127.0.0.1', reached: false });
    expect(status.error).toContain('did not answer');
    const runtime = await inspectContainer(status.runtime.container!);
    expect(runtime.HostConfig.PortBindings?.[`${status.runtime.port}/tcp`]?.[0]?.HostIp).toBe('127.0.0.1');
  });

  it('with the bridge gateway as binding address reaches its runtime', async () => {
    const status = await statusOf(apps.gateway!);
    expect(status.runtime).toMatchObject({ hostIp: bridgeGateway, reached: true });
  });

  it('with SANDBOX_USER_ID=1000 runs as 1000 and uses the socket through group docker; its sandbox writes the mounted workspace as 1000', async () => {
    const status = await statusOf(apps.user!);
    expect(status.uid).toBe(1000);
    expect(status.runtime.reached).toBe(true);
    expect(status.runtime.agentWrite).toMatchObject({ uid: 1000, error: null });
    expect(status.runtime.agentWrite!.file).toMatch(/^\/workspace\/openhands-agent-[0-9a-f]+\.txt$/);
    const onHost = join(workspace, status.runtime.agentWrite!.file.split('/').pop()!);
    expect(statSync(onHost).uid).toBe(1000);
    const runtime = await inspectContainer(status.runtime.container!);
    expect(runtime.HostConfig.Binds).toEqual([`${workspace}:/workspace:rw`]);
    // The server runs as upstream's command.py starts it: working dir, user name and uid.
    expect(runtime.Args).toEqual([String(status.runtime.port), '--working-dir', '/workspace', '--username', 'openhands', '--user-id', '1000']);
  });

  it('as root (SANDBOX_USER_ID=0) has its sandbox work as root, with no workspace mounted', async () => {
    const status = await statusOf(apps.root!);
    expect(status.runtime.agentWrite).toMatchObject({ uid: 0, error: null });
    const runtime = await inspectContainer(status.runtime.container!);
    expect(runtime.HostConfig.Binds ?? []).toEqual([]);
  });

  it('reaches the Docker API through the socket proxy stand-in, without the socket', async () => {
    const status = await statusOf(apps.proxied!);
    expect(status.dockerHost).toBe(`tcp://${session.name('ohg-proxy')}:2375`);
    expect(status.runtime.reached).toBe(true);
    const app = await inspectContainer(apps.proxied!);
    expect(app.Mounts.map((m) => m.Destination)).not.toContain('/var/run/docker.sock');
  });

  it('cannot create its sandbox through the proxy stand-in left at its defaults (403)', async () => {
    const status = await statusOf(apps.closed!);
    expect(status.runtime.container).toBeNull();
    expect(status.error).toMatch(/creating the sandbox runtime container failed: .*(403|Forbidden)/s);
  });

  it('records a refused Docker API in its status and keeps serving', async () => {
    const status = await statusOf(apps.refused!);
    expect(status.runtime.container).toBeNull();
    expect(status.error).toContain('Cannot connect to the Docker daemon at tcp://127.0.0.1:9');
    expect((await httpGet(appPorts.get(apps.refused!)!, '/'))?.status).toBe(200);
  });

  it('reports a missing runtime image at once instead of pulling it', async () => {
    const status = await statusOf(apps.missing!);
    expect(status.runtime.container).toBeNull();
    expect(status.error).toContain(`openhands-guide-test/missing-${session.suffix}:0`);
  });
});

describe('probes', () => {
  const ways: ProbeWay[] = process.getuid?.() === 0 ? ['container', 'nsenter'] : ['container'];
  it.each(ways)('tell an open port from a closed one inside another container\'s namespace (%s)', async (way) => {
    await statusOf(apps.root!);
    const nc = netcatIn(probe, session.labelArgs('probe'), way);
    expect(await probeFrom(nc, apps.root!, '127.0.0.1', 3000)).toBe(true);
    expect(await probeFrom(nc, apps.root!, '127.0.0.1', 3001)).toBe(false);
  });
});

describe('releaseImages', () => {
  it('keeps the tags while another live session holds a marker, then removes only stand-in tags', async () => {
    await ensureImages(other, { references: refs });
    expect(await releaseImages(session, { references: refs })).toEqual([]);
    expect(taggedStandInReferences(refs).sort()).toEqual([refs['openhands-0.33'], refs['runtime-0.33']].sort());

    expect((await releaseImages(other, { references: refs })).sort()).toEqual([refs['openhands-0.33'], refs['runtime-0.33']].sort());
    expect(taggedStandInReferences(refs)).toEqual([]);
    // The real image keeps its name; the private stand-in builds stay as a cache.
    expect(await docker(['image', 'inspect', '--format', '{{.Id}}', refs['socket-proxy']])).toBe(realProxyId);
    expect(await isStandInImage((await buildStandInImage('openhands-0.33')).reference)).toBe(true);
  });
});

/** An image as an earlier version of the harness built its stand-ins: labelled `org.openhands-guide.model`, nothing else of ours. */
function importLegacyStandIn(reference: string, standIn: ImageName): string {
  const root = mkdtempSync(join(tmpdir(), 'ohg-legacy-'));
  writeFileSync(join(root, 'README'), 'stands for a stand-in an earlier harness built\n');
  const imported = spawnSync('sh', ['-c', `tar -C '${root}' -cf - . | docker import --change 'LABEL ${LEGACY_LABEL.standIn}=${standIn}' - '${reference}'`], { encoding: 'utf8' });
  rmSync(root, { recursive: true, force: true });
  if (imported.status !== 0) throw new Error(`docker import failed: ${imported.stderr}`);
  return imported.stdout.trim();
}

describe('stand-ins an earlier harness built, labelled "model"', () => {
  const legacy = Session.create();
  const legacyRefs = { 'openhands-0.33': `openhands-guide-test/legacy-${legacy.suffix}:0.33` } as const satisfies ImageReferences;
  const reference = legacyRefs['openhands-0.33'];
  afterAll(async () => {
    await dockerResult(['image', 'rm', reference]);
    await removeSessionResources(legacy);
  });

  it('are stand-ins: release untags them from the documented name, as it does current ones', async () => {
    importLegacyStandIn(reference, 'openhands-0.33');
    expect(await isStandInImage(reference)).toBe(true);
    expect(taggedStandInReferences(legacyRefs)).toEqual([reference]);
    expect(await releaseImages(legacy, { references: legacyRefs })).toEqual([reference]);
    expect((await dockerResult(['image', 'inspect', reference])).exitCode, `${reference} after release`).not.toBe(0);
  });

  it('are never taken for the real image: ensureImages puts the current stand-in under the name', async () => {
    const oldId = importLegacyStandIn(reference, 'openhands-0.33');
    const ensured = await ensureImages(legacy, { references: legacyRefs });
    expect(ensured['openhands-0.33']).toMatchObject({ reference, source: 'stand-in' });
    expect(ensured['openhands-0.33']!.id).not.toBe(oldId);
    expect(await releaseImages(legacy, { references: legacyRefs })).toEqual([reference]);
  });

  it('have their private builds removed by the sweep, only while no live run holds image markers', async () => {
    // Only this test's build and this test's session count: the daemon is shared, other runs'
    // builds are theirs, and their markers come and go while this runs.
    const build = `openhands-guide/model-test-${legacy.suffix}:0123456789abcdef`;
    const scope: LegacySweepScope = { repositoryPrefix: `openhands-guide/model-test-${legacy.suffix}`, heldBy: (marker) => marker.session === legacy.id };
    importLegacyStandIn(build, 'openhands-0.33');
    try {
      await ensureImages(legacy, { references: legacyRefs });
      expect(removeLegacyStandInBuildsSync(scope), 'removed while a live run holds a marker').toEqual([]);
      expect((await dockerResult(['image', 'inspect', build])).exitCode, `${build} while held`).toBe(0);

      await releaseImages(legacy, { references: legacyRefs });
      expect(removeLegacyStandInBuildsSync(scope)).toEqual([build]);
      expect((await dockerResult(['image', 'inspect', build])).exitCode, `${build} after the sweep`).not.toBe(0);
    } finally {
      await releaseImages(legacy, { references: legacyRefs });
      await dockerResult(['image', 'rm', build]);
    }
  });
});
