import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Impacts that fail the test; `minor` and `moderate` are reported by axe but not here. */
export const FAILING_IMPACTS = ['serious', 'critical'] as const;

export interface AxeViolation {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly helpUrl: string;
  /** One entry per offending element: its CSS selector path and axe's summary. */
  readonly nodes: readonly { target: string; summary: string; html: string }[];
}

/** Runs axe-core on the whole document of `page`; returns every violation, any impact. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    type AxeNode = { target: unknown[]; failureSummary?: string; html: string };
    type AxeResult = { id: string; impact?: string | null; help: string; helpUrl: string; nodes: AxeNode[] };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeResult[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' '),
        summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
        html: n.html.length > 200 ? `${n.html.slice(0, 200)}…` : n.html,
      })),
    }));
  });
}

export function failingViolations(violations: readonly AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => (FAILING_IMPACTS as readonly string[]).includes(v.impact));
}

/**
 * `rule (impact) on page: target — summary [html]`, one line per element, at most
 * `perRule` elements of a rule (then how many more).
 */
export function describeViolations(pagePath: string, violations: readonly AxeViolation[], perRule = 12): string {
  return violations
    .flatMap((v) => [
      ...v.nodes.slice(0, perRule).map((n) => `  ${v.id} (${v.impact}) on ${pagePath}: ${n.target} — ${v.help}; ${n.summary} [${n.html}]`),
      ...(v.nodes.length > perRule ? [`  ${v.id} (${v.impact}) on ${pagePath}: … and ${v.nodes.length - perRule} more elements (${v.helpUrl})`] : []),
    ])
    .join('\n');
}
