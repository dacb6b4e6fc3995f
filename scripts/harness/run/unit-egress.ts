/**
 * What an egress unit's checkers use: the stand-in internet, attempts from the agent's network
 * namespace, the same attempts from a control container where the page's measures do not
 * apply, a service of the reader's machine, and the guard that keeps all of it on the machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { appendFile, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EgressProbe, ShellOutput } from '../claims/context';
import { docker, dockerResult, runProcess } from '../docker';
import { inHostNet } from '../host-net';
import type { EgressParts, UnitScope } from './session-resources';

const NSENTER = '/usr/bin/nsenter';
const BUSYBOX = process.env.OPENHANDS_GUIDE_BUSYBOX ?? '/bin/busybox';
/** Longer than any attempt's own timeouts (nc -w 3, two sleeps, ping -W 2). */
const ATTEMPT_TIMEOUT_MS = 30_000;

export interface UnitEgress {
  readonly probe: EgressProbe;
  /** Covers every container of the unit with the guard: call once the unit's commands ran. */
  coverUnit(): Promise<void>;
  dispose(): Promise<void>;
}

async function addressesOf(container: string): Promise<string[]> {
  const out = await docker(['inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}', container]).catch(() => '');
  return out.trim().split(/\s+/).filter(Boolean);
}

/**
 * The interface on the reader's machine that holds a network's gateway address: the bridge,
 * whatever the engine named it (Docker's br-<id>, a name the page gave it, Podman's podmanN).
 * None where the engine keeps its bridges in a namespace of its own (rootless Docker).
 */
async function bridgeOf(network: string): Promise<string | undefined> {
  const gateway = (await dockerResult(['network', 'inspect', '-f', '{{range .IPAM.Config}}{{.Gateway}}{{end}}', network], { reject: false })).stdout.trim();
  if (gateway === '') return undefined;
  const addresses = (await runProcess(...inHostNet('ip', ['-o', '-4', 'addr', 'show']))).stdout;
  return addresses.split('\n').find((line) => line.includes(` inet ${gateway}/`))?.split(/\s+/)[1];
}

/** Routes the stand-in metadata address for a network's bridge, where the reader's machine has it. */
async function routeMetadata(internet: EgressParts['internet'], network: string): Promise<void> {
  const bridge = await bridgeOf(network);
  if (bridge) await internet.routeMetadataFrom(bridge);
}

/** The first nameserver of a container's resolv.conf: Docker's embedded resolver (127.0.0.11) or Podman's aardvark-dns (the gateway). */
async function resolverIn(execArgs: readonly string[]): Promise<string | undefined> {
  const conf = (await dockerResult(execArgs, { reject: false })).stdout;
  return /^nameserver\s+(\S+)/m.exec(conf)?.[1];
}

const output = (result: { exitCode: number; stdout: string; stderr: string }): ShellOutput => ({ exitCode: result.exitCode, output: `${result.stdout}${result.stderr}` });

