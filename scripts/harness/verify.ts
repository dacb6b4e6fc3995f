import pMap from 'p-map';
import { randomBytes } from 'node:crypto';
import { allSnippets, requiredSnippets, snippetKey, VERSIONS, type Snippet } from '../../src/snippets';
import { isFirewallRule, type BridgeName, type ContainerName, type NetworkName, type VolumeName } from '../../src/snippets/commands';
import { imageReference, type ImageName } from '../../src/snippets/images';
import { checkClaim } from './claims';
import type { ClaimContext, ContainerFacts, LanProbe, StandInStatus } from './claims/context';
import { docker, dockerResult } from './docker';
import { REPORT_SCHEMA, snippetStatus, type EngineRun, type SnippetReport, type VerificationReport } from './report';
import { createReader, removeReader, runShell, type Reader } from './run/reader';
import { whileCreatingNetworks } from './run/network-quiet';
import { routeFacts } from './run/route-facts';
import { buildUnit, type Unit, type WordParser } from './run/unit';
import { eventually } from './claims/context';
import { withLoopbackGuardLock } from './firewall';
import { httpFrom, netcatIn, probeFrom, probeLocal, probeWay } from './run/probes';
import type { RewriteContext } from './run/rewrites';
import { HarnessSession, type EgressParts, type UnitScope } from './run/session-resources';
import { unitEgress, type UnitEgress } from './run/unit-egress';
import { snippetCommands } from './parse';
import { PLACEHOLDERS } from '../../src/snippets/words';
import { requiresChain } from '../../src/snippets/requires';
import { engineId } from './host-net';
import { judge, notRunHere } from './expectations';
import { processesFromProc } from './run/processes';

const DOCUMENTED_CONTAINERS: readonly ContainerName[] = ['openhands-app', 'docker-socket-proxy', 'agent-canvas', 'openhands-egress-proxy', 'agent-canvas-ui'];
const DOCUMENTED_NETWORKS: readonly NetworkName[] = ['openhands-network', 'openhands-egress'];
const DOCUMENTED_BRIDGES: readonly BridgeName[] = ['oh-egress0'];
const DOCUMENTED_VOLUMES: readonly VolumeName[] = ['agent-canvas-state'];
/** The app ports the pages publish: 0.33 and 1.x on 3000, Agent Canvas on 8000. */
const DOCUMENTED_HOST_PORTS = [3000, 8000] as const;

export interface VerifyOptions {
  readonly snippets?: readonly Snippet[];
  /** Defaults to the real shell parser (scripts/harness/parse). */
  readonly parse?: WordParser;
  /** Called after each snippet, e.g. to print progress. */
  readonly onSnippet?: (report: SnippetReport) => void;
  /** Called after each snippet with how long its phases took (`npm run bench`). */
  readonly onTiming?: (timing: SnippetTiming) => void;
  /** What the report calls the engine: `host` for the daemon `npm test` uses. */
  readonly engineId?: string;
}

/** Wall-clock milliseconds of one snippet's phases, for `npm run bench` (scripts/bench). */
export interface SnippetTiming {
  readonly id: string;
  /** Rendering, parsing and rewriting the text; picking free ports. */
  prepareMs: number;
  /** Waiting for the loopback-guard lock of this namespace (only snippets that add the firewall rule). */
  lockWaitMs: number;
  /** The reader's shell running the text. */
  runMs: number;
  /** Every claim check: inspect, cgroup files, probes, traffic. */
  checksMs: number;
  /** Removing the snippet's containers, networks and firewall rule. */
  cleanupMs: number;
  /** Start to end, all of the above. */
  totalMs: number;
}

/** How many snippets run at once: most of a snippet's time is waiting for containers and probes. */
const CONCURRENCY = Number(process.env.OPENHANDS_GUIDE_CONCURRENCY ?? 4);

/**
 * Runs every snippet against the daemon and checks its claims; always cleans up. Snippets
 * run side by side, each in a unit of its own (names, labels, cleanup); a snippet that adds
 * a host firewall rule runs alone afterwards, since the rule acts beyond its unit.
 */
