/**
 * The matrix on the host's daemon: Ctrl-C leaves nothing of it behind, two runs at once do not
 * disturb each other, and a container of the user's stays untouched. Run by
 * `npm run test:engines` after the matrix (it needs debootstrap and the engine images).
 */
import { execa, type ResultPromise } from 'execa';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { docker, dockerResult } from '../../scripts/harness/docker';
import { LABEL } from '../../scripts/harness/labels';

const ROOT = resolve(__dirname, '..', '..');
const BYSTANDER = `ohg-bystander-${process.pid}`;

const engineContainers = async () =>
  (await docker(['ps', '-a', '--format', '{{.Names}} {{.Label "org.openhands-guide.session"}}', '--filter', `label=${LABEL.role}=engine`])).split('\n').filter(Boolean);
/**
 * The interrupted run's own temp folder (TMPDIR): what it leaves there is its own, while the
 * system's /tmp also holds what other programs write meanwhile, which must not fail this test.
 */
const runTemp = mkdtempSync(join(tmpdir(), `ohg-test-tmp-${process.pid}-`));
// Like /tmp: the harness's reader (another uid) makes its folders in it too.
chmodSync(runTemp, 0o1777);
const engineFolders = (dir: string) => readdirSync(dir).filter((entry) => /^ohg-[0-9a-f]{6}-engine-/.test(entry));
/** The engines' namespace anchors (scripts/engines/start.sh): they must go with their engine. */
const anchors = async () => (await execa('pgrep', ['-x', '-f', 'sleep infinity'], { reject: false })).stdout.split('\n').filter(Boolean);
const namespaces = async () => (await execa('ip', ['netns', 'list'], { reject: false })).stdout.split('\n').filter((l) => l.startsWith('ohg-'));

function matrix(engines: string, reports: string, snippets: string, temp?: string): ResultPromise {
  return execa(join(ROOT, 'node_modules/.bin/vite-node'), ['scripts/engines/matrix.ts', `--engines=${engines}`, `--reports=${reports}`], {
    cwd: ROOT,
    reject: false,
    detached: true,
    all: true,
    env: { OPENHANDS_GUIDE_SNIPPETS: snippets, ...(temp ? { TMPDIR: temp } : {}) },
  });
}

beforeAll(async () => {
  // Someone's own container on the same daemon, with no label of ours.
  const image = (await docker(['images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', 'reference=openhands-guide/probe'])).split('\n')[0]!;
  await docker(['create', '--name', BYSTANDER, image, 'true']);
}, 60_000);

afterAll(async () => {
  await dockerResult(['rm', '-f', BYSTANDER], { reject: false });
  for (const dir of readdirSync(tmpdir()).filter((d) => d.startsWith('ohg-test-') && d.endsWith(`-${process.pid}`))) rmSync(join(tmpdir(), dir), { recursive: true, force: true });
  rmSync(runTemp, { recursive: true, force: true });
});

it('Ctrl-C during a matrix run leaves no engine, folder or namespace, and the user\'s container is untouched', async () => {
  const before = { folders: engineFolders(tmpdir()), namespaces: await namespaces(), anchors: await anchors() };
  const reports = join(tmpdir(), `ohg-test-reports-${process.pid}`);
  // Every Agent Canvas snippet: long enough to be interrupted in the middle.
  const run = matrix('docker28', reports, 'canvas', runTemp);
  // Wait until its engine runs and the harness inside has started, then interrupt the whole group.
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !(await engineContainers()).some(Boolean)) await new Promise((r) => setTimeout(r, 500));
  expect((await engineContainers()).length, 'an engine container started').toBeGreaterThan(0);
  await new Promise((r) => setTimeout(r, 3_000));
  process.kill(-run.pid!, 'SIGINT');
  const result = await run;
  expect(result.exitCode, String(result.all ?? '').slice(-2000)).not.toBe(0);
  expect(await engineContainers(), 'engine containers after Ctrl-C').toEqual([]);
  expect(engineFolders(tmpdir()).filter((f) => !before.folders.includes(f)), 'engine folders in the system temp folder after Ctrl-C').toEqual([]);
  expect((await namespaces()).filter((n) => !before.namespaces.includes(n)), 'network namespaces after Ctrl-C').toEqual([]);
  expect((await anchors()).filter((pid) => !before.anchors.includes(pid)), 'engine namespace anchors still running after Ctrl-C').toEqual([]);
  // Nothing left in the run's own temp folder: no engine folder, no module cache of an
  // interrupted vitest (seen once), nothing else.
  expect(readdirSync(runTemp), 'entries the interrupted run left in its temp folder').toEqual([]);
  expect((await dockerResult(['container', 'inspect', BYSTANDER], { reject: false })).exitCode, 'the user\'s container is still there').toBe(0);
  expect(existsSync(join(reports, 'docker28.json'))).toBe(false);
}, 300_000);

it('two matrix runs at once each finish with their own engine and report', async () => {
  // One snippet each is enough to show both engines started, ran and went away.
  const [a, b] = await Promise.all([
    matrix('docker28', join(tmpdir(), `ohg-test-a-${process.pid}`), 'canvas/network-binding'),
    matrix('docker28', join(tmpdir(), `ohg-test-b-${process.pid}`), 'canvas/network-binding'),
  ]);
  for (const [name, run] of [['first', a], ['second', b]] as const) {
    expect(run.exitCode, `${name} run:\n${String(run.all ?? '').slice(-3000)}`).toBe(0);
    expect(String(run.all ?? '')).toMatch(/engine docker28: docker 28\.[\d.]+\S*: \d+ snippets/);
  }
  expect(await engineContainers(), 'engine containers after both runs').toEqual([]);
  expect((await dockerResult(['container', 'inspect', BYSTANDER], { reject: false })).exitCode).toBe(0);
}, 900_000);
