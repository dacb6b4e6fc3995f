import { afterAll, beforeAll, expect, it } from 'vitest';
import { getSnippet } from '../../src/snippets';
import { docker, dockerResult } from '../../scripts/harness/docker';
import { createReader, removeReader, runShell, type Reader } from '../../scripts/harness/run/reader';
import { HarnessSession } from '../../scripts/harness/run/session-resources';
import { prepareUnit } from '../../scripts/harness/verify';

/**
 * The hardened page followed in order (docs/hardened-installation.mdx): the socket proxy
 * section ends with a cleanup, after which the next section starts on a clean daemon. A
 * reader who skips the cleanup finds `openhands-network` still there and `openhands-app`
 * maybe still running; the page says what happens then (#network-isolation, and the
 * page's opening: stop each section's app first). Both paths, as a reader pastes them.
 */
let harness: HarnessSession;
let reader: Reader;

beforeAll(async () => {
  harness = await HarnessSession.open(['0.33']);
  reader = await createReader(harness.suffix);
}, 300_000);

afterAll(async () => {
  if (reader) await removeReader(reader);
  await harness?.close();
});

/** Polls until the container is gone; false when it still exists after the timeout. */
async function removedWithin(container: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await dockerResult(['container', 'inspect', container])).exitCode !== 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A section's own commands as the reader's terminal runs them after reading the page in
 * order: with the BRIDGE_GATEWAY the bridge-gateway section exported there (the commands
 * guard it with ${BRIDGE_GATEWAY:?...}), not in a new shell. The value is what that section
 * reads, host.docker.internal as a container sees it, read here in the harness's probe image
 * rather than in another container of the documented image, which other files hold.
 */
async function inReadersTerminal(ranOwn: string): Promise<string> {
  const hosts = await docker(['run', '--rm', ...harness.probeLabelArgs(), '--add-host', 'host.docker.internal:host-gateway', harness.probeImage, 'cat', '/etc/hosts']);
  const gateway = hosts.split('\n').find((line) => /\shost\.docker\.internal(\s|$)/.test(line))?.trim().split(/\s+/)[0];
  if (!gateway) throw new Error(`no host.docker.internal in a container's /etc/hosts:\n${hosts}`);
  return `export BRIDGE_GATEWAY=${gateway}\n\n${ranOwn}`;
}

const networkId = async (name: string) => (await dockerResult(['network', 'inspect', '--format', '{{.Id}}', name])).stdout;

it('after the socket proxy section and its cleanup, the network isolation section runs without an error', async () => {
  // One reader on one page: the sections share their names, as in the reader's terminal.
  const scope = harness.unit();
  const earlier = await prepareUnit(getSnippet('0.33', 'socket-proxy'), harness, reader, undefined, scope);
  expect((await runShell(earlier.unit.ran, reader, { asRoot: false })).exitCode, 'the socket proxy section runs').toBe(0);
  const cleanup = await prepareUnit(getSnippet('0.33', 'socket-proxy-cleanup'), harness, reader, undefined, scope);
  const cleaned = await runShell(cleanup.unit.ranOwn, reader, { asRoot: false });
  expect(cleaned.exitCode, `the cleanup runs\n${cleaned.stderr}`).toBe(0);
  const next = await prepareUnit(getSnippet('0.33', 'network-isolation'), harness, reader, undefined, scope);
  const rerun = await runShell(await inReadersTerminal(next.unit.ranOwn), reader, { asRoot: false });
  expect(rerun.exitCode, `network isolation after the cleanup\n${rerun.stderr}`).toBe(0);
  expect(rerun.stderr).not.toMatch(/already exists|already in use/);
  await scope.remove();
}, 120_000);

it('says what happens when the cleanup is skipped: openhands-network and openhands-app exist from an earlier section', async () => {
  const scope = harness.unit();
  const earlier = await prepareUnit(getSnippet('0.33', 'socket-proxy'), harness, reader, undefined, scope);
  expect((await runShell(earlier.unit.ran, reader, { asRoot: false })).exitCode, 'the socket proxy section runs').toBe(0);
  const network = earlier.names.get('openhands-network')!;
  const app = earlier.names.get('openhands-app')!;
  const before = await networkId(network);

  const next = await prepareUnit(getSnippet('0.33', 'network-isolation'), harness, reader, undefined, scope);
  // Still running: the second `docker run --name openhands-app` is refused, hence "stop the app first".
  const clash = await runShell(await inReadersTerminal(next.unit.ranOwn), reader, { asRoot: false, pasted: true });
  expect(clash.stderr).toMatch(/network with name .* already exists/);
  expect(clash.stderr).toMatch(/is already in use/);

  // Ctrl-C ends the app, and --rm removes its container; the network stays. The reader's
  // attached `docker run --rm` returns only once the daemon removed it (the CLI waits with
  // condition "removed": docker/cli v20.10.24 cli/command/container/utils.go waitExitOrRemoved);
  // `docker stop` from here returns at the stop, and the daemon's
  // auto-remove follows a moment later, so wait for it as the reader's terminal would.
  await docker(['stop', app]);
  expect(await removedWithin(app, 15_000), '--rm removed the stopped app').toBe(true);
  const rerun = await runShell(await inReadersTerminal(next.unit.ranOwn), reader, { asRoot: false, pasted: true });
  expect(rerun.stderr, '"answers that the network already exists"').toMatch(/network with name .* already exists/);
  expect(rerun.exitCode, `the app starts after that harmless error\n${rerun.stderr}`).toBe(0);
  expect(await networkId(network), 'the network is the same one').toBe(before);
  const attached = await docker(['container', 'inspect', '--format', '{{range $name, $_ := .NetworkSettings.Networks}}{{$name}}{{end}}', app]);
  expect(attached).toBe(network);
}, 120_000);
