import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { labelArgs, sessionLabels, type Role, type SessionIdentity } from './labels';

/**
 * One harness run against the daemon. Everything the run creates carries its id (labels,
 * iptables comments) or its suffix (names), so concurrent runs never collide and cleanup
 * removes only what this run made.
 *
 * A session is also recorded in a small file under /run/openhands-guide/sessions, with the
 * owner's pid and process start time. The sweep of crashed sessions reads it: a pid alone
 * can be reused, and netns names and iptables comments carry no pid.
 */

const ID_BYTES = 16;
const SUFFIX_LENGTH = 6;

export interface SessionRecord extends SessionIdentity {
  readonly suffix: string;
  /** Start time of the owning process in clock ticks since boot (/proc/<pid>/stat field 22). */
  readonly processStart: string | null;
}

export class Session implements SessionRecord {
  readonly suffix: string;

  private constructor(
    readonly id: string,
    readonly pid: number,
    readonly host: string,
    readonly processStart: string | null,
  ) {
    this.suffix = suffixOf(id);
  }

  /** Creates a session with a fresh id whose suffix no recorded session on this host uses, and records it. */
  static create(): Session {
    const taken = new Set(listSessionRecords().map((record) => record.suffix));
    for (;;) {
      const id = randomBytes(ID_BYTES).toString('hex');
      if (taken.has(suffixOf(id))) continue;
      const session = new Session(id, process.pid, hostname(), processStartTime(process.pid));
      writeRecord(session);
      return session;
    }
  }

  /** A documented name made unique to this run: `openhands-app` -> `openhands-app-1a2b3c`. */
  name(base: string): string {
    return `${base}-${this.suffix}`;
  }

  /** The network namespace that plays another host on the LAN. */
  get lanNamespace(): string {
    return `ohg-${this.suffix}-lan`;
  }

  /** The comment on every iptables rule this session adds. */
  get firewallComment(): string {
    return firewallCommentFor(this.id);
  }

  labels(role?: Role): Record<string, string> {
    return sessionLabels(this, role);
  }

  /** `--label` flags carrying this session (and role) for docker CLI commands. */
  labelArgs(role?: Role): string[] {
    return labelArgs(this.labels(role));
  }

  record(): SessionRecord {
    return { id: this.id, suffix: this.suffix, pid: this.pid, host: this.host, processStart: this.processStart };
  }

  /** Forgets the session record; call after its resources are gone. */
  end(): void {
    forgetSessionRecord(this.id);
  }
}

/** Names derive from the id, so an id found on a label is enough to find the rest. */
export function suffixOf(id: string): string {
  return id.slice(0, SUFFIX_LENGTH);
}

export const FIREWALL_COMMENT_PREFIX = 'openhands-guide-';

export function firewallCommentFor(id: string): string {
  return `${FIREWALL_COMMENT_PREFIX}${id}`;
}

/** The harness's host-wide state: session records and locks. OPENHANDS_GUIDE_RUN_DIR overrides it. */
export function runDir(): string {
  return (
    process.env.OPENHANDS_GUIDE_RUN_DIR ??
    (process.getuid?.() === 0 ? '/run/openhands-guide' : join(tmpdir(), `openhands-guide-${process.getuid?.() ?? 'user'}`))
  );
}

export function sessionsDir(): string {
  return join(runDir(), 'sessions');
}

function writeRecord(record: SessionRecord): void {
  const dir = sessionsDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${record.id}.json`), `${JSON.stringify(record)}\n`);
}

export function forgetSessionRecord(id: string): void {
  rmSync(join(sessionsDir(), `${id}.json`), { force: true });
}

export function listSessionRecords(): SessionRecord[] {
  let files: string[];
  try {
    files = readdirSync(sessionsDir());
  } catch {
    return [];
  }
  const records: SessionRecord[] = [];
  for (const file of files) {
    if (!file.endsWith('.json')) continue;
    try {
      records.push(JSON.parse(readFileSync(join(sessionsDir(), file), 'utf8')) as SessionRecord);
    } catch {
      // A record being written right now, or garbage: neither names a session to sweep.
    }
  }
  return records;
}

export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (comm) may contain spaces and parentheses; count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

export function isPidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process that owns a session recorded on this host still runs (and is the same process). */
export function isSessionRecordLive(record: SessionRecord): boolean {
  if (record.host !== hostname()) return true;
  if (!isPidAlive(record.pid)) return false;
  if (record.processStart === null) return true;
  return processStartTime(record.pid) === record.processStart;
}

/**
 * Whether the session named by an object's labels may still be running. Conservative:
 * an object from another host, or one whose labels are incomplete, counts as live.
 */
export function isLabelledSessionLive(labels: { readonly id?: string; readonly pid?: string; readonly host?: string }): boolean {
  if (labels.id === undefined || labels.pid === undefined || labels.host === undefined) return true;
  if (labels.host !== hostname()) return true;
  const record = listSessionRecords().find((candidate) => candidate.id === labels.id);
  if (record) return isSessionRecordLive(record);
  return isPidAlive(Number(labels.pid));
}
