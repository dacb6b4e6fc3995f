import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForQuiet, watchActivity, type ActivityReport } from '../activity';
import { writeReport, type VerificationReport } from '../../harness/report';
import type { Phase } from '../npm-test';
import { removeTemporary, timedRun, trackTemporary } from '../processes';
import { median, ratio } from '../stats';
import { launchChromium, measurePage, type PageBytes } from './page-bytes';
import { BLANK_PAGE, installedVersion, writeBlankSite, writeProjectSnapshot } from './sites';

/**
 * Part B: the production build of both locales, the project against a blank site of the
 * same Docusaurus version, built alternately in the same run; then the JS and CSS a reader
 * downloads for one docs page of each.
 *
 * Builds run with DOCUSAURUS_NO_PERSISTENT_CACHE=1: both sites start from the same (cold)
 * state, as on a fresh clone or CI, and the blank site writes nothing into the project's
 * node_modules/.cache (its node_modules is the project's, linked).
 */

export type SiteName = 'project' | 'blank';

export const PROJECT_PAGE = '/docker-runtime';

export interface BuildRun {
  readonly site: SiteName;
  readonly round: number;
  readonly attempt: number;
  readonly ms: number;
  readonly exitCode: number;
  readonly tail?: string;
  readonly activity: ActivityReport;
}

export interface SiteBench {
  readonly docusaurusVersion: string;
  /** The project's `future` setting as its config spells it, and whether the blank site's is the same. */
  readonly projectFuture: string | undefined;
  readonly sameFutureFlags: boolean;
  readonly rounds: number;
  readonly builds: readonly BuildRun[];
  readonly projectMedianMs: number | undefined;
  readonly blankMedianMs: number | undefined;
  readonly buildRatio: number | undefined;
  readonly pages: { readonly project?: PageBytes; readonly blank?: PageBytes };
  readonly bytesRatio: number | undefined;
  readonly decodedBytesRatio: number | undefined;
  /** `npm run test:site` run in the project's copy against its fresh build. */
  readonly siteTests: Phase | undefined;
  /** Which verification report the project copy was built with. */
  readonly reportUsed: 'this run' | "the project's reports/verification.json";
  /** What kept part B from measuring something; any entry makes the bench exit non-zero. */
  readonly failures: readonly string[];
}

const BLANK_FUTURE = '{ v4: true, faster: true }';

function projectFuture(root: string): string | undefined {
  const config = readFileSync(join(root, 'docusaurus.config.ts'), 'utf8');
  return /^\s*future:\s*(\{[^}]*\})/m.exec(config)?.[1]?.replace(/\s+/g, ' ');
}

export interface SiteOptions {
  readonly root: string;
  readonly rounds: number;
  readonly log: (line: string) => void;
  /**
   * Runs the site tests in the project's copy, once its last build is its build/: the
   * tests read build/ and insist that it is newer than every source, and the bench never
   * writes the project's own build/.
   */
  readonly siteTests?: (projectCopy: string) => Promise<Phase>;
  /**
   * This run's harness report, written into the project's copy before it is built, as
   * `npm test` writes reports/verification.json before `npm run build`. Without it the
   * copy keeps whatever report the project has.
   */
  readonly verification?: VerificationReport;
}

