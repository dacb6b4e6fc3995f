import { describe, expect, it } from 'vitest';
import { parseSnippet, type ParsedCommand, type ParsedDockerRun } from '../../../scripts/harness/parse';
import { parseError, positionOf, withoutPositions } from './helpers';

const parse = async (text: string): Promise<ParsedCommand> => (await parseSnippet({ id: 't' }, text)).commands[0]!;

async function run(text: string): Promise<ParsedDockerRun> {
  const command = await parse(text);
  if (command.kind !== 'docker-run') throw new Error(`expected docker run, got ${command.kind}`);
  return command;
}

/** What a docker run means, without words and positions. */
const meaning = (parsed: ParsedDockerRun) => ({
  interactive: parsed.interactive,
  tty: parsed.tty,
  detach: parsed.detach,
  remove: parsed.remove,
  pull: parsed.pull?.value,
  env: parsed.env.map((e) => [e.name, e.value.literal ?? e.value.raw]),
  mounts: parsed.mounts.map((m) => [m.source.literal ?? m.source.raw, m.target.value, m.mode?.value]),
  publishes: parsed.publishes.map((p) => [p.hostIp, p.hostPort, p.containerPort, p.protocol]),
  cpus: parsed.cpus?.value,
  memory: parsed.memoryBytes?.value,
  name: parsed.name?.value,
  network: parsed.network?.value,
  image: parsed.image.raw,
  args: parsed.args.map((a) => a.raw),
});

describe('docker run', () => {
  it('reads --flag value, --flag=value, -f value, -fvalue and -f=value alike', async () => {
    const spaced = await run('docker run --env A=1 --volume /a:/b --publish 1:2 --cpus 1.5 --memory 1g --name n1 --network net1 img');
    const joined = await run('docker run --env=A=1 --volume=/a:/b --publish=1:2 --cpus=1.5 --memory=1g --name=n1 --net=net1 img');
    const short = await run('docker run -e A=1 -v/a:/b -p=1:2 --cpus=1.5 -m 1g --name n1 --network=net1 img');
    expect(meaning(joined)).toEqual(meaning(spaced));
    expect(meaning(short)).toEqual(meaning(spaced));
    expect(meaning(spaced)).toMatchObject({ env: [['A', '1']], cpus: 1.5, memory: 1024 ** 3, publishes: [[undefined, 1, 2, 'tcp']] });
  });

  it('reads boolean clusters and explicit booleans', async () => {
    expect(meaning(await run('docker run -itd img'))).toMatchObject({ interactive: true, tty: true, detach: true });
    expect(meaning(await run('docker run --rm=false -d=false img'))).toMatchObject({ remove: false, detach: false });
    expect(meaning(await run('docker run -i=true img'))).toMatchObject({ interactive: true });
    expect(await parseError(() => run('docker run -d=yes img'))).toMatchObject({ ruleId: 'invalid-value', column: 15 });
    const withValue = await run('docker run -dePOST=1 img');
    expect(meaning(withValue)).toMatchObject({ detach: true, env: [['POST', '1']] });
    expect(withValue.flags.map((f) => [f.written, f.words.map((w) => w.raw)])).toEqual([
      ['-d', ['-dePOST=1']],
      ['-e', ['-dePOST=1']],
    ]);
  });

  it('stops at the image: later words are the command, even when they look like flags', async () => {
    const parsed = await run('docker run --rm img sh -c --name');
    expect(meaning(parsed)).toMatchObject({ image: 'img', args: ['sh', '-c', '--name'], name: undefined });
    expect(meaning(await run('docker run --rm -- img -x'))).toMatchObject({ image: 'img', args: ['-x'] });
  });

  it('keeps expansions in values visible, with the sub-word’s place', async () => {
    const text = 'docker run -e SANDBOX_USER_ID=$(id -u) -v "$WORKSPACE_BASE":/opt/workspace_base:ro -v ~/.s:/.s img';
    const parsed = await run(text);
    const [env] = parsed.env;
    expect(env!.name).toBe('SANDBOX_USER_ID');
    expect(withoutPositions(env!.value.parts)).toEqual([{ kind: 'command', command: 'id -u' }]);
    expect(text.slice(env!.value.offset, env!.value.end)).toBe('$(id -u)');
    const [workspace, state] = parsed.mounts;
    expect(withoutPositions(workspace!.source.parts)).toEqual([
      { kind: 'double-quoted', parts: [{ kind: 'parameter', name: 'WORKSPACE_BASE', braced: false }] },
    ]);
    expect(workspace!.target.value).toBe('/opt/workspace_base');
    expect(workspace!.mode?.value).toBe('ro');
    expect(text.slice(workspace!.mode!.word.offset, workspace!.mode!.word.end)).toBe('ro');
    expect(state!.source.parts.map((p) => p.kind)).toEqual(['tilde', 'literal']);
  });

  it('splits a quoted NAME=VALUE the way Docker sees it after quote removal', async () => {
    const parsed = await run(`docker run -e 'A=b c' -v "/x y":/z img`);
    expect(parsed.env[0]!.name).toBe('A');
    expect(parsed.env[0]!.value.literal).toBe('b c');
    expect(parsed.mounts[0]!.source.literal).toBe('/x y');
  });

  it('reads the remaining flags the guide may use', async () => {
    const parsed = await run(
      `docker run -p '[::1]:8080:80/udp' --add-host h.example:10.0.0.1 --pids-limit 100 --security-opt no-new-privileges --label a=b -l c --user "$(id -u):$(id -g)" --pull missing img`,
    );
    expect(parsed.publishes.map((p) => [p.hostIp, p.hostPort, p.containerPort, p.protocol])).toEqual([['::1', 8080, 80, 'udp']]);
    expect(parsed.addHosts.map((h) => [h.name, h.address])).toEqual([['h.example', '10.0.0.1']]);
    expect(parsed.pidsLimit?.value).toBe(100);
    expect(parsed.securityOpts.map((o) => o.value)).toEqual(['no-new-privileges']);
    expect(parsed.labels.map((l) => l.value)).toEqual(['a=b', 'c']);
    expect(parsed.user?.raw).toBe('"$(id -u):$(id -g)"');
    expect(parsed.pull?.value).toBe('missing');
  });

  it('requires literal values where Docker must know them before the run', async () => {
    const text = 'docker run --cpus "$CPUS" img';
    const error = await parseError(() => parse(text));
    expect(error).toMatchObject({ snippetId: 't', ruleId: 'invalid-value', ...positionOf(text, '"$CPUS"') });
  });

  it('rejects an unknown long flag even with a value', async () => {
    const error = await parseError(() => parse('docker run --privileged img'));
    expect(error).toMatchObject({ ruleId: 'unknown-flag', line: 1, column: 12 });
  });
});