export async function verifySnippets(options: VerifyOptions): Promise<EngineRun> {
  const all = options.snippets ?? allSnippets();
  const harness = await HarnessSession.open([...new Set(all.map((snippet) => snippet.version))]);
  try {
    const reader = await createReader(harness.suffix);
    try {
      const parse = options.parse ?? snippetCommands;
      const results = new Map<Snippet, SnippetReport>();
      const verify = async (snippet: Snippet) => {
        // A reader of its own per unit: units run side by side, and what one does to its
        // folder (an ACL, the agent's files) or its ~/.openhands must not reach another's.
        const own = await createReader(harness.suffix);
        try {
          const report = await verifySnippet(snippet, harness, own, parse, options.onTiming);
          results.set(snippet, report);
          options.onSnippet?.(report);
        } finally {
          await removeReader(own);
        }
      };
      const alone = all.filter(addsFirewallRule);
      await pMap(all.filter((snippet) => !addsFirewallRule(snippet)), verify, { concurrency: CONCURRENCY });
      for (const snippet of alone) await verify(snippet);
      return {
        engine: { id: options.engineId ?? engineId(), kind: harness.engineKind, version: harness.engineVersion, cgroupVersion: harness.cgroupVersion },
        images: harness.images.map(({ name, reference, source }) => ({ name, reference, source })),
        reader: { uid: reader.uid, switchedUser: reader.switchesUser },
        lanNeighbour: harness.lan !== undefined,
        probes: probeWay(),
        // In registry order, whatever order they finished in.
        snippets: all.map((snippet) => results.get(snippet)!),
      };
    } finally {
      await removeReader(reader);
    }
  } finally {
    await harness.close();
  }
}

/** The report of one or more engine runs. */
export function reportOf(runs: readonly EngineRun[]): VerificationReport {
  return { schema: REPORT_SCHEMA, generatedAt: new Date().toISOString(), runs };
}

/** Whether the snippet or one it requires mounts this named volume. */
function mountsVolume(snippet: Snippet, volume: VolumeName): boolean {
  const registry = VERSIONS[snippet.version].snippets;
  const chain = [...requiresChain(snippet.id, (id) => registry[id]?.requires ?? (registry[id] ? [] : undefined)).map((id) => registry[id]!), snippet];
  return chain.some((s) => s.steps.some((step) => step.command.kind === 'docker-run' && (step.command.mounts ?? []).some((m) => m.source === volume)));
}

const addsFirewallRule = (snippet: Snippet) =>
  snippet.steps.some((step) => isFirewallRule(step.command));

export interface PreparedUnit {
  readonly unit: Unit;
  /** The unit's names, labels and cleanup. */
  readonly scope: UnitScope;
  /** Documented name -> this unit's name. */
  readonly names: ReadonlyMap<string, string>;
  /** Documented host port -> a port free now. */
  readonly hostPorts: ReadonlyMap<number, number>;
  /** For a unit that reaches out: the stand-in internet and its guard, or why they could not be made. */
  readonly egress?: EgressParts;
  readonly egressError?: string;
}

/** A unit that runs the egress proxy, or claims what the agent can reach outside: it gets the stand-in internet. */
function reachesOut(snippet: Snippet): boolean {
  const runsProxy = [...requiredSnippets(snippet), snippet].some((s) => s.steps.some((step) => step.command.kind === 'docker-run' && step.command.image === 'egress-proxy'));
  return runsProxy || snippet.claims.some((claim) => claim.kind.startsWith('egress-'));
}

/** A snippet's text with this session's rewrites and the reader's placeholders, ready for runShell. */
export async function prepareUnit(
  snippet: Snippet,
  harness: HarnessSession,
  reader: Reader,
  parse: WordParser = snippetCommands,
  scope: UnitScope = harness.unit(),
): Promise<PreparedUnit> {
  const hostPorts = new Map<number, number>();
  for (const port of DOCUMENTED_HOST_PORTS) hostPorts.set(port, await harness.freePort());
  const names = new Map<string, string>([...DOCUMENTED_CONTAINERS, ...DOCUMENTED_NETWORKS, ...DOCUMENTED_VOLUMES].map((n) => [n, scope.name(n)]));
  // Interface names fit 15 characters: `oh` and the unit's suffix and number.
  for (const bridge of DOCUMENTED_BRIDGES) names.set(bridge, `oh${scope.name('').replace(/-/g, '')}`);
  let egress: EgressParts | undefined;
  let egressError: string | undefined;
  if (reachesOut(snippet)) {
    try {
      egress = await harness.egress();
    } catch (error) {
      egressError = (error as Error).message;
    }
  }
  // A named volume the page mounts is made beforehand with the unit's labels, so cleanup
  // finds it by label as it finds containers (docker run would create it unlabelled).
  for (const volume of DOCUMENTED_VOLUMES) {
    if (mountsVolume(snippet, volume)) await scope.createVolume(names.get(volume)!);
  }
  const { profile } = VERSIONS[snippet.version];
  const rewrite: RewriteContext = {
    callbackPort: profile.callbackPortVariable ? { variable: profile.callbackPortVariable, containerPort: profile.appPort } : undefined,
    names,
    hostPorts,
    labelFlags: scope.labelFlags(),
    dropPull: harness.images.some((i) => i.source === 'stand-in'),
    firewallComment: harness.firewallComment,
    sessionFilter: scope.filter,
    ...(egress && { resolver: egress.internet.addresses.resolver }),
  };
  const unit = await buildUnit(snippet, parse, rewrite, {
    workspaceDir: reader.workspace,
    wslWorkspaceDir: reader.workspace,
    projectsDir: reader.workspace,
    // A fresh key per unit: the reader chooses one of their own, no two alike.
    apiKey: randomBytes(32).toString('hex'),
    // The rule then acts on the neighbour's link only: the host's real interfaces stay untouched.
    lanInterface: harness.lan?.hostInterface ?? PLACEHOLDERS.lanInterface,
    // The allow-list names the stand-in's LLM host, as the reader's names their provider's.
    llmHost: egress?.internet.names.llm ?? PLACEHOLDERS.llmHost,
  });
  return { unit, scope, names, hostPorts, ...(egress && { egress }), ...(egressError && { egressError }) };
}

