import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeSessionResources } from '../../scripts/harness/cleanup';
import { docker, dockerResult } from '../../scripts/harness/docker';
import { createEgressGuard, egressChainName, type EgressGuard } from '../../scripts/harness/egress-guard';
import { ensureProbeImage } from '../../scripts/harness/images';
import { createStandInInternet, internetZone, internetInterfaceNames, metadataTable, type StandInInternet } from '../../scripts/harness/internet';
import { Session } from '../../scripts/harness/session';

/**
 * The stand-in internet and the egress guard on the real kernel and daemon: containers of a
 * test network resolve and reach the stand-in's hosts, and nothing they send reaches the
 * machine's uplink, where the guard drops and counts it. The guard is shown working by
 * pointing a container at an outside address on purpose.
 */

const session = Session.create();
let internet: StandInInternet;
let guard: EgressGuard;
let probe: string;
let network: string;
let client: string;
let clientAddress: string;

function sh(file: string, args: string[]): string {
  return spawnSync(file, args, { encoding: 'utf8' }).stdout;
}

/** An HTTP GET with busybox nc (the static busybox's wget crashes): prints the response. */
const get = (host: string, port = 80): string => `printf 'GET / HTTP/1.0\\r\\nHost: ${host}\\r\\n\\r\\n' | nc -w 3 ${host} ${port}`;

/** Runs a command in the long-lived client container; resolves with its exit code and output. */
async function inClient(command: string): Promise<{ exitCode: number; output: string }> {
  // Not dockerSync: the stand-in's servers report to this process, which must keep reading meanwhile.
  const result = await dockerResult(['exec', client, 'sh', '-c', command]);
  return { exitCode: result.exitCode, output: `${result.stdout}${result.stderr}` };
}

beforeAll(async () => {
  probe = await ensureProbeImage();
  internet = await createStandInInternet(session);
  guard = await createEgressGuard(session);
  network = session.name('ohg-egress-test');
  await docker(['network', 'create', ...session.labelArgs(), network]);
  client = session.name('ohg-egress-client');
  clientAddress = await startCovered(client, ['--network', network, '--dns', internet.addresses.resolver, probe, 'sleep', '600']);
}, 120_000);

/** Starts a container that only sleeps, and covers its address before anything is sent from it. */
async function startCovered(name: string, args: string[]): Promise<string> {
  await docker(['run', '-d', '--name', name, ...session.labelArgs(), ...args]);
  const address = (await docker(['inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', name])).trim();
  await guard.cover([address]);
  return address;
}

afterAll(async () => {
  await internet?.remove();
  await guard?.remove();
  await removeSessionResources(session);
  expect(sh('ip', ['netns', 'list'])).not.toContain(`ohg-${session.suffix}-inet`);
  expect(sh('ip', ['link', 'show'])).not.toContain(internetInterfaceNames(session.suffix).host);
  expect(sh('ip', ['route', 'show', 'table', String(metadataTable(session.suffix))])).toBe('');
  expect(sh('ip', ['rule', 'show'])).not.toContain(String(metadataTable(session.suffix)));
  expect(sh('iptables', ['-t', 'mangle', '-S'])).not.toContain(egressChainName(session.suffix));
  expect(sh('ip6tables', ['-t', 'mangle', '-S'])).not.toContain(egressChainName(session.suffix));
}, 60_000);

