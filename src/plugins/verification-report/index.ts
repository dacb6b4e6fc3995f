import { readFile } from 'node:fs/promises';
import path from 'node:path';
import logger from '@docusaurus/logger';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { reportProblem, siteReportFromReport } from '../../evidence/fromReport';
import type { SnippetPlacement, VerificationData } from '../../evidence/types';
import { PLUGIN_NAME } from '../../evidence/pluginName';
import { snippetPlacements } from '../../doc-pages/placements';
import type { VerificationReport } from '../../../contracts/verification-report';
import type { Claim } from '../../snippets';

/** `OPENHANDS_GUIDE_REPORT` lets a build show another report (e.g. one made on a machine with the real images). */
function reportPath(siteDir: string): string {
  return path.resolve(siteDir, process.env.OPENHANDS_GUIDE_REPORT ?? 'reports/verification.json');
}

async function readReport(file: string): Promise<Pick<VerificationData, 'report' | 'absence'>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    logger.warn`No verification report at path=${file}: every snippet shows "not verified in this build". Run code=${'npm test'} before code=${'npm run build'} to show the evidence.`;
    return { report: undefined, absence: 'no-report' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    logger.warn`Verification report path=${file} is not JSON (${String(error)}): every snippet shows "not verified in this build".`;
    return { report: undefined, absence: 'unreadable' };
  }
  const problem = reportProblem(value);
  if (problem) {
    logger.warn`Verification report path=${file} cannot be shown: ${problem}. Every snippet shows "not verified in this build".`;
    return { report: undefined, absence: 'unreadable' };
  }
  return { report: siteReportFromReport(value as VerificationReport<Claim>), absence: undefined };
}

/** Which doc of which version each snippet is on, read from the English pages (locale-parity keeps ja the same). */
async function placements(siteDir: string): Promise<SnippetPlacement[]> {
  return (await snippetPlacements(siteDir)).map(({ version, snippetId, slug }) => ({ version, snippetId, docId: slug }));
}

/**
 * Puts the harness' latest report (trimmed) and each snippet's page into global data, so
 * every snippet can show its evidence and the verification page can list them all.
 */
export default function verificationReportPlugin(context: LoadContext): Plugin<VerificationData> {
  const file = reportPath(context.siteDir);
  return {
    name: PLUGIN_NAME,
    async loadContent() {
      const [report, placed] = await Promise.all([readReport(file), placements(context.siteDir)]);
      return { ...report, placements: placed };
    },
    async contentLoaded({ content, actions }) {
      actions.setGlobalData(content);
    },
    getPathsToWatch() {
      return [file];
    },
  };
}
