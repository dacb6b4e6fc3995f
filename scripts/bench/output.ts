import type { DockerBench } from './docker';
import { formatBytes, formatMs, formatRatio, formatVerdict, heading, table } from './format';
import type { NpmTestTotals, Phase } from './npm-test';
import type { SiteBench } from './site';
import { unhashedName } from './site/assets';
import type { TargetResult } from './targets';

/** The bench's printed report: one function per section, text in, text out. */

export function dockerSection(bench: DockerBench): string {
  const rows: (string[] | '-')[] = bench.harness.map((h) => {
    const raw = bench.raw.find((r) => r.id === h.id);
    const rawMs = raw?.excluded === undefined ? raw?.totalMs : undefined;
    const excluded = raw?.excluded !== undefined;
    return [
      h.id,
      formatMs(h.prepareMs + h.lockWaitMs),
      formatMs(h.runMs),
      formatMs(h.checksMs),
      formatMs(h.cleanupMs),
      formatMs(h.totalMs),
      formatMs(h.withoutChecksMs),
      excluded ? 'excluded' : formatMs(raw?.runMs),
      excluded ? '' : formatMs(raw?.removeMs),
      excluded ? '' : formatMs(rawMs),
      formatRatio(rawMs ? h.withoutChecksMs / rawMs : undefined),
      formatRatio(rawMs ? h.totalMs / rawMs : undefined),
    ];
  });
  const t = bench.totals;
  rows.push('-', [
    `total (${t.compared.length} compared)`,
    '',
    '',
    '',
    '',
    formatMs(t.harnessWithChecksMs),
    formatMs(t.harnessWithoutChecksMs),
    '',
    '',
    formatMs(t.rawMs),
    formatRatio(t.ratioWithoutChecks),
    formatRatio(t.ratioWithChecks),
  ]);
  const lines = [
    heading('A. Docker verification: the harness against the same Docker work done directly'),
    `Engine ${bench.engine.version} (cgroup ${bench.engine.cgroupVersion}); images: ${bench.images.map((i) => `${i.name}=${i.source}`).join(', ')}; reader switch: ${bench.readerSwitched ? 'yes (setpriv to uid 1000)' : 'no'}`,
    '',
    table(
      ['snippet', 'prepare', 'run', 'checks', 'cleanup', 'harness', 'w/o checks', 'raw run', 'raw rm', 'raw', 'ratio w/o checks', 'ratio incl.'],
      rows,
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
    '',
    `prepare: render, parse (sh-syntax) and rewrite the text, free ports, loopback-guard lock wait; run: the reader's bash running it; checks: every claim`,
    `(inspect, cgroup files, probes, LAN and loopback traffic); cleanup: removing the snippet's containers, networks and firewall rule.`,
    `raw run: bash running the same rewritten commands as this process's user (no reader switch; fresh session names, labels, ports);`,
    `raw rm: docker inspect + docker rm -f of the containers they and the app created, docker network rm, iptables -D for the firewall rule.`,
    `raw rm comes right after the run, while the app is still starting its sandbox (often a second round for it); the harness's cleanup`,
    `comes after the checks, when everything has settled.`,
    `"w/o checks" is the harness doing the same Docker work as raw; "incl. checks" adds the claim checks, which are the harness's purpose and`,
    `are extra Docker work (probe containers, traffic, waiting up to 30 s for the app's sandbox) that raw does not do.`,
    '',
    `Whole verifySnippets(): ${formatMs(bench.verifyMs)}, of which opening the harness session ${formatMs(bench.sessionOpenMs)} (sweep, images and their lock, LAN neighbour,`,
    `reader) and closing it ${formatMs(bench.sessionCloseMs)}; in no ratio. Waiting for another run's images or loopback-guard lock shows up here.`,
    `Raw baseline session setup (tagging images for its fresh session): ${formatMs(bench.rawSessionMs)}, in no ratio.`,
  ];
  for (const raw of bench.raw) {
    if (raw.excluded !== undefined) lines.push(`Excluded from the raw baseline and from both totals: ${raw.id}: ${raw.excluded}`);
    if (raw.exitCode !== undefined && raw.exitCode !== 0) lines.push(`Raw ${raw.id} exited ${raw.exitCode}: ${raw.stderr ?? ''}`);
    if (raw.leftovers && raw.leftovers.length > 0) lines.push(`Raw ${raw.id} left ${raw.leftovers.join(', ')} after its removal (removed afterwards, untimed)`);
  }
  if (bench.failedSnippets.length > 0) lines.push(`Snippets whose claims failed in this run (timings still valid; see npm test): ${bench.failedSnippets.join(', ')}`);
  return lines.join('\n');
}

export function phasesSection(phases: readonly Phase[], totals: NpmTestTotals, cores: number): string {
  const rows: (string[] | '-')[] = phases.map((p) => [
    p.name,
    p.part,
    formatMs(p.ms),
    p.exitCode === undefined ? '' : p.exitCode === 0 ? 'ok' : `exit ${p.exitCode}`,
    p.note ?? '',
  ]);
  rows.push('-', ['static part', 'static', formatMs(totals.staticMs), '', 'typecheck + check:docs + vitest files without Docker']);
  rows.push(['static + Docker', '', formatMs(totals.staticDockerMs), '', totals.staticDockerMs === undefined ? 'INCOMPLETE: a phase was not measured' : "the issue's scope"]);
  rows.push(['npm test (all)', '', formatMs(totals.fullMs), '', totals.fullMs === undefined ? 'INCOMPLETE: a phase was not measured' : 'as package.json runs it: + build + site tests']);
  const lines = [
    heading(`A2. npm test, phase by phase (${cores} cores)`),
    table(['phase', 'part', 'time', 'result', 'note'], rows, ['left', 'left', 'right', 'left', 'left']),
    '',
    'The Docker verification is the bench\'s own verifySnippets() run (the work of verify.docker.test.ts, without vitest starting that file);',
    'the build is the median project build of part B (cold: DOCUSAURUS_NO_PERSISTENT_CACHE=1, as on a fresh clone). vitest runs its',
    'files in parallel in npm test, where the bench runs the two groups one after the other: the sum is an upper bound there.',
  ];
  for (const p of phases) {
    if (p.vitestDuration) lines.push(`${p.name}, vitest's own account: ${p.vitestDuration}`);
    if (p.slowestFiles && p.slowestFiles.length > 0) lines.push(`${p.name}, slowest files (their tests): ${p.slowestFiles.map((f) => `${f.file} ${formatMs(f.ms)}`).join(', ')}`);
  }
  for (const p of phases) if (p.exitCode !== undefined && p.exitCode !== 0) lines.push(`${p.name} failed (its time still counts):\n${indent(p.tail ?? '')}`);
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

export function siteSection(bench: SiteBench): string {
  const runs = (site: 'project' | 'blank') =>
    bench.builds
      .filter((b) => b.site === site)
      .map((b) => (b.exitCode === 0 ? formatMs(b.ms) : `failed (exit ${b.exitCode})`))
      .join(', ');
  const lines = [
    heading('B. Site: production build and page weight against a blank Docusaurus site'),
    `Docusaurus ${bench.docusaurusVersion}. Blank site: classic preset, locales en and ja, docs only at route base /, one page per locale, no blog,`,
    `future: { v4: true, faster: true } like the project (project's: ${bench.projectFuture ?? 'none found'}${bench.sameFutureFlags ? ', the same' : ', DIFFERENT: the comparison is off'}),`,
    `so both use the same bundler (Rspack), minifiers and v4 defaults; nothing of the project's own (plugins, components, CSS, search).`,
    `Builds: both locales, docusaurus build --out-dir <temp>, persistent cache off (DOCUSAURUS_NO_PERSISTENT_CACHE=1), ${bench.rounds} rounds,`,
    `project and blank alternating; the project is built from a copy of its working tree, with the verification report of ${bench.reportUsed}.`,
    '',
    table(
      ['site', 'builds', 'median'],
      [
        ['project', runs('project'), formatMs(bench.projectMedianMs)],
        ['blank', runs('blank'), formatMs(bench.blankMedianMs)],
        '-',
        ['ratio', '', formatRatio(bench.buildRatio)],
      ],
      ['left', 'left', 'right'],
    ),
  ];
  const { project, blank } = bench.pages;
  if (project || blank) {
    const cell = (page: typeof project, pick: (s: NonNullable<typeof project>['summary']) => number) => (page ? formatBytes(pick(page.summary)) : '—');
    const r = (pick: (s: NonNullable<typeof project>['summary']) => number) =>
      project && blank && pick(blank.summary) > 0 ? formatRatio(pick(project.summary) / pick(blank.summary)) : '—';
    const row = (name: string, pick: (s: NonNullable<typeof project>['summary']) => number): string[] => [name, cell(project, pick), cell(blank, pick), r(pick)];
    lines.push(
      '',
      `Page weight: ${project?.url ?? '/docker-runtime'} (project) and ${blank?.url ?? '/'} (blank), served gzip-compressed on 127.0.0.1, headless Chromium,`,
      'cache disabled, until the network is idle (route prefetches included); encoded = bytes on the wire, decoded = after gzip.',
      '',
      table(
        ['', 'project', 'blank', 'ratio'],
        [
          row('JS, encoded', (s) => s.js.encoded),
          row('CSS, encoded', (s) => s.css.encoded),
          row('JS + CSS, encoded', (s) => s.total.encoded),
          '-',
          row('JS, decoded', (s) => s.js.decoded),
          row('CSS, decoded', (s) => s.css.decoded),
          row('JS + CSS, decoded', (s) => s.total.decoded),
          '-',
          row('of which prefetched (encoded)', (s) => s.prefetched.encoded),
          row('repeat downloads, not counted', (s) => s.repeated.encoded),
          [
            'files (JS + CSS)',
            project ? `${project.summary.js.count} + ${project.summary.css.count}` : '—',
            blank ? `${blank.summary.js.count} + ${blank.summary.css.count}` : '—',
            '',
          ],
        ],
        ['left', 'right', 'right', 'right'],
      ),
    );
    if (project) {
      const blankNames = new Map((blank?.summary.files ?? []).map((f) => [unhashedName(f.url), f]));
      lines.push(
        '',
        'Largest project JS/CSS files (encoded), against the blank file of the same name:',
        table(
          ['file', 'type', 'encoded', 'blank', 'contains'],
          project.summary.files.slice(0, 8).map((f) => {
            const twin = blankNames.get(unhashedName(f.url));
            return [unhashedName(f.url), f.resourceType, formatBytes(f.encodedBytes), twin ? formatBytes(twin.encodedBytes) : 'only here', (project.contents[f.url] ?? []).join(', ')];
          }),
          ['left', 'left', 'right', 'right', 'left'],
        ),
      );
    }
    const blocked = [...(project?.blocked ?? []), ...(blank?.blocked ?? [])];
    lines.push('', blocked.length === 0 ? 'Requests to anything but loopback: none.' : `Aborted requests to anything but loopback: ${blocked.join(', ')}`);
  }
  for (const failure of bench.failures) lines.push(`FAILED: ${failure}`);
  return lines.join('\n');
}

export function activitySection(entries: readonly { phase: string; concurrent: readonly string[]; loadAtStart: number }[]): string {
  const busy = entries.filter((e) => e.concurrent.length > 0);
  if (busy.length === 0) return 'Concurrent activity: none seen (no other builds, test runs or harness sessions during the timed phases).';
  return [
    'CONCURRENT ACTIVITY during timed phases (those numbers are disturbed):',
    ...busy.map((e) => `  ${e.phase} (load ${e.loadAtStart.toFixed(2)} at start): ${e.concurrent.slice(0, 4).join('; ')}${e.concurrent.length > 4 ? `; and ${e.concurrent.length - 4} more` : ''}`),
  ].join('\n');
}

export function targetsSection(targets: readonly TargetResult[]): string {
  const missed = targets.filter((t) => t.verdict === 'missed');
  const lines = [
    heading('Targets'),
    table(
      ['target', 'measured', 'at most', 'result'],
      targets.map((t) => [t.name, t.measured, t.target, formatVerdict(t.verdict)]),
      ['left', 'right', 'right', 'left'],
    ),
  ];
  for (const t of targets) if (t.note) lines.push(`  ${t.name}: ${t.note}`);
  if (missed.length > 0) {
    const banner = `*** TARGET MISSED: ${missed.map((t) => t.name).join('; ')} ***`;
    lines.push('', '*'.repeat(banner.length), banner, '*'.repeat(banner.length));
  } else if (targets.some((t) => t.verdict === 'not measured')) {
    lines.push('', 'Some targets were not measured (see above).');
  } else {
    lines.push('', 'Every target met.');
  }
  return lines.join('\n');
}
