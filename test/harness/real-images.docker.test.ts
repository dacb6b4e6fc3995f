import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCleanup, removeSessionResources } from '../../scripts/harness/cleanup';
import { docker, dockerResult } from '../../scripts/harness/docker';
import {
  documentedReferences,
  ensureImages,
  releaseImages,
  taggedStandInReferences,
  type ImageReferences,
} from '../../scripts/harness/images';
import {
  preloadMarkerName,
  preloadPublishedStandIns,
  releasePublishedStandIns,
  taggedPublishedStandIns,
  type PreloadedImage,
} from './support/published-stand-ins';
import { LABEL } from '../../scripts/harness/labels';
import { Session } from '../../scripts/harness/session';
import type { EngineRun } from '../../scripts/harness/report';
import { reportOf, verifySnippets } from '../../scripts/harness/verify';
import Evidence from '../../src/components/Snippet/Evidence';
import { evidenceFor } from '../../src/evidence/evidenceFor';
import { siteReportFromReport } from '../../src/evidence/fromReport';
import { pageTranslator } from '../../src/i18n/format';
import { MESSAGES } from '../../src/i18n/messages';
import { getSnippet, snippetKey, VERSIONS } from '../../src/snippets';
import type { ImageName } from '../../src/snippets/images';

/**
 * OPENHANDS_GUIDE_IMAGES=real (scripts/harness/images/real-images.ts), as far as a machine without a
 * registry allows. The published images are pre-loaded under their documented names, as a
 * machine that pulled them has them: here copies of the stand-ins that carry no stand-in
 * label and have a registry digest (preloadPublishedStandIns, ./support/published-stand-ins.ts). The harness must then build
 * no stand-in, run the same snippets with the same claims, and report the images as
 * published; the pages must say "published images" for that report and only for it.
 *
 * The snippets: OpenHands 0.33's bridge-gateway and digest-pinning, which run the app image
 * without `--pull=always` (by tag, then by digest). Every other app snippet pulls first,
 * which needs the registry: real mode never drops `--pull=always`, so those run where the
 * images can be pulled (the deploy and weekly workflows).
 *
 * The documented names are shared with every harness run on this daemon: the preload waits
 * until no live run holds them for its stand-ins, and runs in the default mode wait while it
 * holds them (they never take these copies for the published images).
 */
const SNIPPETS = [getSnippet('0.33', 'bridge-gateway'), getSnippet('0.33', 'digest-pinning')];
const NAMES: ImageName[] = ['socket-proxy', ...VERSIONS['0.33'].images];
const DOCUMENTED: ImageReferences = Object.fromEntries(NAMES.map((name) => [name, documentedReferences()[name]]));

let standIns: EngineRun;
let published: EngineRun;
let preloaded: PreloadedImage[];
/** Image tag and build events on the documented names while the real-mode run ran. */
let eventsDuringRealRun: string[];
/** What the documented names pointed at during the real-mode run. */
let idsDuringRealRun: Record<string, string>;
let standInTagsDuringRealRun: string[];

async function withImagesMode<T>(mode: 'real' | undefined, body: () => Promise<T>): Promise<T> {
  const saved = process.env.OPENHANDS_GUIDE_IMAGES;
  if (mode) process.env.OPENHANDS_GUIDE_IMAGES = mode;
  else delete process.env.OPENHANDS_GUIDE_IMAGES;
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env.OPENHANDS_GUIDE_IMAGES;
    else process.env.OPENHANDS_GUIDE_IMAGES = saved;
  }
}

/** `docker events` for images between two daemon times, as `action reference` lines. */
async function imageEvents(since: string, until: string): Promise<string[]> {
  const out = await docker(['events', '--since', since, '--until', until, '--filter', 'type=image', '--format', '{{.Action}} {{.Actor.ID}} {{index .Actor.Attributes "name"}}']);
  return out.split('\n').filter(Boolean);
}

/** The daemon's clock, as `docker events --since` takes it (seconds, with milliseconds). */
const daemonNow = async () => (Date.parse(await docker(['info', '--format', '{{.SystemTime}}'])) / 1000).toFixed(3);

