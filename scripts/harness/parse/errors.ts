/**
 * Problems found in a snippet's text, reported remark-lint style:
 * `snippet <id>:<line>:<column>: Unexpected X, expected Y [rule-id]`.
 */

export type RuleId =
  /** sh-syntax rejected the text (unbalanced quote, bad substitution, ...). */
  | 'shell-syntax'
  /** Valid shell, but more than simple commands on separate lines (pipes, &&, redirects, ...). */
  | 'shell-unsupported'
  /** The word splitter and sh-syntax disagree on a word: a bug in this module, not in the snippet. */
  | 'shell-word-mismatch'
  /** A command other than docker run, docker network create, export, iptables. */
  | 'unknown-command'
  | 'unknown-flag'
  | 'missing-value'
  | 'invalid-value'
  | 'missing-argument'
  | 'unexpected-argument'
  /** The text does not say what the registry entry it was rendered from says. */
  | 'registry-mismatch';

/** Where in a snippet's text; line and column are 1-based, column counts UTF-16 units. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

export interface Problem extends TextPosition {
  readonly snippetId: string;
  readonly ruleId: RuleId;
  /** The bare reason, e.g. "Unexpected `--cpu`, expected a docker run flag". */
  readonly reason: string;
  /** The reason with snippet id, position and rule id, ready to print. */
  readonly message: string;
}

export function formatProblem(snippetId: string, at: TextPosition, ruleId: RuleId, reason: string): string {
  return `snippet ${snippetId}:${at.line}:${at.column}: ${reason} [${ruleId}]`;
}

export function problem(snippetId: string, at: TextPosition, ruleId: RuleId, reason: string): Problem {
  return {
    snippetId,
    line: at.line,
    column: at.column,
    ruleId,
    reason,
    message: formatProblem(snippetId, at, ruleId, reason),
  };
}

export class SnippetParseError extends Error implements Problem {
  readonly snippetId: string;
  readonly line: number;
  readonly column: number;
  readonly ruleId: RuleId;
  readonly reason: string;

  constructor(snippetId: string, at: TextPosition, ruleId: RuleId, reason: string) {
    super(formatProblem(snippetId, at, ruleId, reason));
    this.name = 'SnippetParseError';
    this.snippetId = snippetId;
    this.line = at.line;
    this.column = at.column;
    this.ruleId = ruleId;
    this.reason = reason;
  }

  toProblem(): Problem {
    return problem(this.snippetId, this, this.ruleId, this.reason);
  }
}

/** Raises a problem at a position of the snippet being parsed; bound to its id. */
export type Fail = (at: TextPosition, ruleId: RuleId, reason: string) => never;

export const failer =
  (snippetId: string): Fail =>
  (at, ruleId, reason) => {
    throw new SnippetParseError(snippetId, at, ruleId, reason);
  };

/** Shows a word or value in a message the way a reader would type it. */
export const quote = (text: string): string => `\`${text.replaceAll('\n', '\\n')}\``;
