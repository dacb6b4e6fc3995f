/**
 * Values in running text: what a reader takes from prose as a setting, an address, a
 * port or a limit. Pure, so test/docs can hold each pattern to examples.
 *
 * Two sources:
 * - inline code that holds a value: a flag with a value (`--memory=4g`, `-p A:B:C`,
 *   `--user 1000:docker`), an assignment (`NAME=value`), an IPv4 address or subnet, an image
 *   reference with a tag or digest, a port range;
 * - plain text that states one: IPv4 addresses, memory sizes (`4 GiB`), CPU counts
 *   (`2 CPUs`, `CPU 2 個分`), ports (`port 3000`, `ポート 3000`), port ranges.
 * Names alone (`openhands-network`, `SANDBOX_USER_ID`) and flags without values (`--rm`)
 * are not values.
 */

export type ValueKind = 'literal' | 'memory' | 'cpus' | 'port' | 'address';

export interface ProseValue {
  readonly kind: ValueKind;
  /** As written. */
  readonly text: string;
  /** What it means, for comparison: the literal, bytes, CPUs, a port number, an address. */
  readonly normal: string;
  /** Offset of `text` in the string it was found in. */
  readonly offset: number;
}

const IPV4 = String.raw`(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}`;
const ADDRESS = new RegExp(String.raw`(?<![\d.])${IPV4}(?:/\d{1,2})?(?![\d.]*\d)`, 'g');
/** Port ranges: 4 or 5 digits each side; not part of an identifier such as CVE-2025-54388. */
const RANGE = /(?<![\w.-])(\d{4,5})\s*[–-]\s*(\d{4,5})(?![\w.])/g;
const MEMORY = /(?<![\w.])(\d+(?:\.\d+)?)\s?(GiB|MiB|GB|MB)(?![\w])/g;
const CPUS = /(?<![\w.])(\d+(?:\.\d+)?)\s?CPUs?(?![\w])|CPU\s?(\d+(?:\.\d+)?)\s?個分/g;
const PORT = /\b[Pp]orts?\s(\d{2,5})\b|ポート\s?(\d{2,5})(?!\d)/g;

const FLAG_WITH_VALUE = /^--?[A-Za-z][\w-]*(?:=|\s+)\S+/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=\S+$/;
const IMAGE_REFERENCE = /^[a-z0-9.-]+(?::\d+)?\/[a-z0-9._/-]+(?::[\w.-]+|@sha256:[0-9a-f]+)$/;
const WHOLE_ADDRESS = new RegExp(String.raw`^${IPV4}(?:/\d{1,2}|:\d{1,5})?$`);
const WHOLE_RANGE = /^\d{4,5}\s*[–-]\s*\d{4,5}$/;

const BYTES: Readonly<Record<string, number>> = { GiB: 1024 ** 3, MiB: 1024 ** 2, GB: 1024 ** 3, MB: 1024 ** 2 };

/** The value an inline code span states, if it states one. */
export function codeValue(code: string, offset = 0): ProseValue | undefined {
  const text = code.trim();
  if (FLAG_WITH_VALUE.test(text) || ASSIGNMENT.test(text) || IMAGE_REFERENCE.test(text) || WHOLE_ADDRESS.test(text) || WHOLE_RANGE.test(text)) {
    const normal = WHOLE_RANGE.test(text) ? text.replace(/\s*[–-]\s*/, '–') : text;
    return { kind: 'literal', text, normal, offset: offset + code.indexOf(text) };
  }
  return undefined;
}

/** Values stated in a stretch of plain text. */
export function textValues(text: string): ProseValue[] {
  const values: ProseValue[] = [];
  for (const match of text.matchAll(ADDRESS)) values.push({ kind: 'address', text: match[0], normal: match[0], offset: match.index });
  for (const match of text.matchAll(RANGE)) {
    values.push({ kind: 'literal', text: match[0], normal: `${match[1]}–${match[2]}`, offset: match.index });
  }
  for (const match of text.matchAll(MEMORY)) {
    const bytes = Number(match[1]) * (BYTES[match[2]!] ?? 1);
    values.push({ kind: 'memory', text: match[0], normal: String(bytes), offset: match.index });
  }
  for (const match of text.matchAll(CPUS)) {
    values.push({ kind: 'cpus', text: match[0], normal: String(Number(match[1] ?? match[2])), offset: match.index });
  }
  for (const match of text.matchAll(PORT)) values.push({ kind: 'port', text: match[0], normal: String(Number(match[1] ?? match[2])), offset: match.index });
  return values.sort((a, b) => a.offset - b.offset);
}