beforeAll(async () => {
  standIns = await withImagesMode(undefined, () => verifySnippets({ snippets: SNIPPETS }));
  const session = Session.create();
  const cleanup = registerCleanup(session);
  try {
    preloaded = await preloadPublishedStandIns(session, { references: DOCUMENTED });
    const since = await daemonNow();
    published = await withImagesMode('real', () => verifySnippets({ snippets: SNIPPETS }));
    const until = await daemonNow();
    eventsDuringRealRun = (await imageEvents(since, until)).filter((line) => Object.values(DOCUMENTED).some((reference) => line.includes(reference!)));
    idsDuringRealRun = Object.fromEntries(
      await Promise.all(Object.values(DOCUMENTED).map(async (reference) => [reference!, await docker(['image', 'inspect', '--format', '{{.Id}}', reference!])] as const)),
    );
    standInTagsDuringRealRun = taggedStandInReferences(DOCUMENTED);
  } finally {
    releasePublishedStandIns(session, { references: DOCUMENTED });
    await removeSessionResources(session);
    cleanup.unregister();
  }
}, 1_500_000);

describe('the published images pre-loaded under their documented names', () => {
  it('are copies of the stand-ins without the stand-in label, with a registry digest, held while the test runs', async () => {
    expect(preloaded.map((p) => p.name).sort()).toEqual([...NAMES].sort());
    for (const image of preloaded.filter((p) => p.preloaded)) {
      const labels = JSON.parse(await docker(['image', 'inspect', '--format', '{{json .Config.Labels}}', image.id])) as Record<string, string> | null;
      expect(labels?.[LABEL.standIn], `${image.reference}: the stand-in label real mode refuses`).toBeUndefined();
      expect(idsDuringRealRun[image.reference], `${image.reference} during the real-mode run`).toBe(image.id);
    }
    const app = preloaded.find((p) => p.name === VERSIONS['0.33'].profile.appImage)!;
    expect(await docker(['image', 'inspect', '--format', '{{len .RepoDigests}}', app.id]), `${app.reference} has a registry digest, as after a pull`).not.toBe('0');
  });

  it('are released afterwards: no documented name keeps a copy', () => {
    expect(taggedPublishedStandIns(DOCUMENTED)).toEqual([]);
  });
});

describe('OPENHANDS_GUIDE_IMAGES=real with the images pre-loaded', () => {
  it('builds and tags no stand-in: the documented names keep the pre-loaded images', () => {
    expect(standInTagsDuringRealRun, 'documented names pointing at a stand-in during the real-mode run').toEqual([]);
    expect(eventsDuringRealRun, 'image tag/build events on the documented names during the real-mode run').toEqual([]);
  });

  it('reports the images as published (source: real), where the default mode reported stand-ins', () => {
    const source = (run: EngineRun) => Object.fromEntries(run.images.map((image) => [image.name, image.source]));
    const mine = new Set(preloaded.filter((p) => p.preloaded).map((p) => p.name));
    expect(source(published)).toEqual(Object.fromEntries(NAMES.map((name) => [name, 'real'])));
    // Your own image under a documented name is a published one in both modes.
    expect(source(standIns)).toEqual(Object.fromEntries(NAMES.map((name) => [name, mine.has(name) ? 'stand-in' : 'real'])));
  });

  it.each(SNIPPETS.map((snippet) => [snippetKey(snippet), snippet] as const))('runs %s as the reader copies it, with the same claims and results as with the stand-ins', (key) => {
    const real = published.snippets.find((s) => snippetKey(s) === key)!;
    const standInResult = standIns.snippets.find((s) => snippetKey(s) === key)!;
    expect(real.exitCode, `${key} with the published images:\n${real.ran}\n--- stderr:\n${real.stderr}`).toBe(0);
    expect(real.rewrites.map((r) => r.rule), 'rewrites: no stand-in, so nothing about pulling').not.toContain('no-pull');
    const results = (run: typeof real) => run.claims.map((c) => `${c.claim.kind}: ${c.status}${c.status === 'verified' ? '' : ` (${c.reason ?? ''})`}`);
    expect(results(real), `${key}: claims with the published images, compared with the stand-ins'`).toEqual(results(standInResult));
    expect(results(real).every((line) => line.endsWith(': verified')), results(real).join('\n')).toBe(true);
  });

  it('and the pages say "published images" for that report only, in both languages', () => {
    const evidenceText = (run: EngineRun, locale: 'en' | 'ja') => {
      const data = { report: siteReportFromReport(reportOf([run])), absence: undefined, placements: [] };
      return SNIPPETS.map((snippet) =>
        renderToStaticMarkup(createElement(Evidence, { snippet, evidence: evidenceFor(snippet, data), t: pageTranslator(locale), locale })),
      ).join('\n');
    };
    for (const locale of ['en', 'ja'] as const) {
      const real = MESSAGES[locale]['evidence.images.real'];
      const standInText = MESSAGES[locale]['evidence.images.stand-in'];
      const publishedPage = evidenceText(published, locale);
      const standInPage = evidenceText(standIns, locale);
      expect(publishedPage, `${locale} evidence of the real-mode report`).toContain(real);
      expect(publishedPage, `${locale} evidence of the real-mode report`).not.toContain(standInText);
      expect(standInPage, `${locale} evidence of the stand-in report`).toContain(standInText);
      expect(standInPage, `${locale} evidence of the stand-in report`).not.toContain(real);
    }
  });
});

