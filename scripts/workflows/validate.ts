/**
 * `npm run check:workflows`: every GitHub Actions workflow in .github/workflows against the
 * workflow schema, with @action-validator/core (the action-validator project's validator,
 * compiled to WebAssembly: no platform binary to install; it also finds `needs` naming no
 * job), and one reference it cannot see: `steps.<id>` in an expression must name an earlier
 * step of the same job. Each problem is printed as
 * `file:line:column: reason` (and as a GitHub annotation on Actions); exit 1 if any.
 *
 * The command is scripts/check-workflows.ts:
 *
 *   npm run check:workflows                       every workflow
 *   npm run check:workflows -- path/to/workflow.yml
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { validateWorkflow, type ValidationError, type ValidationState } from '@action-validator/core';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';

export const ROOT = path.resolve(__dirname, '..', '..');
export const WORKFLOWS_DIR = path.join(ROOT, '.github', 'workflows');

export interface WorkflowProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly reason: string;
  /** What found it: the validator's code (`properties`, `required`, `unresolved_job`, ...), `steps-context` or `yaml`. */
  readonly rule: string;
  /** Where in the document (a JSON pointer), when known. */
  readonly pointer?: string;
}

type Located = { readonly line: number; readonly column: number };

function pointerSegments(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** The node a JSON pointer names, or its nearest ancestor that exists (a missing required key: the mapping that lacks it). */
function nodeAt(doc: Document, pointer: string): unknown {
  let current: unknown = doc.contents;
  for (const segment of pointerSegments(pointer)) {
    if (isMap(current)) {
      const pair = current.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      current = pair.value ?? pair.key;
    } else if (isSeq(current) && typeof segment === 'number' && current.items[segment] !== undefined) {
      current = current.items[segment];
    } else {
      break;
    }
  }
  return current;
}

function rangeStart(value: unknown): number | undefined {
  const range = (value as { range?: [number, number, number] } | undefined)?.range;
  return range?.[0];
}

/**
 * Where a schema error points: for "Additional property 'x' is not allowed" the key `x`
 * itself, otherwise the node at the error's path, or the nearest ancestor that exists
 * (a required property that is missing: the mapping that lacks it).
 */
function locate(doc: Document, lines: LineCounter, error: { path?: string; detail?: string; title?: string }): Located {
  const node = error.path ? nodeAt(doc, error.path) : doc.contents;
  const extra = /Additional property '([^']+)'/.exec(error.detail ?? '')?.[1];
  const job = /^unresolved job (\S+)/.exec(error.detail ?? error.title ?? '')?.[1];
  let offset: number | undefined;
  if (extra && isMap(node)) offset = rangeStart(node.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === extra)?.key);
  if (job && (isSeq(node) || isScalar(node))) offset = rangeStart(isSeq(node) ? node.items.find((item) => isScalar(item) && String(item.value) === job) : node);
  offset ??= rangeStart(node) ?? 0;
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

type SchemaError = Extract<ValidationError, { path: string }>;

/** How far into the document an error reaches (its path's depth): the deepest alternative is the one the author meant. */
const reach = (errors: readonly ValidationError[]): number => Math.max(0, ...errors.map((e) => ('path' in e ? e.path.split('/').length : 0)));

/**
 * The leaf errors of a validation state. A `oneOf`/`anyOf` failure (a job is either a job
 * with steps or a call of a reusable workflow) carries the errors of each alternative: the
 * alternative whose errors reach deepest is the one the author wrote, so its errors are
 * reported, not the others'.
 */
export function leafErrors(errors: readonly ValidationError[]): ValidationError[] {
  const out: ValidationError[] = [];
  for (const error of errors) {
    const states = 'states' in error ? (error as SchemaError).states : undefined;
    if (!states || states.length === 0) {
      out.push(error);
      continue;
    }
    const best = [...states].sort((a, b) => reach(b.errors) - reach(a.errors) || a.errors.length - b.errors.length)[0]!;
    out.push(...leafErrors(best.errors));
  }
  return out;
}

