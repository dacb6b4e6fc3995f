/**
 * Which Chromium to run and how to start it headless, talking to nothing but loopback.
 * Production code (scripts/site/social-card.ts) and the browser tests (test/site) both
 * start it from here; ensure-browser.sh beside this file installs it.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const INSTALL_HINT =
  'run `bash scripts/browser/ensure-browser.sh` as root on Debian/Ubuntu (npm test does), or install Chromium yourself and point OPENHANDS_GUIDE_CHROMIUM at a Chromium or Chrome binary; ' +
  'the site tests never download a browser';

export interface BrowserDecision {
  readonly executablePath: string;
  /** Why there is no usable browser; undefined when there is one. */
  readonly missing?: string;
}

export function browserDecision(env: NodeJS.ProcessEnv = process.env): BrowserDecision {
  const executablePath = env.OPENHANDS_GUIDE_CHROMIUM || DEFAULT_CHROMIUM;
  let missing: string | undefined;
  try {
    accessSync(executablePath, constants.X_OK);
    if (!statSync(executablePath).isFile()) missing = `${executablePath} is not a file`;
  } catch {
    missing = existsSync(executablePath) ? `${executablePath} is not executable` : `no browser at ${executablePath}`;
  }
  return {
    executablePath,
    missing: missing && `Site tests need Chromium: ${missing}; ${INSTALL_HINT}.`,
  };
}

/**
 * Flags for a headless Chromium that talks to nothing but the loopback server: no
 * sandbox (containers, root), no GPU, no /dev/shm (small in containers), and none of
 * Chromium's own traffic (updates, safe browsing, metrics, DNS prefetch). The host
 * resolver rule makes any name other than loopback unresolvable, so even a request the
 * route guard missed could not leave the machine.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-sync',
  '--metrics-recording-only',
  '--no-first-run',
  '--no-pings',
  '--disable-features=Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions,CertificateTransparencyComponentUpdater,AutofillServerCommunication',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

/** Launches the browser `browserDecision()` found; throws its install hint when there is none. */
export async function launchBrowser(decision: BrowserDecision = browserDecision()): Promise<Browser> {
  if (decision.missing) throw new Error(decision.missing);
  try {
    return await chromium.launch({ executablePath: decision.executablePath, headless: true, args: CHROMIUM_ARGS });
  } catch (error) {
    throw new Error(`Chromium at ${decision.executablePath} did not start: ${String(error)}`);
  }
}