export function unitEgress(parts: EgressParts, scope: UnitScope, probeImage: string, freePort: () => Promise<number>): UnitEgress {
  const { internet, guard } = parts;
  const controls = new Map<string, Promise<string>>();
  const children: ChildProcess[] = [];
  const folders: string[] = [];
  /** What this unit covered, uncovered when it ends. */
  const coveredHere: string[] = [];
  const cover = async (addresses: readonly string[]) => {
    coveredHere.push(...addresses);
    await guard.cover(addresses);
  };

  /** One probe container per network, covered by the guard before it sends anything. */
  const controlOn = (network: string): Promise<string> => {
    let control = controls.get(network);
    if (!control) {
      control = (async () => {
        const name = scope.name(`ohg-control-${controls.size}`);
        // NET_RAW: the control must be able to send what it is there to show gets through (ping), on engines whose defaults leave it out (Podman).
        await docker(['run', '-d', ...scope.labelArgs('probe'), '--name', name, '--network', network, '--dns', internet.addresses.resolver, '--cap-add', 'NET_RAW', probeImage, 'sleep', '600']);
        await cover(await addressesOf(name));
        await routeMetadata(internet, network);
        return name;
      })();
      controls.set(network, control);
    }
    return control;
  };

  let port: Promise<number> | undefined;
  const services = new Map<string, Promise<{ port: number }>>();
  /**
   * A service of the reader's machine as a container sees one that listens on every address (as
   * sshd or a database often does): at a bridge's gateway address. It listens on that address
   * only, so the test opens nothing on the reader's own network.
   */
  const hostService = (gateway: string): Promise<{ port: number }> => {
    let service = services.get(gateway);
    if (!service) {
      service = (async () => {
        port ??= freePort();
        const www = mkdtempSync(join(tmpdir(), `ohg-${scope.name('host-service')}-`));
        folders.push(www);
        writeFileSync(join(www, 'index.html'), 'host-service stand-in\n');
        const [file, args] = inHostNet(BUSYBOX, ['httpd', '-f', '-p', `${gateway}:${await port}`, '-h', www]);
        children.push(spawn(file, args, { stdio: 'ignore' }));
        return { port: await port };
      })();
      services.set(gateway, service);
    }
    return service;
  };

  const probe: EgressProbe = {
    names: { llm: internet.names.llm, unlisted: internet.names.unlisted },
    addresses: internet.addresses,
    pageOf: (host) => internet.pageOf(host),
    queries: () => internet.queries(),
    shellIn: async (container, script) => {
      const pid = (await dockerResult(['inspect', '-f', '{{.State.Pid}}', container], { reject: false })).stdout.trim();
      if (!/^[1-9]\d*$/.test(pid)) return { exitCode: 1, output: `${container} is not running` };
      // The host's busybox in the container's network namespace only: names resolve nowhere there, so every script uses addresses.
      return output(await runProcess(NSENTER, [`--net=/proc/${pid}/ns/net`, '--', BUSYBOX, 'sh', '-c', script], { timeout: ATTEMPT_TIMEOUT_MS }));
    },
    resolverOf: async (container) => resolverIn(['exec', container, 'cat', '/etc/resolv.conf']),
    controlResolver: async (network) => resolverIn(['exec', await controlOn(network), 'cat', '/etc/resolv.conf']),
    shellOn: async (network, script) => output(await dockerResult(['exec', await controlOn(network), 'sh', '-c', script], { reject: false, timeout: ATTEMPT_TIMEOUT_MS })),
    addressOn: async (container, network) => {
      const address = (await dockerResult(['inspect', '-f', `{{with index .NetworkSettings.Networks "${network}"}}{{.IPAddress}}{{end}}`, container], { reject: false })).stdout.trim();
      return address === '' ? undefined : address;
    },
    gatewayOf: async (network) => {
      const gateway = (await dockerResult(['network', 'inspect', '-f', '{{range .IPAM.Config}}{{.Gateway}}{{end}}', network], { reject: false })).stdout.trim();
      return gateway === '' ? undefined : gateway;
    },
    hostService,
    proxyLog: async (proxy) => (await dockerResult(['exec', proxy, 'cat', '/var/log/squid/access.log'], { reject: false })).stdout,
    stop: async (container) => {
      await dockerResult(['stop', '-t', '2', container], { reject: false });
    },
    restart: async (container) => {
      await dockerResult(['restart', '-t', '2', container], { reject: false });
      // squid that cannot read its configuration exits within a moment of starting.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      return (await dockerResult(['inspect', '-f', '{{.State.Running}}', container], { reject: false })).stdout.trim() === 'true';
    },
    // In place: a bind-mounted file is the same inode in the container only as long as it is not replaced.
    editFile: async (path, edit) => (edit.kind === 'append' ? appendFile(path, edit.text) : truncate(path, 0)),
    dropped: () => guard.dropped(),
    guardListing: () => guard.listing(),
    networksCreatedSince: async (since) => {
      const until = String(Math.ceil(Date.now() / 1000));
      const args = ['events', '--since', String(Math.floor(since / 1000)), '--until', until, '--filter', 'type=network', '--filter', 'event=create', '--format', '{{.Actor.Attributes.name}}'];
      return (await dockerResult(args, { reject: false, timeout: 10_000 })).stdout.split('\n').filter((line) => line.trim() !== '');
    },
  };

  return {
    probe,
    coverUnit: async () => {
      const ids = (await docker(['ps', '-q', ...scope.filterArgs()])).split('\n').filter(Boolean);
      for (const id of ids) await cover(await addressesOf(id));
      const network = scope.name('openhands-network');
      if ((await dockerResult(['network', 'inspect', network], { reject: false })).exitCode === 0) await routeMetadata(internet, network);
    },
    dispose: async () => {
      await guard.uncover(coveredHere);
      for (const child of children) child.kill('SIGKILL');
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    },
  };
}
