import type { Claim } from './claims';
import type { Command } from './commands';
import type { MessageKey } from '../i18n/messages';

/** One command of a snippet, with an optional comment line rendered above it. */
export interface Step {
  readonly comment?: MessageKey;
  readonly command: Command;
}

export interface SnippetSpec {
  /** Shown above the code block. */
  readonly caption: MessageKey;
  /**
   * Snippets whose commands a reader has already run on the same page (e.g. the
   * `export` a `docker run` expands). The harness runs them first, in the same shell.
   */
  readonly requires?: readonly string[];
  readonly steps: readonly Step[];
  /** What the prose around the snippet says it achieves; verified by the harness. */
  readonly claims: readonly Claim[];
}

export interface Snippet extends SnippetSpec {
  readonly id: string;
}
