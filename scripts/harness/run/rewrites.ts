import { IMAGES, imageReference, type ImageName } from '../../../src/snippets/images';
import { translator, type MessageKey } from '../../../src/i18n';
import type { ReportedRewrite, RewriteRule } from '../../../contracts/verification-report';

/**
 * The only changes the harness makes to the text a reader copies, each because this
 * machine cannot do what a reader's machine does, or because the harness must not
 * touch what it did not create. Every edit is reported for the snippet it touched.
 */

/** A word of a parsed command, with its place in the text. */
export interface WordSpan {
  /** The word's source text, quotes included. */
  readonly raw: string;
  readonly offset: number;
  readonly end: number;
  /** Its parts, where a rewrite looks inside a command substitution. */
  readonly parts?: readonly SubstitutionSpan[];
}

/** The part of a word a rewrite may look into: `$(...)` with the text between the parentheses. */
export interface SubstitutionSpan {
  readonly kind: string;
  readonly command?: string;
  readonly offset: number;
}

export interface CommandSpan {
  readonly words: readonly WordSpan[];
}

export type { RewriteRule, ReportedRewrite } from '../../../contracts/verification-report';

const en = translator('en');

/** The report's reason for each rule: the site's English message, so the two never drift. */
export const rewriteReason = (rule: RewriteRule): string => en(`rewrite.${rule}` satisfies MessageKey);

export interface AppliedRewrite {
  readonly rule: RewriteRule;
  readonly reason: string;
  /** Where `from` starts in the copied (en) text of the snippet it applies to. */
  readonly offset: number;
  readonly from: string;
  readonly to: string;
}


interface Edit {
  readonly offset: number;
  readonly end: number;
  readonly replacement: string;
  readonly rule: RewriteRule;
}

export interface RewriteContext {
  /** Documented name -> name used in this run. */
  readonly names: ReadonlyMap<string, string>;
  /** Documented host port -> host port used in this run. */
  readonly hostPorts: ReadonlyMap<number, number>;
  /** `--label k=v` pairs, already rendered as flags. */
  readonly labelFlags: readonly string[];
  /** False when the real images are used: then `--pull=always` runs as written. */
  readonly dropPull: boolean;
  readonly firewallComment: string;
  /** `label=KEY=VALUE` naming this session, for the listings a command substitutes. */
  readonly sessionFilter: string;
  /**
   * The variable through which the version's app tells its sandboxes the host port to call
   * it back on (1.x: SANDBOX_HOST_PORT, default 3000), and the app's container port. When
   * the harness moves that host port, the app must be told, as a reader who picks another
   * port would tell it.
   */
  readonly callbackPort?: { readonly variable: string; readonly containerPort: number };
  /**
   * The stand-in internet's resolver, for units that reach it (the egress section): every
   * container gets it with --dns, so no name a container looks up goes to the machine's own
   * resolvers (Docker's embedded DNS forwards what it cannot answer to them).
   */
  readonly resolver?: string;
}

const DOCUMENTED_NAME = /(?<![A-Za-z0-9_.-])(openhands-app|openhands-network|openhands-egress-proxy|openhands-egress|docker-socket-proxy|agent-canvas-state|agent-canvas-ui|agent-canvas|oh-egress0)(?![A-Za-z0-9_-])/g;

/** Image references contain documented names (`tecnativa/docker-socket-proxy`) but are not names. */
const IMAGE_REFERENCES = new Set(Object.keys(IMAGES).map((name) => imageReference(name as ImageName)));

function renameEdits(word: WordSpan, ctx: RewriteContext): Edit[] {
  const edits: Edit[] = [];
  if (IMAGE_REFERENCES.has(word.raw)) return edits;
  for (const match of word.raw.matchAll(DOCUMENTED_NAME)) {
    const name = match[1]!;
    const replacement = ctx.names.get(name);
    if (!replacement) continue;
    const offset = word.offset + match.index;
    edits.push({ offset, end: offset + name.length, replacement, rule: 'unique-name' });
  }
  return edits;
}

