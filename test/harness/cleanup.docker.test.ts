import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeSessionResources, sweepCrashedSessions } from '../../scripts/harness/cleanup';
import { docker, dockerResult } from '../../scripts/harness/docker';
import { ensureProbeImage } from '../../scripts/harness/images';
import { LABEL, labelArgs, labelFilterArgs, sessionLabels } from '../../scripts/harness/labels';
import { createLanNeighbour, lanNamespaceName } from '../../scripts/harness/lan';
import { readerFolderPrefix } from '../../scripts/harness/run/reader-folders';
import { firewallCommentFor, listSessionRecords, Session, sessionsDir, suffixOf, type SessionRecord } from '../../scripts/harness/session';

const ROOT = join(__dirname, '../..');
let probe: string;
/** Containers this test made without our labels; removed by id at the end. */
const unlabelled: string[] = [];

function sh(file: string, args: string[]): string {
  return spawnSync(file, args, { encoding: 'utf8' }).stdout;
}

async function containerIds(sessionId: string): Promise<string> {
  return docker(['ps', '-aq', ...labelFilterArgs(LABEL.session, sessionId)]);
}

async function exists(nameOrId: string): Promise<boolean> {
  return (await dockerResult(['container', 'inspect', '--format', '{{.Id}}', nameOrId])).exitCode === 0;
}

/** A harmless iptables rule with a session's comment: it matches only a source address on a veth of ours. */
function addMarkedRule(comment: string, hostInterface: string): void {
  const args = ['-w', '-t', 'raw', '-A', 'PREROUTING', '-i', hostInterface, '-s', '192.0.2.254/32', '-m', 'comment', '--comment', comment, '-j', 'RETURN'];
  expect(spawnSync('iptables', args).status).toBe(0);
}

async function assertNothingLeft(id: string): Promise<void> {
  expect(await containerIds(id)).toBe('');
  expect(await docker(['network', 'ls', '-q', ...labelFilterArgs(LABEL.session, id)])).toBe('');
  expect(sh('ip', ['netns', 'list'])).not.toContain(lanNamespaceName(suffixOf(id)));
  expect(sh('iptables', ['-w', '-t', 'raw', '-S'])).not.toContain(firewallCommentFor(id));
  expect(listSessionRecords().map((r) => r.id)).not.toContain(id);
}

function newId(): string {
  return randomBytes(16).toString('hex');
}

/** A pid that was alive a moment ago and is not now. */
function deadPid(): number {
  const child = spawnSync('true');
  return child.pid ?? 999_999;
}

beforeAll(async () => {
  probe = await ensureProbeImage();
}, 120_000);

afterAll(async () => {
  for (const id of unlabelled) await dockerResult(['rm', '-f', id]);
});

describe('removeSessionResources', () => {
  it('removes the session\'s containers, the runtime its app created, networks, namespace and rules, and nothing else', async () => {
    const session = Session.create();
    const app = session.name('openhands-app');
    const network = session.name('openhands-network');
    await docker(['network', 'create', ...session.labelArgs('snippet'), network]);
    await docker(['run', '-d', '--name', app, ...session.labelArgs('snippet'), '--network', network, probe, 'sleep', '600']);
    // What the app stand-in creates when it cannot copy our labels: named after the app's host name, unlabelled.
    const appHost = await docker(['inspect', '--format', '{{.Config.Hostname}}', app]);
    const runtime = await docker(['create', '--name', `openhands-runtime-${appHost}`, probe, 'true']);
    // A reader's own containers with documented names: not ours.
    let readersApp = '';
    if (!(await exists('openhands-app'))) {
      readersApp = await docker(['create', '--name', 'openhands-app', probe, 'true']);
      unlabelled.push(readersApp);
    }
    const foreignRuntime = await docker(['create', '--name', `openhands-runtime-not-ours-${session.suffix}`, probe, 'true']);
    unlabelled.push(foreignRuntime);
    const lan = await createLanNeighbour(session);
    addMarkedRule(session.firewallComment, lan.hostInterface);

    const report = await removeSessionResources(session);

    expect(report.errors).toEqual([]);
    expect(report.containers.length).toBeGreaterThanOrEqual(2);
    expect(report.networks).toHaveLength(1);
    expect(report.namespaces).toEqual([session.lanNamespace]);
    expect(report.firewallRules).toBe(1);
    expect(await exists(runtime)).toBe(false);
    await assertNothingLeft(session.id);
    expect(await exists('openhands-app')).toBe(true);
    if (readersApp) expect(await docker(['inspect', '--format', '{{.Id}}', 'openhands-app'])).toBe(readersApp);
    expect(await exists(foreignRuntime)).toBe(true);
  });
});