async function verifySnippet(
  snippet: Snippet,
  harness: HarnessSession,
  reader: Reader,
  parse: WordParser,
  onTiming?: (timing: SnippetTiming) => void,
): Promise<SnippetReport> {
  const started = performance.now();
  const prepared = await prepareUnit(snippet, harness, reader, parse);
  const timing: SnippetTiming = { id: snippetKey(snippet), prepareMs: performance.now() - started, lockWaitMs: 0, runMs: 0, checksMs: 0, cleanupMs: 0, totalMs: 0 };
  const run = () => runUnit(prepared, harness, reader, timing);
  // The page's firewall rule acts on the whole reader's machine (its network namespace): while it is in place, no other run there may
  // probe routed loopback, so the unit holds its namespace's lock until the rule is gone.
  const locking = performance.now();
  const report = await (prepared.unit.asRoot ? withLoopbackGuardLock(() => ((timing.lockWaitMs = performance.now() - locking), run())) : run());
  timing.totalMs = performance.now() - started;
  onTiming?.(timing);
  return report;
}

async function runUnit(prepared: PreparedUnit, harness: HarnessSession, reader: Reader, timing: SnippetTiming): Promise<SnippetReport> {
  const { unit, scope, names, hostPorts } = prepared;
  const snippet = unit.snippet;
  const engine = { kind: harness.engineKind, version: harness.engineVersion, cgroupVersion: harness.cgroupVersion };
  const skip = notRunHere(snippetKey(snippet), engine);
  const writtenFor = snippet.engines && !snippet.engines.includes(engine.kind) ? snippet.engines : undefined;
  if (skip || writtenFor) {
    // Loud, with its reason: the page and the report say it was not run on this engine, and why.
    const reason = skip ? `not run on this engine (${skip.id}): ${skip.source}` : `not run on this engine: the command is written for ${writtenFor!.join(', ')}`;
    await scope.remove();
    return {
      version: snippet.version, id: snippet.id, registryHash: unit.registryHash, texts: unit.texts, ran: unit.ran, ranOwn: unit.ranOwn,
      requires: unit.requires.map((s) => s.id), rewrites: unit.rewrites, placeholders: unit.placeholders,
      exitCode: -1, stderr: reason, durationMs: 0, status: 'not-run', ...(skip ? { expectation: skip.id } : {}),
      claims: snippet.claims.map((claim) => ({
        claim, status: 'not-verifiable' as const, notVerifiable: skip ? ('not-run-on-engine' as const) : ('written-for-other-engines' as const), evidence: [], reason,
        ...(skip ? { expectation: skip.id } : {}),
      })),
    };
  }
  let egress: UnitEgress | undefined;
  try {
    const running = performance.now();
    const shell = await runTerminals(unit, harness, reader);
    timing.runMs = performance.now() - running;
    const checking = performance.now();
    egress = prepared.egress && unitEgress(prepared.egress, scope, harness.probeImage, () => harness.freePort());
    await egress?.coverUnit();
    const ctx: ClaimContext = { ...liveContext(snippet, harness, scope, reader, names, hostPorts), egress: egress?.probe, ...(prepared.egressError && { egressError: prepared.egressError }) };
    const checked = [];
    for (const claim of snippet.claims) {
      const result = shell.exitCode === 0 ? await checkClaim(claim, ctx) : { status: 'failed' as const, evidence: [], reason: `the commands exited ${shell.exitCode}` };
      checked.push({ claim, ...result });
    }
    // On this engine, some results are known in advance (src/engines/expectations.ts).
    const judged = judge(snippetKey(snippet), engine, shell, checked);
    const claims = judged.claims;
    timing.checksMs = performance.now() - checking;
    return {
      version: snippet.version,
      id: snippet.id,
      registryHash: unit.registryHash,
      texts: unit.texts,
      ran: unit.ran,
      ranOwn: unit.ranOwn,
      requires: unit.requires.map((s) => s.id),
      rewrites: unit.rewrites,
      placeholders: unit.placeholders,
      exitCode: shell.exitCode,
      stderr: shell.stderr,
      durationMs: Math.round(shell.durationMs),
      status: judged.commandExpectation ? 'expected-failure' : snippetStatus(shell.exitCode, claims),
      ...(judged.commandExpectation ? { expectation: judged.commandExpectation } : {}),
      claims,
    };
  } finally {
    const cleaning = performance.now();
    await egress?.dispose();
    await scope.remove();
    timing.cleanupMs = performance.now() - cleaning;
  }
}