/** Every `${{ ... }}` expression in a scalar under `node`, with where it starts in `source` (the scalar's start if it is escaped there). */
function expressionsIn(node: unknown, source: string, found: { text: string; offset: number }[] = []): { text: string; offset: number }[] {
  if (isScalar(node) && typeof node.value === 'string') {
    const [start = 0, end = start] = (node as { range?: [number, number, number] }).range ?? [];
    const raw = source.slice(start, end);
    for (const match of node.value.matchAll(/\$\{\{([\s\S]*?)\}\}/g)) {
      const at = raw.indexOf(match[0]);
      found.push({ text: match[1]!, offset: start + Math.max(0, at) });
    }
  } else if (isMap(node)) {
    for (const pair of node.items) {
      expressionsIn(pair.key, source, found);
      expressionsIn(pair.value, source, found);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) expressionsIn(item, source, found);
  }
  return found;
}

function get(map: unknown, key: string): unknown {
  return isMap(map) ? map.items.find((pair) => isScalar(pair.key) && pair.key.value === key)?.value : undefined;
}

/** `steps.<id>` naming no earlier step of the job (the schema check finds `needs` naming no job). */
function referenceProblems(doc: Document, text: string, lines: LineCounter, file: string): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const at = (offset: number | undefined, reason: string, rule: string): WorkflowProblem => {
    const { line, col } = lines.linePos(offset ?? 0);
    return { file, line, column: col, reason, rule };
  };
  const jobs = get(doc.contents, 'jobs');
  if (!isMap(jobs)) return problems;
  for (const pair of jobs.items) {
    const jobId = String((pair.key as { value?: unknown } | null)?.value);
    const job = pair.value;
    const steps = get(job, 'steps');
    if (!isSeq(steps)) continue;
    const seen: string[] = [];
    const later = new Set(steps.items.map((step) => get(step, 'id')).filter(isScalar).map((id) => String(id.value)));
    for (const step of steps.items) {
      for (const expression of expressionsIn(step, text)) {
        for (const match of expression.text.matchAll(/\bsteps\.([A-Za-z_][\w-]*)/g)) {
          const id = match[1]!;
          if (seen.includes(id)) continue;
          const why = later.has(id) ? 'a later step of the job: its outputs do not exist yet' : `no step of job ${jobId} has that id`;
          problems.push(at(expression.offset, `\`steps.${id}\` in \${{${expression.text}}}: ${why}`, 'steps-context'));
        }
      }
      const id = get(step, 'id');
      if (isScalar(id)) seen.push(String(id.value));
    }
  }
  return problems;
}

/** The problems of one workflow file's text; `file` is how messages name it. */
export function validateWorkflowText(text: string, file: string): WorkflowProblem[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: false, prettyErrors: false });
  if (doc.errors.length > 0) {
    return doc.errors.map((error) => {
      const { line, col } = lines.linePos(error.pos[0]);
      return { file, line, column: col, reason: error.message.split('\n')[0]!, rule: 'yaml' };
    });
  }
  let state: ValidationState;
  try {
    state = validateWorkflow(text);
  } catch (error) {
    return [{ file, line: 1, column: 1, reason: `the validator failed: ${String(error)}`, rule: 'validator' }];
  }
  const schema = leafErrors(state.errors).map((error): WorkflowProblem => {
    const location = 'location' in error && error.location ? { line: error.location.line, column: error.location.column } : locate(doc, lines, error as SchemaError);
    const pointer = 'path' in error ? error.path : undefined;
    const reason = error.detail ? `${error.detail}${pointer ? ` (at ${pointer})` : ''}` : `${error.title}${pointer ? `: ${pointer}` : ''}`;
    return { file, ...location, reason, rule: error.code, ...(pointer !== undefined && { pointer }) };
  });
  return [...schema, ...referenceProblems(doc, text, lines, file)].sort((a, b) => a.line - b.line || a.column - b.column);
}

export function workflowFiles(dir = WORKFLOWS_DIR): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => path.join(dir, name));
}

export function formatProblem(problem: WorkflowProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.reason} [${problem.rule}]`;
}