function publishEdit(value: WordSpan, ctx: RewriteContext): (Edit & { containerPort: number; moved: number }) | undefined {
  // The host address may be literal or a variable read from the reader's engine ("${BRIDGE_GATEWAY:?...}").
  const match = /^((?:[0-9.]+:|"\$(?:\w+|\{\w+(?::\?[^}]*)?\})":)?)(\d+)(:(\d+)(?:\/\w+)?)$/.exec(value.raw);
  if (!match) return undefined;
  const moved = ctx.hostPorts.get(Number(match[2]));
  if (moved === undefined) return undefined;
  return { offset: value.offset, end: value.end, replacement: `${match[1]}${moved}${match[3]}`, rule: 'free-host-port', containerPort: Number(match[4]), moved };
}

const LISTING = /^docker ps\b/;

/**
 * `$(docker ps ... --filter name=...)` would list every matching container on the daemon,
 * the reader's own and other runs' included: the listing also gets this session's label.
 */
function listingEdits(word: WordSpan, ctx: RewriteContext): Edit[] {
  const edits: Edit[] = [];
  for (const part of word.parts ?? []) {
    if (part.kind !== 'command' || part.command === undefined || !LISTING.test(part.command)) continue;
    const at = part.offset + '$('.length + 'docker ps'.length;
    edits.push({ offset: at, end: at, replacement: ` --filter ${ctx.sessionFilter}`, rule: 'session-filter' });
  }
  return edits;
}

const INSPECT = /^docker network inspect\b/;

/**
 * `export X=$(docker network inspect openhands-network ...)` reads what an earlier command
 * created: the name inside is renamed like the network itself, or it would read the reader's
 * own network of that name (or none).
 */
function inspectEdits(word: WordSpan, ctx: RewriteContext): Edit[] {
  const inspects = (word.parts ?? []).some((part) => part.kind === 'command' && part.command !== undefined && INSPECT.test(part.command));
  return inspects ? renameEdits(word, ctx) : [];
}

function commandEdits(command: CommandSpan, ctx: RewriteContext): Edit[] {
  const words = command.words;
  const [first, second, third] = words;
  const edits: Edit[] = [];
  if (first?.raw === 'export') return words.slice(1).flatMap((word) => inspectEdits(word, ctx));
  if (first?.raw === 'iptables') {
    const last = words[words.length - 1]!;
    const comment = ` -m comment --comment ${ctx.firewallComment}`;
    // A bridge the unit's network was given (`-i oh-egress0`) is renamed like the network.
    return [...words.slice(1).flatMap((word) => renameEdits(word, ctx)), { offset: last.end, end: last.end, replacement: comment, rule: 'firewall-comment' }];
  }
  if (first?.raw !== 'docker') return edits;
  if (second?.raw === 'build') {
    // The built image is already there under its documented reference (a stand-in of the same packages, or the reader's own build).
    const tag = words.findIndex((word) => word.raw === '-t' || word.raw === '--tag');
    const reference = words[tag + 1]?.raw ?? '';
    const last = words[words.length - 1]!;
    return [{ offset: second.offset, end: last.end, replacement: `image inspect --format '{{.Id}}' ${reference}`, rule: 'no-build' }];
  }
  const isRun = second?.raw === 'run';
  const isNetworkCreate = second?.raw === 'network' && third?.raw === 'create';
  // Commands that only name what earlier commands created: names are renamed, nothing else.
  const isReference = second?.raw === 'rm' || second?.raw === 'logs' || second?.raw === 'exec' || (second?.raw === 'network' && (third?.raw === 'rm' || third?.raw === 'connect'));
  if (isReference) {
    for (const word of words.slice(second?.raw === 'network' ? 3 : 2)) edits.push(...renameEdits(word, ctx), ...listingEdits(word, ctx));
    return edits;
  }
  if (!isRun && !isNetworkCreate) return edits;
  const anchor = isRun ? second! : third!;
  edits.push({ offset: anchor.end, end: anchor.end, replacement: ` ${ctx.labelFlags.join(' ')}`, rule: 'session-labels' });
  if (isRun && ctx.resolver) edits.push({ offset: anchor.end, end: anchor.end, replacement: ` --dns ${ctx.resolver}`, rule: 'stand-in-resolver' });
  let callback: number | undefined;
  const setsCallback = ctx.callbackPort !== undefined && words.some((w) => w.raw.startsWith(`${ctx.callbackPort!.variable}=`));
  for (let i = isRun ? 2 : 3; i < words.length; i++) {
    const word = words[i]!;
    if (isRun && word.raw === '-it') edits.push({ offset: word.offset, end: word.end, replacement: '-d', rule: 'no-tty' });
    else if (isRun && ctx.dropPull && word.raw.startsWith('--pull=')) {
      // Remove the flag and the blank before it, so the line still reads naturally.
      edits.push({ offset: word.offset - 1, end: word.end, replacement: '', rule: 'no-pull' });
    } else if (isRun && (word.raw === '-p' || word.raw === '--publish') && words[i + 1]) {
      const edit = publishEdit(words[i + 1]!, ctx);
      if (edit) {
        const { containerPort, moved, ...plain } = edit;
        edits.push(plain);
        if (containerPort === ctx.callbackPort?.containerPort) callback = moved;
      }
      i++;
    } else edits.push(...renameEdits(word, ctx));
  }
  if (callback !== undefined && !setsCallback) {
    edits.push({ offset: anchor.end, end: anchor.end, replacement: ` -e ${ctx.callbackPort!.variable}=${callback}`, rule: 'app-host-port' });
  }
  return edits;
}

