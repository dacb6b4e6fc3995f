import type { EngineKind } from '../../../contracts/verification-report';
import type { ImageName } from '../../../src/snippets/images';
import { removeSessionResources, registerCleanup, sweepCrashedSessions, type CleanupRegistration } from '../cleanup';
import { daemonVersion, docker, dockerResult } from '../docker';
import { hasRulesWithComment, removeLoopbackGuard } from '../firewall';
import { documentedReferences, ensureImages, ensureProbeImage, type EnsuredImage } from '../images';
import { VERSIONS, VERSION_IDS, type VersionId } from '../../../src/snippets/versions';
import { LABEL, labelArgs, labelFilterArgs, sessionLabels, type Role } from '../labels';
import { createLanNeighbour, type LanNeighbour } from '../lan';
import { createEgressGuard, type EgressGuard } from '../egress-guard';
import { createStandInInternet, type StandInInternet } from '../internet';
import { Session } from '../session';
import { PortPool } from './free-port';
import { whileCreatingNetworks } from './network-quiet';
import { probeLocal } from './probes';
import { hostNetPid } from '../host-net';

const OUTSIDER_PORT = 8080;

/**
 * The stand-in internet and the guard that keeps the egress units' traffic on this machine.
 * They belong to a session of their own: the guard's jumps carry that session's firewall
 * comment, so removing a unit's firewall rule (by the main session's comment) leaves them.
 */
export interface EgressParts {
  readonly internet: StandInInternet;
  readonly guard: EgressGuard;
}

interface EgressHolding extends EgressParts {
  readonly session: Session;
  readonly cleanup: CleanupRegistration;
}

async function openEgress(): Promise<EgressHolding> {
  const session = Session.create();
  const cleanup = registerCleanup(session);
  try {
    // The guard first: from then on nothing of this session's zone can leave.
    const guard = await createEgressGuard(session);
    const internet = await createStandInInternet(session);
    return { session, cleanup, guard, internet };
  } catch (error) {
    cleanup.run();
    session.end();
    throw error;
  }
}

/** A container on a network of its own: its address, its network's gateway, and the port it answers on. */
export interface Outsider {
  readonly address: string;
  readonly gateway: string;
  readonly port: number;
  readonly network: string;
  readonly name: string;
}

/**
 * Everything one harness run holds across snippets: its session (labels, names), the
 * images, the LAN neighbour. Opening sweeps crashed runs first; closing, Ctrl-C or a
 * crash removes what this run made and nothing else.
 */
export class HarnessSession {
  private units = 0;

  private constructor(
    private readonly session: Session,
    private readonly cleanup: CleanupRegistration,
    readonly images: readonly EnsuredImage[],
    readonly probeImage: string,
    readonly lan: LanNeighbour | undefined,
    readonly lanError: string | undefined,
    readonly engineVersion: string,
    readonly cgroupVersion: string,
    readonly engineKind: EngineKind,
  ) {}

  // Against an engine, a port free on the host may be taken in the engine's namespace: nothing may answer there either.
  private readonly ports = new PortPool(async (port) => hostNetPid() === undefined || !(await probeLocal('127.0.0.1', port, 500)));

  /** Opens a session for snippets of these versions: their images (and the shared socket proxy) are made available. */
  static async open(versions: readonly VersionId[] = VERSION_IDS): Promise<HarnessSession> {
    await sweepCrashedSessions();
    const session = Session.create();
    const cleanup = registerCleanup(session);
    try {
      const all = documentedReferences();
      // The egress proxy is built by the reader, never pulled: only sessions whose snippets run it make it.
      const runsEgressProxy = versions.some((v) => Object.values(VERSIONS[v].snippets).some((spec) => spec.steps.some((step) => step.command.kind === 'docker-run' && step.command.image === 'egress-proxy')));
      const wanted: ImageName[] = ['socket-proxy', ...(runsEgressProxy ? (['egress-proxy'] as const) : []), ...versions.flatMap((v) => VERSIONS[v].images)];
      const references = Object.fromEntries(wanted.map((name) => [name, all[name]]));
      const images = Object.values(await ensureImages(session, { references })).filter((i): i is EnsuredImage => i !== undefined);
      const probeImage = await ensureProbeImage();
      let lan: LanNeighbour | undefined;
      let lanError: string | undefined;
      try {
        lan = await createLanNeighbour(session);
      } catch (error) {
        lanError = (error as Error).message;
      }
      const engineVersion = await daemonVersion();
      const cgroupVersion = await docker(['info', '--format', '{{.CgroupVersion}}']);
      return new HarnessSession(session, cleanup, images, probeImage, lan, lanError, engineVersion, cgroupVersion, await engineKindOfDaemon());
    } catch (error) {
      cleanup.run();
      throw error;
    }
  }