describe('sweepCrashedSessions', () => {
  it('removes what crashed runs left on this host, and never a live run\'s, another host\'s or unlabelled objects', async () => {
    const live = Session.create();
    // A crashed run that had recorded itself.
    const crashedId = newId();
    const crashed: SessionRecord = { id: crashedId, suffix: suffixOf(crashedId), pid: deadPid(), host: hostname(), processStart: null };
    mkdirSync(sessionsDir(), { recursive: true });
    writeFileSync(join(sessionsDir(), `${crashed.id}.json`), JSON.stringify(crashed));
    // A crashed run known only from its labels.
    const labelledOnly = { id: newId(), pid: deadPid(), host: hostname() };
    // A run on another host sharing this daemon: its pid means nothing here.
    const elsewhere = { id: newId(), pid: deadPid(), host: `not-${hostname()}` };

    for (const [identity, role] of [[crashed, 'snippet'], [labelledOnly, 'snippet'], [elsewhere, 'snippet'], [live, 'snippet']] as const) {
      await docker(['create', ...labelArgs(sessionLabels(identity, role)), probe, 'true']);
    }
    await docker(['network', 'create', ...labelArgs(sessionLabels(crashed, 'snippet')), `openhands-network-${crashed.suffix}`]);
    const crashedLan = await createLanNeighbour(crashed);
    addMarkedRule(firewallCommentFor(crashed.id), crashedLan.hostInterface);
    const liveLan = await createLanNeighbour(live);
    addMarkedRule(live.firewallComment, liveLan.hostInterface);
    const users = await docker(['create', probe, 'true']);
    unlabelled.push(users);
    // Reader folders (HOME, workspace) of a killed run, and of the live one.
    const crashedFolder = mkdtempSync(readerFolderPrefix(crashed.suffix));
    const liveFolder = mkdtempSync(readerFolderPrefix(live.suffix));
    // The context folder of an image build that was killed, and of one that is running.
    const killedBuild = mkdtempSync(join(tmpdir(), `ohg-build-${deadPid()}-probe-`));
    const runningBuild = mkdtempSync(join(tmpdir(), `ohg-build-${process.pid}-probe-`));

    await sweepCrashedSessions();

    expect(existsSync(crashedFolder)).toBe(false);
    expect(existsSync(liveFolder)).toBe(true);
    expect(existsSync(killedBuild)).toBe(false);
    expect(existsSync(runningBuild)).toBe(true);
    rmSync(runningBuild, { recursive: true });

    await assertNothingLeft(crashed.id);
    await assertNothingLeft(labelledOnly.id);
    expect(await containerIds(elsewhere.id)).not.toBe('');
    expect(await containerIds(live.id)).not.toBe('');
    expect(sh('ip', ['netns', 'list'])).toContain(live.lanNamespace);
    expect(sh('iptables', ['-w', '-t', 'raw', '-S'])).toContain(live.firewallComment);
    expect(listSessionRecords().map((r) => r.id)).toContain(live.id);
    expect(await exists(users)).toBe(true);

    await removeSessionResources(live);
    await removeSessionResources(elsewhere);
    expect(existsSync(liveFolder)).toBe(false);
    await assertNothingLeft(live.id);
    await assertNothingLeft(elsewhere.id);
  });
});

/** vite-node runs the TypeScript child in its own process, as `npx vite-node` would, and leaves nothing in the temp directory. */
const VITE_NODE = join(ROOT, 'node_modules/vite-node/vite-node.mjs');

describe('registerCleanup', () => {
  // Made in a hook, not while vitest collects: a suite whose parent hook failed (no daemon)
  // runs neither its hooks nor its tests, and a folder made at collection would stay behind.
  let dir = '';
  let child = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ohg-cleanup-child-'));
    child = join(dir, 'child.ts');
    writeFileSync(
    child,
    `import { registerCleanup } from ${JSON.stringify(join(ROOT, 'scripts/harness/cleanup'))};
import { docker } from ${JSON.stringify(join(ROOT, 'scripts/harness/docker'))};
import { Session } from ${JSON.stringify(join(ROOT, 'scripts/harness/session'))};
const [probe, ending] = process.argv.slice(2) as [string, string];
const session = Session.create();
registerCleanup(session);
docker(['container', 'create', '--name', session.name('ohg-cleanup-child'), ...session.labelArgs('test'), probe, 'true']).then(() => {
  process.stdout.write(JSON.stringify({ id: session.id }) + '\\n');
  if (ending === 'crash') setTimeout(() => { throw new Error('deliberate crash'); }, 10);
  else setInterval(() => {}, 1000);
});
`,
    );
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the child until it reports its session; returns the session id and the child's exit. */
  function runChild(ending: 'signal' | 'crash'): Promise<{ id: string; code: number | null }> {
    return new Promise((resolve, reject) => {
      const proc = spawn(process.execPath, [VITE_NODE, child, probe, ending], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      let id = '';
      proc.stderr.on('data', (chunk) => (err += chunk));
      proc.stdout.on('data', (chunk) => {
        out += chunk;
        const line = out.split('\n')[0];
        if (!id && out.includes('\n') && line) {
          id = (JSON.parse(line) as { id: string }).id;
          if (ending === 'signal') proc.kill('SIGINT');
        }
      });
      proc.on('error', reject);
      proc.on('close', (code) => (id ? resolve({ id, code }) : reject(new Error(`child ended without a session (exit ${code}): ${err}`))));
    });
  }

  it('cleans up on Ctrl-C (SIGINT) and exits 130', async () => {
    const { id, code } = await runChild('signal');
    expect(code).toBe(130);
    await assertNothingLeft(id);
  }, 60_000);

  it('cleans up when the process dies of an uncaught error', async () => {
    const { id, code } = await runChild('crash');
    expect(code).not.toBe(0);
    await assertNothingLeft(id);
  }, 60_000);
});
