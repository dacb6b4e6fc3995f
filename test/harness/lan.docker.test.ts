import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeSessionResources } from '../../scripts/harness/cleanup';
import { daemonVersion, docker, parseEngineVersion } from '../../scripts/harness/docker';
import { withLoopbackGuardLock } from '../../scripts/harness/firewall';
import { ensureProbeImage } from '../../scripts/harness/images';
import { LABEL, labelFilterArgs } from '../../scripts/harness/labels';
import { createLanNeighbour, lanInterfaceNames, type LanNeighbour } from '../../scripts/harness/lan';
import { Session } from '../../scripts/harness/session';

/**
 * The LAN neighbour on the real kernel and daemon. The routed-loopback test is the
 * evidence for the guide's statement that, before Engine 28.0.0, a port published on
 * 127.0.0.1 is reachable from another host on the LAN (moby #45610).
 */

const session = Session.create();
const other = Session.create();
let lan: LanNeighbour;
let lan2: LanNeighbour;
let loopbackPort: number;
let allInterfacesPort: number;
let engine: { major: number; minor: number };

function ip(args: string[]): string {
  return spawnSync('ip', args, { encoding: 'utf8' }).stdout;
}

async function publishedPort(name: string): Promise<number> {
  return Number((await docker(['port', name, '80/tcp'])).split('\n')[0]?.split(':').pop());
}

beforeAll(async () => {
  const probe = await ensureProbeImage();
  engine = parseEngineVersion(await daemonVersion());
  const serve = ['sh', '-c', 'mkdir -p /www && echo lan-target > /www/index.html && exec httpd -f -p 80 -h /www'];
  const onLoopback = session.name('ohg-lan-lo');
  const onAll = session.name('ohg-lan-all');
  await docker(['run', '-d', '--name', onLoopback, ...session.labelArgs('lan-target'), '-p', '127.0.0.1::80', probe, ...serve]);
  await docker(['run', '-d', '--name', onAll, ...session.labelArgs('lan-target'), '-p', '0.0.0.0::80', probe, ...serve]);
  loopbackPort = await publishedPort(onLoopback);
  allInterfacesPort = await publishedPort(onAll);
  lan = await createLanNeighbour(session);
  lan2 = await createLanNeighbour(other);
  // httpd needs a moment after `docker run` returns.
  await new Promise((resolve) => setTimeout(resolve, 500));
}, 120_000);

afterAll(async () => {
  await lan2.remove();
  await removeSessionResources(session);
  await removeSessionResources(other);
  expect(ip(['netns', 'list'])).not.toContain(session.lanNamespace);
  expect(ip(['netns', 'list'])).not.toContain(other.lanNamespace);
  expect(ip(['link', 'show'])).not.toContain(lanInterfaceNames(session.suffix).host);
  expect(await docker(['ps', '-aq', ...labelFilterArgs(LABEL.session, session.id)])).toBe('');
});

describe('createLanNeighbour', () => {
  it('makes a namespace and a veth pair named from the session suffix', () => {
    expect(lan.namespace).toBe(session.lanNamespace);
    expect(ip(['netns', 'list'])).toContain(session.lanNamespace);
    expect(lan.hostInterface.length).toBeLessThanOrEqual(15);
    expect(ip(['-o', 'link', 'show', lan.hostInterface])).toContain(lan.hostInterface);
    expect(ip(['-n', lan.namespace, '-o', 'link', 'show', lan.namespaceInterface])).toContain(lan.namespaceInterface);
  });

  it('addresses both ends from a /30 in 198.18.0.0/15, a different one per session', () => {
    for (const address of [lan.hostAddress, lan.address, lan2.hostAddress]) expect(address).toMatch(/^198\.1[89]\./);
    expect(lan.subnet).toMatch(/\/30$/);
    expect(ip(['-4', '-o', 'addr', 'show', 'dev', lan.hostInterface])).toContain(`${lan.hostAddress}/30`);
    expect(lan2.subnet).not.toBe(lan.subnet);
  });

  it('reaches a port published on all interfaces at the host address, as a LAN host would', async () => {
    expect(await lan.probe(lan.hostAddress, allInterfacesPort)).toBe(true);
  });

  it('does not reach a port published on 127.0.0.1 at the host address', async () => {
    expect(await lan.probe(lan.hostAddress, loopbackPort)).toBe(false);
  });

  it('reaches a 127.0.0.1-published port by routing 127.0.0.0/8 via the host exactly when the Engine is older than 28.0.0 (moby #45610)', async () => {
    const reached = await withLoopbackGuardLock(() => lan.probeRoutedLoopback(loopbackPort));
    expect(reached).toBe(engine.major < 28);
  });

  it('gets no answer on the routed loopback where nothing listens', async () => {
    // Port 9 (discard): no container publishes it, so no DNAT rule turns the packet into a connection.
    expect(await lan.probeRoutedLoopback(9)).toBe(false);
  });

  it('refuses to send to addresses that are not the host\'s own', async () => {
    await expect(lan.probe('192.0.2.123', 80)).rejects.toThrow(/only the host's own addresses/);
    await expect(lan.probe(lan.hostAddress, 70000)).rejects.toThrow(/Unexpected port 70000/);
  });

  it('is gone after remove(), namespace and host interface alike', async () => {
    const third = Session.create();
    const neighbour = await createLanNeighbour(third);
    expect(ip(['netns', 'list'])).toContain(neighbour.namespace);
    await neighbour.remove();
    third.end();
    expect(ip(['netns', 'list'])).not.toContain(neighbour.namespace);
    expect(ip(['link', 'show'])).not.toContain(neighbour.hostInterface);
  });
});
