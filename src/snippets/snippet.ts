import type { Claim } from './claims';
import type { Command } from './commands';
import type { ImageName } from './images';
import type { MessageKey } from '../i18n/messages';
import type { VersionId } from './versions/ids';
import type { EngineKind } from '../../contracts/verification-report';

/** One command of a snippet, with an optional comment line rendered above it. */
export interface Step<I extends ImageName = ImageName> {
  readonly comment?: MessageKey;
  readonly command: Command<I>;
}

/** A registry entry; `I` limits its `docker run`s to the images of its OpenHands version. */
export interface SnippetSpec<I extends ImageName = ImageName> {
  /** Shown above the code block. */
  readonly caption: MessageKey;
  /**
   * Snippets whose commands a reader has already run on the same page (e.g. the
   * `export` a `docker run` expands). The harness runs them first, in the same shell.
   */
  readonly requires?: readonly string[];
  readonly steps: readonly Step<I>[];
  /** What the prose around the snippet says it achieves; verified by the harness. */
  readonly claims: readonly Claim[];
  /**
   * For a variant written for some engines only (rootless Docker's socket path): the engine
   * kinds it is run on. Elsewhere the harness reports it not run, and the page says for which
   * engines it is. Unset: every engine.
   */
  readonly engines?: readonly EngineKind[];
}

/** A registry entry with where it lives: its OpenHands version and its id there. */
export interface Snippet extends SnippetSpec {
  readonly version: VersionId;
  readonly id: string;
}
