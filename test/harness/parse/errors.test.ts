import { describe, expect, it } from 'vitest';
import { getSnippet } from '../../../src/snippets';
import { checkSnippetText, compareWithRegistry, parseSnippet, type RuleId } from '../../../scripts/harness/parse';
import { parseError, positionOf, render, renderId } from './helpers';

const snippet = getSnippet('0.33', 'resource-limits');
const text = renderId('resource-limits');

/** Parses `edited` as the resource-limits snippet and checks the error it must raise. */
async function expectError(edited: string, ruleId: RuleId, at: { line: number; column: number }, reason: RegExp) {
  const error = await parseError(() => parseSnippet(snippet, edited));
  expect(error.snippetId).toBe('resource-limits');
  expect(error.ruleId).toBe(ruleId);
  expect({ line: error.line, column: error.column }).toEqual(at);
  expect(error.reason).toMatch(reason);
  expect(error.message).toBe(`snippet resource-limits:${at.line}:${at.column}: ${error.reason} [${ruleId}]`);
  // checkSnippetText reports the same problem instead of throwing.
  const problems = await checkSnippetText(snippet, edited);
  expect(problems.map((p) => [p.ruleId, p.line, p.column, p.snippetId])).toEqual([[ruleId, at.line, at.column, 'resource-limits']]);
  return error;
}

describe('docker run grammar errors', () => {
  it('rejects an unknown flag and suggests the real one', async () => {
    const edited = text.replace('--cpus=2', '--cpu=2');
    const error = await expectError(edited, 'unknown-flag', positionOf(edited, '--cpu=2'), /^Unexpected flag `--cpu`, expected a docker run flag/);
    expect(error.reason).toContain('did you mean `--cpus`?');
  });

  it('rejects an unknown short flag inside a cluster at its own column', async () => {
    const edited = text.replace('-it ', '-iX ');
    const at = positionOf(edited, '-iX');
    await expectError(edited, 'unknown-flag', { line: at.line, column: at.column + 2 }, /^Unexpected flag `-X`/);
  });

  it('rejects a flag without its value at the end of the command', async () => {
    const edited = 'docker run --rm --name';
    await expectError(edited, 'missing-value', { line: 1, column: 17 }, /^Unexpected end of command, expected a value for `--name`/);
  });

  it('rejects a run without an image', async () => {
    await expectError('docker run --rm -d', 'missing-argument', { line: 1, column: 17 }, /expected an image/);
  });

  it('rejects a publish without a container port', async () => {
    const edited = text.replace('127.0.0.1:3000:3000', '127.0.0.1:3000');
    await expectError(edited, 'invalid-value', positionOf(edited, '127.0.0.1:3000'), /^Unexpected `127\.0\.0\.1:3000`, expected \[IP:\]HOSTPORT:CONTAINERPORT/);
  });

  it.each([
    ['127.0.0.1:70000:3000', /host port 1-65535/],
    ['127.0.0.1:3000:0', /container port 1-65535/],
    ['127.0.0.256:3000:3000', /IPv4 address/],
    ['::1:3000:3000', /Unexpected/],
    ['127.0.0.1:3000:3000/sctp', /protocol tcp or udp/],
  ])('rejects the publish %s', async (value, reason) => {
    const edited = text.replace('127.0.0.1:3000:3000', value);
    await expectError(edited, 'invalid-value', positionOf(edited, value), reason);
  });

  it('rejects a memory size with an unknown unit, at the value', async () => {
    const edited = text.replace('--memory=4g', '--memory=4x');
    const at = positionOf(edited, '4x');
    await expectError(edited, 'invalid-value', at, /^Unexpected `4x`, expected a memory size for --memory: a number with unit b, k, m or g/);
  });

  it('rejects a memory size below Docker’s 6m minimum', async () => {
    const edited = text.replace('--memory=4g', '--memory 5m');
    await expectError(edited, 'invalid-value', positionOf(edited, '5m'), /expected at least 6m/);
  });

  it.each(['-1', '0', '1.2.3', 'two'])('rejects --cpus=%s', async (value) => {
    const edited = text.replace('--cpus=2', `--cpus=${value}`);
    const flag = positionOf(edited, `--cpus=${value}`);
    await expectError(edited, 'invalid-value', { line: flag.line, column: flag.column + 7 }, /expected a positive decimal number of CPUs/);
  });

  it('rejects a container name Docker would refuse', async () => {
    const edited = text.replace('--name openhands-app', '--name -app');
    await expectError(edited, 'invalid-value', positionOf(edited, '-app'), /expected a container name matching/);
  });

  it('rejects a mount without a target and a relative target', async () => {
    const noTarget = text.replace('/var/run/docker.sock:/var/run/docker.sock', '/var/run/docker.sock');
    await expectError(noTarget, 'invalid-value', positionOf(noTarget, '/var/run/docker.sock'), /expected SOURCE:TARGET\[:ro\|rw\]/);
    const relative = text.replace('/var/run/docker.sock:/var/run/docker.sock', '/var/run/docker.sock:docker.sock');
    await expectError(relative, 'invalid-value', positionOf(relative, 'docker.sock \\'), /expected an absolute container path/);
    const mode = text.replace('/var/run/docker.sock:/var/run/docker.sock', '/var/run/docker.sock:/s:rx');
    await expectError(mode, 'invalid-value', positionOf(mode, 'rx'), /expected ro or rw/);
  });

  it('rejects an env entry without =', async () => {
    const edited = text.replace('LOG_ALL_EVENTS=true', 'LOG_ALL_EVENTS');
    await expectError(edited, 'invalid-value', positionOf(edited, 'LOG_ALL_EVENTS'), /expected NAME=VALUE for --env/);
  });

  it('rejects an --add-host address that is neither an IP nor host-gateway', async () => {
    const edited = text.replace('host.docker.internal:host-gateway', 'host.docker.internal:gateway');
    await expectError(edited, 'invalid-value', positionOf(edited, 'host.docker.internal:gateway'), /expected an IP address or host-gateway/);
  });

  it('rejects a --pull policy Docker does not know', async () => {
    const edited = text.replace('--pull=always', '--pull=sometimes');
    await expectError(edited, 'invalid-value', positionOf(edited, 'sometimes'), /expected always, missing or never/);
  });

  it('rejects a command other than docker, export and iptables', async () => {
    await expectError(`sudo ${text}`, 'unknown-command', { line: 1, column: 1 }, /^Unexpected command `sudo`, expected docker, export, iptables, setfacl, mkdir or printf/);
    await expectError('docker ps', 'unknown-command', { line: 1, column: 8 }, /expected `docker run`, `docker build`, `docker exec`, `docker rm`, `docker logs`, `docker network create`, `docker network connect` or `docker network rm`/);
  });
});