describe('docker network create', () => {
  it('reads flags before and after the name', async () => {
    const parsed = await parse('docker network create --driver bridge openhands-network --internal --label a=b');
    expect(parsed).toMatchObject({ kind: 'docker-network-create', name: { value: 'openhands-network' }, driver: { value: 'bridge' }, internal: true });
    if (parsed.kind !== 'docker-network-create') throw new Error('kind');
    expect(parsed.labels.map((l) => l.value)).toEqual(['a=b']);
  });

  it('rejects a missing name, a second name and an unknown flag', async () => {
    expect(await parseError(() => parse('docker network create'))).toMatchObject({ ruleId: 'missing-argument' });
    expect(await parseError(() => parse('docker network create a b'))).toMatchObject({ ruleId: 'unexpected-argument', column: 25 });
    expect(await parseError(() => parse('docker network create --subnet 10.0.0.0/8 a'))).toMatchObject({ ruleId: 'unknown-flag' });
  });
});

describe('export', () => {
  it('reads NAME=VALUE and a tilde right after =', async () => {
    const parsed = await parse('export WORKSPACE_BASE=~/code');
    if (parsed.kind !== 'export') throw new Error('kind');
    expect(parsed.name.value).toBe('WORKSPACE_BASE');
    expect(withoutPositions(parsed.value.parts)).toEqual([
      { kind: 'tilde', user: '' },
      { kind: 'literal', raw: '/code', value: '/code' },
    ]);
  });

  it('rejects export without a value or with two assignments', async () => {
    expect(await parseError(() => parse('export A'))).toMatchObject({ ruleId: 'invalid-value' });
    expect(await parseError(() => parse('export A=1 B=2'))).toMatchObject({ ruleId: 'unexpected-argument', column: 12 });
  });
});

describe('iptables', () => {
  it('reads the guide’s rule and a comment match', async () => {
    const parsed = await parse('iptables -t raw -I PREROUTING ! -i lo -d 127.0.0.0/8 -m comment --comment h-1 -j DROP');
    expect(parsed).toMatchObject({
      kind: 'iptables',
      table: { value: 'raw' },
      action: { value: 'insert' },
      chain: { value: 'PREROUTING' },
      inInterface: { value: 'lo', negated: true },
      destination: { value: '127.0.0.0/8', negated: false },
      comment: { value: 'h-1' },
      jump: { value: 'DROP' },
    });
  });

  it.each([
    ['iptables -t raw -j DROP', 'missing-argument'],
    ['iptables -I INPUT --comment x -j DROP', 'invalid-value'],
    ['iptables -I INPUT ! -j DROP', 'invalid-value'],
    ['iptables -I INPUT -d 300.0.0.0/8 -j DROP', 'invalid-value'],
    ['iptables -t nope -I INPUT -j DROP', 'invalid-value'],
    ['iptables -I INPUT -p tcp -j DROP', 'unknown-flag'],
    ['iptables -I INPUT -j', 'missing-value'],
    ['iptables -I INPUT -A OUTPUT', 'unexpected-argument'],
  ])('rejects %s', async (text, ruleId) => {
    expect(await parseError(() => parse(text))).toMatchObject({ snippetId: 't', ruleId });
  });
});