const SETTLE_MS = 30_000;

/**
 * Runs a unit as a reader does. With two terminals: the required snippets first, then,
 * once the containers they started are up (the app stand-in has started its sandbox and
 * written its status), the snippet's own commands, as root when the page says so.
 */
async function runTerminals(unit: Unit, harness: HarnessSession, reader: Reader) {
  if (unit.terminals.kind === 'one') return runTerminal(unit.terminals.text, reader, unit.asRoot);
  const first = await runTerminal(unit.terminals.first, reader, false);
  if (first.exitCode !== 0) return first;
  const deadline = Date.now() + SETTLE_MS;
  const { appImage, appPort } = VERSIONS[unit.snippet.version].profile;
  const nc = netcatIn(harness.probeImage, harness.probeLabelArgs());
  for (const name of unit.startedByRequires) {
    await eventually(async () => {
      const facts = await inspectOrUndefined(name);
      if (!facts?.State.Running) return false;
      const isAppStandIn = harness.images.some((i) => i.name === appImage && i.source === 'stand-in' && facts.Config.Image === i.reference);
      if (!isAppStandIn) return true;
      // The stand-in app answers GET /status once it has done what it does at start.
      return /^HTTP\/1\.[01] 200/.test((await httpFrom(nc, name, '127.0.0.1', appPort, 'GET /status HTTP/1.0\r\n\r\n')) ?? '');
    }, deadline);
  }
  const second = await runTerminal(unit.terminals.second, reader, unit.asRoot);
  return { ...second, stderr: [first.stderr, second.stderr].filter(Boolean).join('\n'), durationMs: first.durationMs + second.durationMs };
}

/** One terminal of a unit; one that creates a network waits for isolation probes and holds them off (run/network-quiet.ts). */
function runTerminal(text: string, reader: Reader, asRoot: boolean) {
  const run = () => runShell(text, reader, { asRoot });
  return /\bdocker\s+network\s+create\b/.test(text) ? whileCreatingNetworks(run) : run();
}

async function inspectOrUndefined(name: string): Promise<ContainerFacts | undefined> {
  const result = await dockerResult(['container', 'inspect', '--format', '{{json .}}', name], { reject: false });
  return result.exitCode === 0 ? (JSON.parse(result.stdout) as ContainerFacts) : undefined;
}

