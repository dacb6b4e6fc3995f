import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daemonVersion, docker, DockerCommandError, dockerResult, dockerSync, inspectContainer, parseEngineVersion } from '../../scripts/harness/docker';
import { ensureProbeImage } from '../../scripts/harness/images';
import { LABEL } from '../../scripts/harness/labels';
import { removeSessionResources } from '../../scripts/harness/cleanup';
import { Session } from '../../scripts/harness/session';

const SCRIPT = join(__dirname, '../../scripts/docker/ensure-daemon.sh');

function ensureDaemon(env: Record<string, string | undefined>, asUser?: number) {
  const command = asUser === undefined ? ['bash', SCRIPT] : ['setpriv', `--reuid=${asUser}`, `--regid=${asUser}`, '--clear-groups', 'bash', SCRIPT];
  const result = spawnSync(command[0]!, command.slice(1), { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

function dockerdPids(): string {
  return spawnSync('pgrep', ['-x', 'dockerd'], { encoding: 'utf8' }).stdout.trim();
}

describe('scripts/docker/ensure-daemon.sh', () => {
  it('uses a daemon that answers, prints its version, and leaves it running as it was', async () => {
    const before = dockerdPids();
    const { status, out } = ensureDaemon({});
    expect(status, out).toBe(0);
    expect(out).toContain(`Engine ${await daemonVersion()}`);
    expect(dockerdPids()).toBe(before);
  });

  it('is idempotent: a second run does the same and nothing more', () => {
    const first = ensureDaemon({});
    const second = ensureDaemon({});
    expect(second.status).toBe(0);
    expect(second.out).toBe(first.out);
    expect(second.out).not.toMatch(/installing|starting dockerd/);
  });

  it('does not start a local daemon in place of an unreachable DOCKER_HOST', () => {
    const before = dockerdPids();
    const { status, out } = ensureDaemon({ DOCKER_HOST: 'unix:///nonexistent/openhands-guide-test.sock' });
    expect(status).toBe(1);
    expect(out).toContain('DOCKER_HOST=unix:///nonexistent/openhands-guide-test.sock does not answer');
    expect(dockerdPids()).toBe(before);
  });

  it.runIf(process.getuid?.() === 0)('says what to install and start when it may not manage the daemon itself', () => {
    // nobody cannot open the root-owned socket, so for it no daemon answers, and it is not root.
    const { status, out } = ensureDaemon({}, 65534);
    expect(status).toBe(1);
    expect(out).toContain('no Docker daemon answers');
    expect(out).toContain('apt-get install docker.io busybox-static iproute2 iptables file');
  });
});

describe('scripts/harness/docker.ts', () => {
  const session = Session.create();
  let probe: string;

  beforeAll(async () => {
    probe = await ensureProbeImage();
  });

  afterAll(async () => {
    await removeSessionResources(session);
    expect(await docker(['ps', '-aq', '--filter', `label=${LABEL.session}=${session.id}`])).toBe('');
  });

  it('reports the Engine version', async () => {
    const version = await daemonVersion();
    expect(parseEngineVersion(version).major).toBeGreaterThanOrEqual(20);
  });

  it('throws errors that name the command and carry its stderr', async () => {
    const error = await docker(['container', 'inspect', `no-such-container-${session.suffix}`]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DockerCommandError);
    expect((error as Error).message).toContain(`\`docker container inspect no-such-container-${session.suffix}\``);
    expect((error as Error).message).toMatch(/No such container/i);
  });

  it('returns results instead of throwing when asked, also from the synchronous variant', async () => {
    const result = await dockerResult(['container', 'inspect', `no-such-container-${session.suffix}`]);
    expect(result.exitCode).toBe(1);
    expect(dockerSync(['container', 'inspect', `no-such-container-${session.suffix}`]).exitCode).toBe(1);
  });

  it('inspects the typed subset the claims read', async () => {
    const name = session.name('ohg-inspect');
    await docker([
      'container', 'create', '--name', name, ...session.labelArgs('test'),
      '--user', '1234:5678', '--cpus', '2', '--memory', '64m', '-e', 'FOO=bar',
      '--add-host', 'host.docker.internal:host-gateway', '-p', '127.0.0.1::3000', '-v', '/tmp:/host-tmp:ro',
      probe, 'true',
    ]);
    const facts = await inspectContainer(name);
    expect(facts.Name).toBe(`/${name}`);
    expect(facts.Config.User).toBe('1234:5678');
    expect(facts.Config.Env).toContain('FOO=bar');
    expect(facts.Config.Image).toBe(probe);
    expect(facts.Config.Labels?.[LABEL.session]).toBe(session.id);
    expect(facts.HostConfig.NanoCpus).toBe(2_000_000_000);
    expect(facts.HostConfig.Memory).toBe(64 * 1024 * 1024);
    expect(facts.HostConfig.ExtraHosts).toEqual(['host.docker.internal:host-gateway']);
    expect(facts.HostConfig.PortBindings?.['3000/tcp']?.[0]?.HostIp).toBe('127.0.0.1');
    expect(facts.HostConfig.Binds).toEqual(['/tmp:/host-tmp:ro']);
    expect(facts.HostConfig.NetworkMode).toBe('default');
    expect(facts.State.Status).toBe('created');
  });
});