export async function benchSite(options: SiteOptions): Promise<SiteBench> {
  const { root, rounds, log } = options;
  const temp = trackTemporary(mkdtempSync(join(tmpdir(), 'ohg-bench-site-')));
  const failures: string[] = [];
  const builds: BuildRun[] = [];
  const dirs: Record<SiteName, string> = { project: join(temp, 'project', 'site'), blank: join(temp, 'blank', 'site') };
  const lastOut: Partial<Record<SiteName, string>> = {};
  try {
    const snapshot = async (): Promise<void> => {
      writeProjectSnapshot(dirs.project, root);
      if (options.verification) await writeReport(options.verification, join(dirs.project, 'reports', 'verification.json'));
    };
    writeBlankSite(dirs.blank, root);
    await snapshot();
    // Docusaurus' config loader (jiti) caches in the system temp folder and never removes it:
    // under the bench's own folder it goes with the rest (seen: /tmp/node-jiti left behind).
    const ownTmp = join(temp, 'tmp');
    mkdirSync(ownTmp, { recursive: true });
    const env = { ...process.env, DOCUSAURUS_NO_PERSISTENT_CACHE: '1', TMPDIR: ownTmp };

    const build = async (site: SiteName, round: number, attempt: number): Promise<BuildRun> => {
      const out = join(temp, site, `out-${round}-${attempt}`);
      rmSync(join(dirs[site], '.docusaurus'), { recursive: true, force: true });
      log(`build ${site} #${round}${attempt > 1 ? ` (attempt ${attempt})` : ''}: docusaurus build --out-dir ${out}`);
      const { result, activity } = await watchActivity(() =>
        timedRun(join(dirs[site], 'node_modules', '.bin', 'docusaurus'), ['build', '--out-dir', out], { cwd: dirs[site], env, logFile: `${out}.log` }),
        `the ${site} build #${round}`,
      );
      if (result.exitCode === 0) {
        if (lastOut[site]) rmSync(lastOut[site], { recursive: true, force: true });
        lastOut[site] = out;
      }
      return { site, round, attempt, ms: result.ms, exitCode: result.exitCode, tail: result.exitCode === 0 ? undefined : result.tail, activity };
    };

    const broken = new Set<SiteName>();
    for (let round = 1; round <= rounds; round++) {
      for (const site of ['project', 'blank'] as const) {
        if (broken.has(site)) continue;
        let run = await build(site, round, 1);
        builds.push(run);
        if (run.exitCode !== 0 && site === 'project') {
          // Someone may have been editing the project while it was copied: copy it again, once.
          log(`build project #${round} failed (exit ${run.exitCode}); copying the project again and retrying once\n${run.tail ?? ''}`);
          rmSync(dirs.project, { recursive: true, force: true });
          await snapshot();
          run = await build(site, round, 2);
          builds.push(run);
        }
        if (run.exitCode !== 0) {
          broken.add(site);
          failures.push(`the ${site} build failed (exit ${run.exitCode}):\n${run.tail ?? ''}`);
        }
      }
    }

    const ok = (site: SiteName): number[] => builds.filter((b) => b.site === site && b.exitCode === 0).map((b) => b.ms);
    const projectMedianMs = broken.has('project') || ok('project').length === 0 ? undefined : median(ok('project'));
    const blankMedianMs = broken.has('blank') || ok('blank').length === 0 ? undefined : median(ok('blank'));

    const pages: { project?: PageBytes; blank?: PageBytes } = {};
    if (lastOut.project || lastOut.blank) {
      log(`page weight: headless Chromium (${'/usr/bin/chromium'}), cache disabled, loopback only`);
      let browser;
      await waitForQuiet('the page loads');
      try {
        browser = await launchChromium();
      } catch (error) {
        failures.push(`Chromium could not start: ${(error as Error).message.split('\n')[0]}`);
      }
      if (browser) {
        try {
          for (const [site, path] of [['project', PROJECT_PAGE], ['blank', BLANK_PAGE.route]] as const) {
            const out = lastOut[site];
            if (!out || !existsSync(out)) continue;
            try {
              pages[site] = await measurePage(browser, out, path);
              log(`page ${site} ${path}: ${pages[site].summary.total.count} JS/CSS files`);
            } catch (error) {
              failures.push(`loading ${path} of the ${site} build failed: ${(error as Error).message.split('\n')[0]}`);
            }
          }
        } finally {
          await browser.close();
        }
      }
    }

    let siteTests: Phase | undefined;
    if (options.siteTests && lastOut.project) {
      renameSync(lastOut.project, join(dirs.project, 'build'));
      siteTests = await options.siteTests(dirs.project);
    }

    const future = projectFuture(root);
    return {
      docusaurusVersion: installedVersion(root, '@docusaurus/core'),
      projectFuture: future,
      sameFutureFlags: future === BLANK_FUTURE,
      rounds,
      builds,
      projectMedianMs,
      blankMedianMs,
      buildRatio: projectMedianMs === undefined || blankMedianMs === undefined ? undefined : ratio(projectMedianMs, blankMedianMs),
      pages,
      bytesRatio: pages.project && pages.blank ? ratio(pages.project.summary.total.encoded, pages.blank.summary.total.encoded) : undefined,
      decodedBytesRatio: pages.project && pages.blank ? ratio(pages.project.summary.total.decoded, pages.blank.summary.total.decoded) : undefined,
      siteTests,
      reportUsed: options.verification ? 'this run' : "the project's reports/verification.json",
      failures,
    };
  } finally {
    removeTemporary(temp);
  }
}