/**
 * The same rules on names of the test's own, so no documented name is touched: real mode
 * refuses a copy that no live run of this process holds, and the default mode waits while a
 * copy is held and then uses a stand-in, never the copy.
 */
describe('pre-loaded copies and other runs', () => {
  const own = Session.create();
  const refs = {
    'openhands-0.33': `openhands-guide-test/openhands-${own.suffix}:0.33`,
    'runtime-0.33': `openhands-guide-test/runtime-${own.suffix}:0.33-nikolaik`,
  } as const satisfies ImageReferences;
  afterAll(async () => {
    releasePublishedStandIns(own, { references: refs });
    await removeSessionResources(own);
    for (const reference of Object.values(refs)) await dockerResult(['image', 'rm', reference]);
  });

  it('real mode refuses a copy left behind by a run that is gone (its preload marker removed)', async () => {
    await preloadPublishedStandIns(own, { references: refs });
    expect(taggedPublishedStandIns(refs).sort()).toEqual(Object.values(refs).sort());
    await docker(['container', 'rm', '--force', preloadMarkerName(own, refs)]);
    await expect(withImagesMode('real', () => ensureImages(own, { references: refs }))).rejects.toThrow(
      `OPENHANDS_GUIDE_IMAGES=real, but ${refs['openhands-0.33']} is a stand-in copied to pass for the published image`,
    );
    // The sweep's rule: a copy no live run holds is untagged.
    expect(releasePublishedStandIns(own, { references: refs }).sort()).toEqual(Object.values(refs).sort());
  });

  it('the default mode waits while the copies are held, then tags stand-ins: it never reports a copy as published', async () => {
    const holder = Session.create();
    const waiter = Session.create();
    try {
      await preloadPublishedStandIns(holder, { references: refs });
      let settled = false;
      const ensured = withImagesMode(undefined, () => ensureImages(waiter, { references: refs })).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      expect(settled, 'ensureImages returned while the copies were held').toBe(false);
      releasePublishedStandIns(holder, { references: refs });
      const images = await ensured;
      expect(Object.values(images).map((image) => `${image!.reference} ${image!.source}`).sort()).toEqual(Object.values(refs).map((r) => `${r} stand-in`).sort());
      expect(taggedStandInReferences(refs).sort()).toEqual(Object.values(refs).sort());
    } finally {
      releasePublishedStandIns(holder, { references: refs });
      await releaseImages(waiter, { references: refs });
      await removeSessionResources(holder);
      await removeSessionResources(waiter);
    }
  });
});