/** Applies every rewrite to `text` and lists what changed, in text order. */
export function applyRewrites(
  text: string,
  commands: readonly CommandSpan[],
  ctx: RewriteContext,
): { text: string; rewrites: AppliedRewrite[] } {
  const edits = commands.flatMap((command) => commandEdits(command, ctx)).sort((a, b) => a.offset - b.offset);
  let out = '';
  let cursor = 0;
  const rewrites: AppliedRewrite[] = [];
  for (const edit of edits) {
    if (edit.offset < cursor) throw new Error(`overlapping rewrites at offset ${edit.offset} (${edit.rule})`);
    out += text.slice(cursor, edit.offset) + edit.replacement;
    rewrites.push({
      rule: edit.rule,
      reason: rewriteReason(edit.rule),
      offset: edit.offset,
      from: text.slice(edit.offset, edit.end),
      to: edit.replacement,
    });
    cursor = edit.end;
  }
  return { text: out + text.slice(cursor), rewrites };
}

/**
 * Replays the declared rewrites of one snippet on text a reader copied, then fills the
 * placeholders as the harness did: if the copy is what the harness started from, the
 * result is exactly what it ran. Throws where a rewrite's `from` is not at its offset,
 * i.e. where the copied text is not the text the harness rewrote.
 */
export function replayRewrites(
  copied: string,
  snippetId: string,
  rewrites: readonly ReportedRewrite[],
  placeholders: readonly { readonly placeholder: string; readonly value: string }[],
): string {
  let out = '';
  let cursor = 0;
  const own = rewrites.filter((r) => r.snippet === snippetId).sort((a, b) => a.offset - b.offset);
  for (const rewrite of own) {
    const found = copied.slice(rewrite.offset, rewrite.offset + rewrite.from.length);
    if (rewrite.offset < cursor || found !== rewrite.from) {
      throw new Error(
        `Snippet "${snippetId}": unexpected ${JSON.stringify(found)} at offset ${rewrite.offset} of the copied text, expected ${JSON.stringify(rewrite.from)} (rewrite ${rewrite.rule}): the copy is not the text the harness ran`,
      );
    }
    out += copied.slice(cursor, rewrite.offset) + rewrite.to;
    cursor = rewrite.offset + rewrite.from.length;
  }
  let ran = out + copied.slice(cursor);
  for (const { placeholder, value } of placeholders) ran = ran.replaceAll(placeholder, value);
  return ran;
}