describe('the stand-in internet', () => {
  it('holds its hosts on one /28 of TEST-NET-3, a route away from the reader\'s machine', () => {
    expect(internet.block).toMatch(/^203\.0\.113\.\d+\/28$/);
    for (const address of Object.values(internet.addresses)) expect(internet.isInternetAddress(address)).toBe(true);
    expect(internet.isInternetAddress('192.0.2.1')).toBe(false);
    expect(sh('ip', ['route', 'show', internet.block])).toContain(`via ${internet.gateway}`);
  });

  it('resolves its names for a container whose daemon forwards to it, and refuses every other name', async () => {
    const known = await inClient(`nslookup ${internet.names.llm}`);
    expect(known.output).toContain(internet.addresses.llm);
    const unknown = await inClient(`nslookup no-such-host.${internetZone(session.suffix)}`);
    expect(unknown.output).not.toMatch(/Address: \d+\.\d+\.\d+\.\d+\s*$/m);
    expect(internet.queries()).toEqual(expect.arrayContaining([internet.names.llm, `no-such-host.${internetZone(session.suffix)}`]));
  });

  it('answers as the LLM stand-in at llm.test, and as another host at unlisted.test', async () => {
    expect((await inClient(get(internet.names.llm))).output).toContain(internet.pageOf('llm'));
    expect((await inClient(get(internet.names.unlisted, 443))).output).toContain(internet.pageOf('unlisted'));
    expect(internet.requests().map((r) => `${r.host}:${r.port}`)).toEqual(expect.arrayContaining(['llm:80', 'unlisted:443']));
  });

  it('answers at 169.254.169.254 only from an interface a test routed there', async () => {
    const bridge = `br-${(await docker(['network', 'inspect', '-f', '{{.Id}}', network])).trim().slice(0, 12)}`;
    await internet.routeMetadataFrom(bridge);
    expect((await inClient(get('169.254.169.254'))).output).toContain(internet.pageOf('metadata'));
    // The machine's own route to that address is untouched.
    expect(sh('ip', ['route', 'get', '169.254.169.254'])).not.toContain(internet.hostInterface);
  });
});

describe('the egress guard', () => {
  it('has dropped nothing while the tests sent only to the stand-in internet', async () => {
    expect(await guard.dropped()).toBe(0);
  });

  it('drops and counts a packet a covered container sends towards the uplink (shown on purpose)', async () => {
    // Only once the guard covers the client: otherwise the attempt would really leave.
    expect(await guard.listing()).toContain(clientAddress);
    const before = await guard.dropped();
    const attempt = await inClient('nc -w 2 192.0.2.1 9 </dev/null');
    expect(attempt.exitCode).not.toBe(0);
    expect(await guard.dropped()).toBeGreaterThan(before);
  });

  it('keeps what an address counted when it uncovers it, and no longer names that address', async () => {
    // After the test above the client's rule has counted; uncovering removes the rule, not the count.
    const before = await guard.dropped();
    expect(before).toBeGreaterThan(0);
    await guard.uncover([clientAddress]);
    expect(await guard.listing()).not.toContain(clientAddress);
    expect(await guard.dropped()).toBe(before);
    // Covered again for the tests after it: the client must never send unguarded.
    await guard.cover([clientAddress]);
    expect(await guard.listing()).toContain(clientAddress);
  });

  it('drops and counts a .test query headed for the machine\'s own resolvers, whoever sends it', async () => {
    const nameserver = /^nameserver\s+(\d+\.\d+\.\d+\.\d+)/m.exec(readFileSync('/etc/resolv.conf', 'utf8'))?.[1];
    const route = nameserver ? sh('ip', ['route', 'get', nameserver]) : '';
    const uplink = guard.uplinks.iptables.find((name) => route.includes(`dev ${name}`));
    if (!nameserver || !uplink) {
      console.warn(`SKIPPED on purpose: the machine's resolver (${nameserver ?? 'none in /etc/resolv.conf'}) is not reached through a default-route interface, so no query could leave by it`);
      return;
    }
    // A container on the default bridge gets the machine's resolv.conf. It is covered by
    // address too, so that a string rule that failed to match would still drop the query;
    // the string rules come first in the chain, and their own counter must be the one that grew.
    const before = await guard.droppedQueries();
    const leak = session.name('ohg-egress-leak');
    await startCovered(leak, [probe, 'sleep', '600']);
    await dockerResult(['exec', leak, 'nslookup', `guard-check.${internetZone(session.suffix)}`]);
    expect(await guard.droppedQueries()).toBeGreaterThan(before);
  });
});