function liveContext(
  snippet: Snippet,
  harness: HarnessSession,
  scope: UnitScope,
  reader: Reader,
  names: ReadonlyMap<string, string>,
  hostPorts: ReadonlyMap<number, number>,
): ClaimContext {
  const profile = VERSIONS[snippet.version].profile;
  const nc = netcatIn(harness.probeImage, harness.probeLabelArgs());
  const neighbour = harness.lan;
  const isOurs = async (address: string) => (await harness.containerAddresses()).includes(address);
  const lan: LanProbe | undefined = neighbour && {
    hostAddress: neighbour.hostAddress,
    probe: (address, port) => neighbour.probe(address, port),
    probeRoutedLoopback: (port) => neighbour.probeRoutedLoopback(port),
    probeContainer: (address, port) => neighbour.probeContainer(address, port, isOurs),
  };
  const sessionSandboxes = async () => {
    if (!profile.sandboxPrefix) return [];
    const ids = (await docker(['ps', '-aq', ...scope.filterArgs(), '--filter', `name=${profile.sandboxPrefix}`])).split('\n').filter(Boolean);
    const all = await Promise.all(ids.map(inspectOrUndefined));
    return all.filter((s): s is ContainerFacts => s !== undefined);
  };
  const source = (name: ImageName) => harness.images.find((i) => i.name === name)?.source ?? 'stand-in';
  return {
    snippetId: snippetKey(snippet),
    version: snippet.version,
    profile,
    engineVersion: harness.engineVersion,
    engineKind: harness.engineKind,
    containerName: (name) => names.get(name) ?? name,
    networkName: (name) => names.get(name) ?? name,
    hostPort: (port) => hostPorts.get(port) ?? port,
    inspect: inspectOrUndefined,
    inspectNetwork: async (network) => {
      const result = await dockerResult(['network', 'inspect', '--format', '{{json .}}', network], { reject: false });
      return result.exitCode === 0 ? (JSON.parse(result.stdout) as { Driver: string; Internal: boolean }) : undefined;
    },
    exec: async (container, command) => {
      const result = await dockerResult(['exec', container, ...command], { reject: false, timeout: 20_000 });
      return result.exitCode === 0 ? result.stdout : undefined;
    },
    probeFrom: (container, address, port) => probeFrom(nc, container, address, port),
    httpFrom: (container, address, port, request) => httpFrom(nc, container, address, port, request),
    processes: async (container) => {
      const top = await dockerResult(['top', container, '-eo', 'pid,uid,args'], { reject: false });
      if (top.exitCode !== 0) {
        // Rootless Docker without cgroups cannot list them: read /proc (the engine shares the host's pid namespace).
        const pid = (await inspectOrUndefined(container))?.State.Pid;
        if (!pid) throw new Error(`\`docker top ${container}\` failed and it has no process: ${top.stderr.trim()}`);
        return processesFromProc(pid);
      }
      const out = top.stdout;
      return out
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(/\s+/))
        .filter((cols) => cols.length >= 3)
        .map((cols) => ({ uid: Number(cols[1]), args: cols.slice(2).join(' ') }));
    },
    probeLocal: (address, port) => probeLocal(address, port),
    routeFacts: (address) => routeFacts(address, harness.firewallComment),
    lan,
    sandboxesOf: async (container) => ((await inspectOrUndefined(container)) ? sessionSandboxes() : []),
    sessionSandboxes,
    logsOf: async (container) => {
      const result = await dockerResult(['logs', '--timestamps', container], { reject: false });
      return result.exitCode === 0 ? { stdout: result.stdout, stderr: result.stderr } : undefined;
    },
    imageId: async (reference) => {
      const result = await dockerResult(['image', 'inspect', '--format', '{{.Id}}', reference], { reject: false });
      return result.exitCode === 0 ? result.stdout.trim() : undefined;
    },
    startContainer: async (args) => {
      const name = scope.name(`ohg-check-${randomBytes(3).toString('hex')}`);
      await docker(['run', '-d', ...scope.labelArgs('probe'), '--name', name, ...args]);
      return name;
    },
    restartSandbox: async (id) => {
      const sandbox = (await sessionSandboxes()).find((facts) => facts.Name.replace(/^\//, '') === id || facts.Name === id);
      if (!sandbox) throw new Error(`${id} is not a sandbox container of this run; only those are restarted`);
      await docker(['restart', '-t', '2', id]);
    },
    removeContainer: async (id) => {
      await dockerResult(['rm', '-f', '-v', id], { reject: false });
    },
    sessionLabels: scope.labels('probe'),
    probeImage: harness.probeImage,
    digestSource: harness.digestSource,
    outsider: () => scope.outsider(),
    standInStatus: async (container) => {
      if (source(profile.appImage) !== 'stand-in') return undefined;
      const reply = await httpFrom(nc, container, '127.0.0.1', profile.appPort, 'GET /status HTTP/1.0\r\n\r\n');
      const body = reply?.split('\r\n\r\n')[1];
      try {
        return body ? (JSON.parse(body) as StandInStatus) : undefined;
      } catch {
        return undefined;
      }
    },
    imageSource: source,
    imageReference,
    reader: { uid: reader.uid, gid: reader.gid, workspace: reader.workspace, cwd: reader.root, existingFile: reader.existingFile },
    asReader: async (script, cwd) => {
      const result = await runShell(script, reader, { asRoot: false, cwd });
      return { exitCode: result.exitCode, stderr: result.stderr };
    },
    firewall: { present: () => harness.firewallRulePresent(), remove: () => harness.removeFirewallRule() },
  };
}

