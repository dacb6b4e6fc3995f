import { afterAll, beforeAll, expect, it } from 'vitest';
import { getSnippet } from '../../src/snippets';
import { docker, dockerResult } from '../../scripts/harness/docker';
import { createReader, removeReader, runShell, type Reader } from '../../scripts/harness/run/reader';
import { HarnessSession } from '../../scripts/harness/run/session-resources';
import { prepareUnit } from '../../scripts/harness/verify';

/**
 * The hardened page's note on following it in order (docs/hardened-installation.mdx,
 * #network-isolation): after the socket proxy section, `openhands-network` exists and
 * `openhands-app` may still run. Run the network isolation section on top of that, as a
 * reader pastes it, and hold the note to what happens.
 */
let harness: HarnessSession;
let reader: Reader;

beforeAll(async () => {
  harness = await HarnessSession.open();
  reader = await createReader(harness.suffix);
}, 300_000);

afterAll(async () => {
  if (reader) await removeReader(reader);
  await harness?.close();
});

const networkId = async (name: string) => (await dockerResult(['network', 'inspect', '--format', '{{.Id}}', name])).stdout;

it('says what happens when openhands-network and openhands-app exist from an earlier section', async () => {
  const earlier = await prepareUnit(getSnippet('socket-proxy'), harness, reader);
  expect((await runShell(earlier.unit.ran, reader, { asRoot: false })).exitCode, 'the socket proxy section runs').toBe(0);
  const network = earlier.names.get('openhands-network')!;
  const app = earlier.names.get('openhands-app')!;
  const before = await networkId(network);

  const next = await prepareUnit(getSnippet('network-isolation'), harness, reader);
  // Still running: the second `docker run --name openhands-app` is refused, hence "stop the app first".
  const clash = await runShell(next.unit.ranOwn, reader, { asRoot: false, pasted: true });
  expect(clash.stderr).toMatch(/network with name .* already exists/);
  expect(clash.stderr).toMatch(/is already in use/);

  // Ctrl-C ends the app, and --rm removes its container; the network stays.
  await docker(['stop', app]);
  expect((await dockerResult(['container', 'inspect', app])).exitCode, '--rm removed the stopped app').not.toBe(0);
  const rerun = await runShell(next.unit.ranOwn, reader, { asRoot: false, pasted: true });
  expect(rerun.stderr, '"answers that the network already exists"').toMatch(/network with name .* already exists/);
  expect(rerun.exitCode, `the app starts after that harmless error\n${rerun.stderr}`).toBe(0);
  expect(await networkId(network), 'the network is the same one').toBe(before);
  const attached = await docker(['container', 'inspect', '--format', '{{range $name, $_ := .NetworkSettings.Networks}}{{$name}}{{end}}', app]);
  expect(attached).toBe(network);
}, 120_000);
