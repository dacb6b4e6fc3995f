import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { VFile } from 'vfile';
import { onTestFinished } from 'vitest';

const FIXTURES = path.join(__dirname, 'fixtures');
export const JA_DIR = 'i18n/ja/docusaurus-plugin-content-docs/current';

export interface FixtureOptions {
  /** A folder of test/docs/fixtures/ whose files replace the good site's. */
  readonly overlay?: string;
  /** Paths, relative to the site root, to delete after the overlay. */
  readonly remove?: readonly string[];
}

/**
 * A site root in a temporary folder: the good fixture with one case's files laid over
 * it, so each bad fixture holds only what makes it bad.
 */
export function fixtureSite({ overlay, remove = [] }: FixtureOptions = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'check-docs-'));
  cpSync(path.join(FIXTURES, 'good'), root, { recursive: true });
  if (overlay) cpSync(path.join(FIXTURES, overlay), root, { recursive: true });
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  for (const relative of remove) rmSync(path.join(root, relative), { recursive: true });
  return root;
}

export interface FlatMessage {
  /** `file:line:column`, as vfile-reporter prints it. */
  readonly at: string;
  readonly ruleId: string | undefined;
  readonly reason: string;
  readonly fatal: boolean | null | undefined;
}

export function flatMessages(files: readonly VFile[]): FlatMessage[] {
  return files.flatMap((file) =>
    file.messages.map((message) => ({
      at: `${file.path}:${message.line ?? '?'}:${message.column ?? '?'}`,
      ruleId: message.ruleId,
      reason: message.reason,
      fatal: message.fatal,
    })),
  );
}

export const ruleIds = (messages: readonly FlatMessage[]) => [...new Set(messages.map((message) => message.ruleId))].sort();