describe('shell errors', () => {
  it('rejects a pipeline at the pipe', async () => {
    const edited = `${text} | tee log`;
    await expectError(edited, 'shell-unsupported', positionOf(edited, '|'), /^Unexpected `\|`, expected simple commands, one per line/);
  });

  it.each([
    ['&&', 'docker network create a && docker network create b', '&&'],
    ['a redirect after a command other than docker logs', 'docker network create a > /tmp/out', '>'],
    ['a redirect of stdin', 'docker logs a < /tmp/in', '<'],
    ['a redirect that appends', 'docker logs a >> /tmp/out', '>>'],
    ['stderr to a file of its own', 'docker logs a > /tmp/out 2> /tmp/err', '2>'],
    ['a semicolon', 'docker network create a; docker network create b', ';'],
    ['a background job', 'docker network create a &', '&'],
    ['a subshell', '(docker network create a)', '('],
    ['a negation', '! docker network create a', '!'],
    ['a function', 'f() { docker network create a; }', '('],
    ['a backquote', 'docker network create `echo a`', '`'],
    ['a glob', 'docker network create a*', '*'],
    ['an assignment prefix', 'X=1 docker network create a', 'X=1'],
    ['a reserved word', 'if true\nthen docker network create a\nfi', 'if'],
    ['a default-value expansion', 'export WORKSPACE_BASE=${HOME:-/tmp}', '${'],
  ])('rejects %s where it starts', async (_, edited, needle) => {
    await expectError(edited, 'shell-unsupported', positionOf(edited, needle), /^Unexpected /);
  });

  it('rejects an unbalanced quote with the position of the quote', async () => {
    // The last quote of the text, so that no later quote closes it.
    const edited = text.replace('--name openhands-app', '--name "openhands-app');
    const error = await expectError(edited, 'shell-syntax', positionOf(edited, '"openhands-app'), /without closing quote/);
    expect(error.message).toMatch(/^snippet resource-limits:\d+:\d+: Unexpected shell syntax/);
  });

  it('reports positions in characters after a Japanese comment line', async () => {
    const ja = renderId('network-isolation', 'ja');
    expect(ja).toMatch(/[^\x00-\x7f]/);
    const edited = ja.replace('--cpus', '--cpu').replace('--name openhands-app', '--nme openhands-app');
    const error = await parseError(() => parseSnippet(getSnippet('0.33', 'network-isolation'), edited));
    expect(error.snippetId).toBe('network-isolation');
    expect({ line: error.line, column: error.column }).toEqual(positionOf(edited, '--nme'));
  });
});