  /** Where the stand-in app got its digest: a registry on loopback, for the evidence. */
  get digestSource(): string | undefined {
    return this.images.find((image) => image.digestRegistry !== undefined)?.digestRegistry;
  }

  get suffix(): string {
    return this.session.suffix;
  }

  get sessionLabel(): string {
    return `${LABEL.session}=${this.session.id}`;
  }

  get firewallComment(): string {
    return this.session.firewallComment;
  }

  /** `--label` arguments for the harness's own probe containers. */
  probeLabelArgs(): string[] {
    return this.session.labelArgs('probe');
  }

  image(name: ImageName): EnsuredImage | undefined {
    return this.images.find((i) => i.name === name);
  }

  /** A port nothing listens on right now; the kernel picks it. */
  /** A host port for a documented one, never given twice in this session; free on the reader's machine. */
  freePort(): Promise<number> {
    return this.ports.take();
  }

  /** A new unit of this session, for one snippet's run. */
  unit(): UnitScope {
    this.units += 1;
    return new UnitScope(this, this.session, this.units);
  }

  /** The IPv4 addresses of every container of this session. */
  async containerAddresses(): Promise<string[]> {
    const ids = (await docker(['ps', '-q', ...labelFilterArgs(LABEL.session, this.session.id)])).split('\n').filter(Boolean);
    if (ids.length === 0) return [];
    // Units run side by side: a container listed a moment ago may be gone by now. docker
    // inspect still prints the others (and exits 1), which is all this needs.
    const { stdout } = await dockerResult(['inspect', '--format', '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}', ...ids], { reject: false });
    return stdout.split(/\s+/).filter(Boolean);
  }

  firewallRulePresent(): Promise<boolean> {
    return hasRulesWithComment(this.firewallComment);
  }

  async removeFirewallRule(): Promise<void> {
    await removeLoopbackGuard(this.session);
  }

  private egressHolding: Promise<EgressHolding> | undefined;

  /** The stand-in internet and its guard, made when the first unit that reaches out asks for them (root only). */
  egress(): Promise<EgressParts> {
    this.egressHolding ??= openEgress();
    return this.egressHolding;
  }

  async close(): Promise<void> {
    const egress = await this.egressHolding?.catch(() => undefined);
    if (egress) {
      await egress.internet.remove();
      await egress.guard.remove();
      await removeSessionResources(egress.session);
      egress.cleanup.unregister();
      egress.session.end();
    }
    await this.lan?.remove();
    await removeSessionResources(this.session);
    this.cleanup.unregister();
  }
}

/**
 * One snippet's run inside a session. Units of a session run side by side, so each gets
 * names (`openhands-app-1a2b3c-4`) and a unit label of its own, and its cleanup removes
 * only what carries its label. Firewall rules act on the whole host (or the session's
 * LAN neighbour): units that add one run alone (scripts/harness/verify.ts).
 */
export class UnitScope {
  private outsiderCache: Outsider | undefined;

  constructor(
    private readonly harness: HarnessSession,
    private readonly session: Session,
    readonly n: number,
  ) {}

  /** A documented name made unique to this unit. */
  name(base: string): string {
    return `${this.session.name(base)}-${this.n}`;
  }

  labels(role: Role): Record<string, string> {
    return { ...sessionLabels(this.session, role), [LABEL.unit]: String(this.n) };
  }

  labelArgs(role: Role): string[] {
    return labelArgs(this.labels(role));
  }

