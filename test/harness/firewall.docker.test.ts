import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeSessionResources } from '../../scripts/harness/cleanup';
import { daemonVersion, docker, parseEngineVersion } from '../../scripts/harness/docker';
import {
  addLoopbackGuard,
  hasRulesWithComment,
  listGuideRulesSync,
  loopbackGuardArgs,
  parseRule,
  removeLoopbackGuard,
  removeRulesByCommentSync,
  removeStaleRulesSync,
  withLoopbackGuardLock,
} from '../../scripts/harness/firewall';
import { ensureProbeImage } from '../../scripts/harness/images';
import { createLanNeighbour, type LanNeighbour } from '../../scripts/harness/lan';
import { firewallCommentFor, Session } from '../../scripts/harness/session';
import { getSnippet, renderSnippet } from '../../src/snippets';
import { translator } from '../../src/i18n';

const session = Session.create();
let lan: LanNeighbour;
let loopbackPort: number;
let engine: { major: number; minor: number };

function rawRules(): string {
  return spawnSync('iptables', ['-w', '-t', 'raw', '-S'], { encoding: 'utf8' }).stdout;
}

beforeAll(async () => {
  const probe = await ensureProbeImage();
  engine = parseEngineVersion(await daemonVersion());
  const target = session.name('ohg-guard-target');
  await docker([
    'run', '-d', '--name', target, ...session.labelArgs('lan-target'), '-p', '127.0.0.1::80', probe,
    'sh', '-c', 'mkdir -p /www && echo guard > /www/index.html && exec httpd -f -p 80 -h /www',
  ]);
  loopbackPort = Number((await docker(['port', target, '80/tcp'])).split(':').pop());
  lan = await createLanNeighbour(session);
  await new Promise((resolve) => setTimeout(resolve, 500));
}, 120_000);

afterAll(async () => {
  await removeSessionResources(session);
  expect(rawRules()).not.toContain(session.firewallComment);
  expect(await docker(['ps', '-aq', '--filter', `label=org.openhands-guide.session=${session.id}`])).toBe('');
});

describe('loopbackGuardArgs', () => {
  it('is the page\'s rule with only the session comment added', () => {
    const page = renderSnippet(getSnippet('0.33', 'loopback-guard'), translator('en'));
    const args = loopbackGuardArgs('openhands-guide-x');
    const withoutComment = args.filter((_, i) => i < args.indexOf('-m') || i > args.indexOf('--comment') + 1);
    expect(page).toContain(`iptables ${withoutComment.join(' ')}`);
    expect(withoutComment.join(' ')).toBe('-t raw -I PREROUTING ! -i lo -d 127.0.0.0/8 -j DROP');
    expect(args.join(' ')).toBe('-t raw -I PREROUTING ! -i lo -d 127.0.0.0/8 -m comment --comment openhands-guide-x -j DROP');
  });
});

describe('parseRule', () => {
  it('reads the comment of an iptables -S line, quoted or not, and keeps the spec for -D', () => {
    expect(parseRule('raw', '-A PREROUTING -d 127.0.0.0/8 ! -i lo -m comment --comment openhands-guide-abc -j DROP')).toEqual({
      table: 'raw',
      chain: 'PREROUTING',
      spec: ['-d', '127.0.0.0/8', '!', '-i', 'lo', '-m', 'comment', '--comment', 'openhands-guide-abc', '-j', 'DROP'],
      comment: 'openhands-guide-abc',
    });
    expect(parseRule('filter', '-A INPUT -m comment --comment "two words" -j ACCEPT')?.comment).toBe('two words');
    expect(parseRule('raw', '-P PREROUTING ACCEPT')).toBeNull();
    expect(parseRule('raw', '-A PREROUTING -j DROP')).toBeNull();
  });
});

describe('the loopback guard rule on this host', () => {
  it('with it the routed-loopback probe fails; without it the probe succeeds on engines before 28.0.0', async () => {
    await withLoopbackGuardLock(async () => {
      expect(await lan.probeRoutedLoopback(loopbackPort)).toBe(engine.major < 28);
      await addLoopbackGuard(session);
      try {
        expect(await hasRulesWithComment(session.firewallComment)).toBe(true);
        expect(rawRules()).toContain(`-A PREROUTING -d 127.0.0.0/8 ! -i lo -m comment --comment ${session.firewallComment} -j DROP`);
        expect(await lan.probeRoutedLoopback(loopbackPort)).toBe(false);
      } finally {
        expect(await removeLoopbackGuard(session)).toBe(1);
      }
      expect(await hasRulesWithComment(session.firewallComment)).toBe(false);
      expect(await lan.probeRoutedLoopback(loopbackPort)).toBe(engine.major < 28);
    });
  });

  it('removes stale rules of dead sessions by comment and leaves the rest', () => {
    const dead = Session.create();
    dead.end();
    // Harmless stand-ins: they match only a source address on this session's own veth.
    const harmless = (comment: string) => ['-t', 'raw', '-A', 'PREROUTING', '-i', lan.hostInterface, '-s', '192.0.2.254/32', '-m', 'comment', '--comment', comment, '-j', 'RETURN'];
    for (const comment of [firewallCommentFor(dead.id), session.firewallComment]) {
      expect(spawnSync('iptables', ['-w', ...harmless(comment)]).status).toBe(0);
    }
    expect(listGuideRulesSync().map((r) => r.comment)).toEqual(expect.arrayContaining([firewallCommentFor(dead.id), session.firewallComment]));

    // Only the dead session counts as dead here, so a concurrent run's rules are safe.
    expect(removeStaleRulesSync((id) => id !== dead.id)).toBe(1);
    expect(rawRules()).not.toContain(firewallCommentFor(dead.id));
    expect(rawRules()).toContain(session.firewallComment);
    expect(removeRulesByCommentSync(session.firewallComment)).toBe(1);
    expect(rawRules()).not.toContain(session.firewallComment);
  });
});