describe('text edited after rendering', () => {
  it('reports 0.0.0.0 in place of 127.0.0.1 as a difference from the registry', async () => {
    const edited = text.replace('-p 127.0.0.1:3000:3000', '-p 0.0.0.0:3000:3000');
    const parsed = await parseSnippet(snippet, edited);
    expect(compareWithRegistry(snippet, parsed)).toEqual([
      {
        snippetId: 'resource-limits',
        step: 0,
        field: 'publish[0]',
        expected: '127.0.0.1:3000:3000',
        actual: '0.0.0.0:3000:3000',
        at: positionOf(edited, '0.0.0.0:3000:3000'),
      },
    ]);
    const problems = await checkSnippetText(snippet, edited);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.ruleId).toBe('registry-mismatch');
    expect(problems[0]!.message).toMatch(/^snippet resource-limits:\d+:\d+: Unexpected publish\[0\] `0\.0\.0\.0:3000:3000`, expected `127\.0\.0\.1:3000:3000`/);
  });

  it.each([
    ['the ignored variable name', 'SANDBOX_RUNTIME_BINDING_ADDRESS=', 'RUNTIME_BINDING_ADDRESS=', 'env[2]'],
    ['another image tag', 'openhands:0.33', 'openhands:0.29', 'image'],
    ['another memory size', '--memory=4g', '--memory=2g', 'memory'],
    ['the same memory size written in m', '--memory=4g', '--memory=4096m', ''],
    ['a read-write socket mount made read-only', '/var/run/docker.sock:/var/run/docker.sock', '/var/run/docker.sock:/var/run/docker.sock:ro', 'mounts[0]'],
    ['a dropped flag', ' --rm', '', 'remove'],
    ['an extra flag', '--rm', '--rm --user 1000:docker', 'user'],
    ['a command after the image', 'openhands:0.33', 'openhands:0.33 bash', 'args[0]'],
    ['the tty dropped', '-it', '-i', 'tty'],
  ])('reports %s', async (_, from, to, field) => {
    const edited = text.replace(from, to);
    expect(edited).not.toBe(text);
    const differences = compareWithRegistry(snippet, await parseSnippet(snippet, edited));
    if (field === '') {
      // 4096m is 4g: the same value written differently is no difference.
      expect(differences).toEqual([]);
    } else {
      expect(differences.map((d) => d.field)).toEqual([field]);
      expect(differences[0]!.snippetId).toBe('resource-limits');
    }
  });

  it('reports a missing and an extra step', async () => {
    const isolation = getSnippet('0.33', 'network-isolation');
    const full = renderId('network-isolation');
    const onlyRun = full.slice(full.indexOf('docker run'));
    const missing = compareWithRegistry(isolation, await parseSnippet(isolation, onlyRun));
    expect(missing[0]).toMatchObject({ snippetId: 'network-isolation', step: 0, field: 'command', expected: 'docker-network-create', actual: 'docker-run' });
    const extra = compareWithRegistry(isolation, await parseSnippet(isolation, `${full}\ndocker network create other`));
    expect(extra).toEqual([expect.objectContaining({ step: 2, field: 'command', expected: '(absent)', actual: 'docker-network-create' })]);
  });

  it('reports an unquoted variable where the registry double-quotes it', async () => {
    const run = getSnippet('0.33', 'workspace-run');
    const edited = renderId('workspace-run').replace('"${WORKSPACE_BASE:?set it first (see above)}":', '$WORKSPACE_BASE:');
    const differences = compareWithRegistry(run, await parseSnippet(run, edited));
    expect(differences).toEqual([
      expect.objectContaining({ field: 'mounts[0]', expected: '"${WORKSPACE_BASE:?set it first (see above)}":/opt/workspace_base', actual: '$WORKSPACE_BASE:/opt/workspace_base' }),
    ]);
  });

  it('reports a dropped or edited ${VAR:?message} guard as a difference: the text would run with an empty variable', async () => {
    const run = getSnippet('0.33', 'network-binding');
    const guarded = '"${BRIDGE_GATEWAY:?set it first (see above)}"';
    const text = renderId('network-binding');
    expect(text).toContain(`SANDBOX_RUNTIME_BINDING_ADDRESS=${guarded}`);
    expect(compareWithRegistry(run, await parseSnippet(run, text))).toEqual([]);
    for (const replacement of ['"$BRIDGE_GATEWAY"', '"${BRIDGE_GATEWAY}"', '"${BRIDGE_GATEWAY:?something else}"']) {
      const differences = compareWithRegistry(run, await parseSnippet(run, text.replace(guarded, replacement)));
      const actual = `SANDBOX_RUNTIME_BINDING_ADDRESS=${replacement.replace('${BRIDGE_GATEWAY}', '$BRIDGE_GATEWAY')}`;
      expect(differences, replacement).toEqual([expect.objectContaining({ field: 'env[2]', expected: `SANDBOX_RUNTIME_BINDING_ADDRESS=${guarded}`, actual })]);
    }
  });

  it('reads a guarded host address of -p, and reports the guard dropped there', async () => {
    const run = getSnippet('1.x', 'network-binding');
    const text = render(run, 'en');
    expect(text).toContain('-p "${BRIDGE_GATEWAY:?set it first (see above)}":3000:3000');
    expect(compareWithRegistry(run, await parseSnippet(run, text))).toEqual([]);
    const dropped = compareWithRegistry(run, await parseSnippet(run, text.replace('"${BRIDGE_GATEWAY:?set it first (see above)}"', '"$BRIDGE_GATEWAY"')));
    expect(dropped).toEqual([expect.objectContaining({ field: 'publish[1]', expected: '"${BRIDGE_GATEWAY:?set it first (see above)}":3000:3000', actual: '"$BRIDGE_GATEWAY":3000:3000' })]);
  });

  it('reports a changed firewall rule', async () => {
    const guard = getSnippet('0.33', 'loopback-guard');
    const edited = renderId('loopback-guard').replace('! -i lo', '-i lo').replace('-I PREROUTING', '-A PREROUTING');
    const differences = compareWithRegistry(guard, await parseSnippet(guard, edited));
    expect(differences.map((d) => [d.field, d.expected, d.actual])).toEqual([
      ['action', 'insert', 'append'],
      ['inInterface', '! lo', 'lo'],
    ]);
  });
});