  /** `--label k=v` words for the snippet rewrite. */
  labelFlags(): string[] {
    const args = this.labelArgs('snippet');
    const flags: string[] = [];
    for (let i = 0; i < args.length; i += 2) flags.push(`${args[i]} ${args[i + 1]}`);
    return flags;
  }

  /** `docker ps --filter` words selecting this unit's objects. */
  filterArgs(): string[] {
    return [...labelFilterArgs(LABEL.session, this.session.id), ...labelFilterArgs(LABEL.unit, String(this.n))];
  }

  /** `label=k=v` naming this unit, for the listings a snippet substitutes. */
  get filter(): string {
    return `label=${LABEL.unit}=${this.n}`;
  }

  /** A container on a network of its own that answers on a port, for isolation checks. */
  async outsider(): Promise<Outsider> {
    if (this.outsiderCache) return this.outsiderCache;
    const network = this.name('ohg-outside');
    const name = this.name('ohg-outsider');
    await whileCreatingNetworks(() => docker(['network', 'create', ...this.labelArgs('probe'), network]));
    await docker([
      'run', '-d', ...this.labelArgs('probe'), '--network', network, '--name', name, this.harness.probeImage,
      'sh', '-c', `mkdir -p /www && echo outsider > /www/index.html && exec httpd -f -p ${OUTSIDER_PORT} -h /www`,
    ]);
    const [address = '', gateway = ''] = (
      await docker(['inspect', '--format', `{{with index .NetworkSettings.Networks "${network}"}}{{.IPAddress}} {{.Gateway}}{{end}}`, name])
    ).split(' ');
    // `docker run -d` returns before httpd listens; a probe sent then would fail the positive control.
    const ready = await dockerResult(
      ['exec', name, 'timeout', '15', 'sh', '-c', `until nc -w 1 127.0.0.1 ${OUTSIDER_PORT} </dev/null; do sleep 0.2; done`],
      { reject: false },
    );
    if (ready.exitCode !== 0) throw new Error(`the outsider container ${name} did not listen on port ${OUTSIDER_PORT} within 15 s: ${ready.stderr || ready.stdout}`);
    this.outsiderCache = { address, gateway, port: OUTSIDER_PORT, network, name };
    return this.outsiderCache;
  }

  /** A named volume with the unit's labels, for a page that mounts one by name. */
  async createVolume(name: string): Promise<void> {
    await docker(['volume', 'create', ...this.labelArgs('snippet'), name]);
  }

  /** Removes the unit's containers (sandboxes its app made included), networks and firewall rules. */
  async remove(): Promise<void> {
    this.outsiderCache = undefined;
    for (let round = 0; round < 3; round++) {
      const ids = (await docker(['ps', '-aq', '--no-trunc', ...this.filterArgs()])).split('\n').filter(Boolean);
      if (ids.length === 0) break;
      // Podman's forced removal waits 10 s for SIGTERM first; nothing here needs a graceful stop.
      await dockerResult(['kill', ...ids], { reject: false });
      await dockerResult(['rm', '-f', '-v', ...ids], { reject: false });
    }
    const networks = (await docker(['network', 'ls', '-q', ...this.filterArgs()])).split('\n').filter(Boolean);
    if (networks.length > 0) await dockerResult(['network', 'rm', ...networks], { reject: false });
    const volumes = (await docker(['volume', 'ls', '-q', ...this.filterArgs()])).split('\n').filter(Boolean);
    if (volumes.length > 0) await dockerResult(['volume', 'rm', '-f', ...volumes], { reject: false });
    await this.harness.removeFirewallRule();
  }
}

/** What kind of engine answers: Docker, rootless Docker or Podman (its Docker-compatible API). */
async function engineKindOfDaemon(): Promise<EngineKind> {
  const components = await docker(['version', '--format', '{{range .Server.Components}}{{.Name}} {{end}}']).catch(() => '');
  if (/podman/i.test(components)) return 'podman';
  const security = await docker(['info', '--format', '{{json .SecurityOptions}}']).catch(() => '');
  return /rootless/.test(security) ? 'rootless-docker' : 'docker';
}
