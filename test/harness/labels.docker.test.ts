import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeSessionResources } from '../../scripts/harness/cleanup';
import { VERSIONS } from '../../src/snippets/versions';
import { docker } from '../../scripts/harness/docker';
import { ensureProbeImage } from '../../scripts/harness/images';
import { LABEL, LABEL_PREFIX, labelArgs, labelFilterArgs, LEGACY_LABEL, parseLabelList, SESSION_LABEL_KEYS, sessionLabels, STAND_IN_LABEL_KEYS } from '../../scripts/harness/labels';
import {
  firewallCommentFor,
  isLabelledSessionLive,
  isSessionRecordLive,
  listSessionRecords,
  Session,
  sessionsDir,
  suffixOf,
} from '../../scripts/harness/session';

/** The stand-in script of each version whose app starts sandboxes (Agent Canvas starts none). */
const APP_STAND_INS = {
  '0.33': join(__dirname, '../../src/snippets/versions/0.33/stand-ins/openhands/openhands-stand-in.sh'),
  '1.x': join(__dirname, '../../src/snippets/versions/1.x/stand-ins/openhands/openhands-handler.sh'),
} as const;

describe('labels', () => {
  it('are all under one prefix', () => {
    for (const key of Object.values(LABEL)) expect(key.startsWith(LABEL_PREFIX)).toBe(true);
    expect(LABEL.session).toBe('org.openhands-guide.session');
  });

  it('mark stand-ins under the current name and the one earlier versions used, which images on a reader\'s daemon may still carry', () => {
    expect(LABEL.standIn).toBe('org.openhands-guide.stand-in');
    // Persisted on images of earlier runs: renaming it would leave them unrecognised, taken for real images.
    expect(LEGACY_LABEL.standIn).toBe('org.openhands-guide.model');
    expect([...STAND_IN_LABEL_KEYS].sort()).toEqual(['org.openhands-guide.model', 'org.openhands-guide.stand-in']);
  });

  it('render as docker --label and --filter flags', () => {
    expect(labelArgs({ [LABEL.role]: 'probe', [LABEL.pid]: '7' })).toEqual(['--label', 'org.openhands-guide.role=probe', '--label', 'org.openhands-guide.pid=7']);
    expect(labelFilterArgs(LABEL.session, 'abc')).toEqual(['--filter', 'label=org.openhands-guide.session=abc']);
    expect(labelFilterArgs(LABEL.session)).toEqual(['--filter', 'label=org.openhands-guide.session']);
  });

  it('parse back from docker {{.Labels}} output, ignoring labels that are not ours', () => {
    const parsed = parseLabelList('maintainer=a,b,org.openhands-guide.session=abc,org.openhands-guide.pid=12');
    expect(parsed).toEqual({ [LABEL.session]: 'abc', [LABEL.pid]: '12' });
  });

  it.each(Object.entries(APP_STAND_INS))('are the ones the %s app stand-in copies onto the sandboxes it creates', (version, file) => {
    expect(VERSIONS[version as keyof typeof APP_STAND_INS].profile.sandboxPrefix, `${version} starts sandboxes`).toBeDefined();
    const script = readFileSync(file, 'utf8');
    const copied = /grep -E '\^org\\\.openhands-guide\\\.\(([a-z|]+)\)='/.exec(script)?.[1]?.split('|');
    expect(copied?.map((key) => `${LABEL_PREFIX}${key}`).sort()).toEqual([...SESSION_LABEL_KEYS].sort());
    expect(script).toContain(`${LABEL.role}=runtime`);
  });

  it('need no copying for a version whose app starts no sandbox', () => {
    const starting = Object.entries(VERSIONS).filter(([, data]) => data.profile.sandboxPrefix !== undefined).map(([version]) => version);
    expect(starting.sort()).toEqual(Object.keys(APP_STAND_INS).sort());
  });
});

describe('Session', () => {
  const a = Session.create();
  const b = Session.create();
  let probe: string;

  beforeAll(async () => {
    probe = await ensureProbeImage();
  });

  afterAll(async () => {
    await removeSessionResources(a);
    await removeSessionResources(b);
    expect(listSessionRecords().map((r) => r.id)).not.toContain(a.id);
  });

  it('has a unique id and a 6-hex suffix derived from it', () => {
    expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    expect(a.suffix).toMatch(/^[0-9a-f]{6}$/);
    expect(suffixOf(a.id)).toBe(a.suffix);
    expect(a.id).not.toBe(b.id);
    expect(a.suffix).not.toBe(b.suffix);
  });

  it('makes unique names for documented containers, networks, the LAN namespace and firewall comments', () => {
    expect(a.name('openhands-app')).toBe(`openhands-app-${a.suffix}`);
    expect(a.name('openhands-network')).toBe(`openhands-network-${a.suffix}`);
    expect(a.lanNamespace).toBe(`ohg-${a.suffix}-lan`);
    expect(a.firewallComment).toBe(firewallCommentFor(a.id));
    expect(a.firewallComment).toBe(`openhands-guide-${a.id}`);
  });

  it('labels with id, pid, host and role', () => {
    expect(a.labels('snippet')).toEqual({
      [LABEL.session]: a.id,
      [LABEL.pid]: String(process.pid),
      [LABEL.host]: hostname(),
      [LABEL.role]: 'snippet',
    });
    expect(a.labelArgs()).toEqual(labelArgs(sessionLabels(a)));
  });

  it('is recorded while it lives, and the record says so', () => {
    const record = listSessionRecords().find((r) => r.id === a.id);
    expect(record).toBeDefined();
    expect(isSessionRecordLive(record!)).toBe(true);
    expect(isSessionRecordLive({ ...record!, processStart: '1' })).toBe(false);
    expect(isLabelledSessionLive({ id: a.id, pid: String(process.pid), host: hostname() })).toBe(true);
  });

  it('is found on the daemon by its label, and only its own objects are', async () => {
    await docker(['container', 'create', '--name', a.name('ohg-labels'), ...a.labelArgs('test'), probe, 'true']);
    await docker(['container', 'create', '--name', b.name('ohg-labels'), ...b.labelArgs('test'), probe, 'true']);
    const names = await docker(['ps', '-a', '--format', '{{.Names}}', ...labelFilterArgs(LABEL.session, a.id)]);
    expect(names.split('\n')).toEqual([a.name('ohg-labels')]);
  });

  it('forgets its record when it ends', () => {
    const c = Session.create();
    const file = join(sessionsDir(), `${c.id}.json`);
    expect(existsSync(file)).toBe(true);
    c.end();
    expect(existsSync(file)).toBe(false);
  });
});