describe('setfacl, the folder grant', () => {
  const grant = getSnippet('1.x', 'workspace-grant');
  const granted = render(grant, 'en');

  it('reports an edited uid, a dropped -R and another folder as differences from the registry', async () => {
    for (const [from, to, field] of [
      ['u:10001:rwX,', 'u:1000:rwX,', 'entries'],
      ['setfacl -R -m', 'setfacl -m', 'recursive'],
      ['"${WORKSPACE_BASE:?set it first (see above)}"', '"$HOME"', 'folder[0]'],
    ] as const) {
      const edited = granted.replace(from, to);
      expect(edited).not.toBe(granted);
      const differences = compareWithRegistry(grant, await parseSnippet(grant, edited));
      expect(differences.map((d) => d.field)).toEqual([field]);
    }
  });

  it('rejects an option setfacl does not take here, at the option', async () => {
    const edited = granted.replace('setfacl -R', 'setfacl -R -x');
    const error = await parseError(() => parseSnippet(grant, edited));
    expect(error.ruleId).toBe('unknown-flag');
    expect(error.reason).toMatch(/^Unexpected `-x`, expected -R or -m/);
  });

  it('rejects a grant without entries', async () => {
    const edited = granted.replace('-m u:10001:rwX,d:u:10001:rwX,d:u:$(id -u):rwX ', '');
    expect(edited).not.toBe(granted);
    const error = await parseError(() => parseSnippet(grant, edited));
    expect(error.ruleId).toBe('missing-argument');
  });
});
