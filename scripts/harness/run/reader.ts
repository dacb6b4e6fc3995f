import { chown, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { readerFolderPrefix } from './reader-folders';
import { inHostNet, readerEnvironment } from '../host-net';

/**
 * Who runs a snippet. A reader is an ordinary user in the `docker` group, not root:
 * `$(id -u)` must give a non-root uid, or the `SANDBOX_USER_ID` claims would prove
 * nothing. When the harness runs as root it becomes such a user with setpriv (no
 * account is added to the machine); otherwise it runs as whoever started it.
 */
export interface Reader {
  readonly uid: number;
  readonly gid: number;
  /** Supplementary group that may use the Docker socket, when there is one. */
  readonly dockerGid: number | undefined;
  readonly home: string;
  /** Filled in for the `/path/to/your/code` placeholders. */
  readonly workspace: string;
  /** A file of the reader's in the workspace, there before any command runs (mode 644, the reader's uid and gid). */
  readonly existingFile: string;
  readonly root: string;
  readonly switchesUser: boolean;
}

/** The name of the reader's own file in the workspace (Reader.existingFile). */
const EXISTING_FILE = 'notes-of-the-reader.txt';

/** A uid the app image does not know (it has root and 42420 only), as on a typical desktop. */
const READER_UID = 1000;

async function socketGroup(): Promise<number | undefined> {
  const host = process.env.DOCKER_HOST;
  const path = host?.startsWith('unix://') ? host.slice('unix://'.length) : host ? undefined : '/var/run/docker.sock';
  if (!path) return undefined;
  return (await stat(path).catch(() => undefined))?.gid;
}

export async function createReader(suffix: string): Promise<Reader> {
  const isRoot = process.getuid?.() === 0;
  const root = await mkdtemp(readerFolderPrefix(suffix));
  const home = join(root, 'home');
  const workspace = join(root, 'workspace');
  await mkdir(home);
  await mkdir(workspace);
  const uid = isRoot ? READER_UID : process.getuid!();
  const gid = isRoot ? READER_UID : process.getgid!();
  // A file the reader already has in the folder they mount, as any project folder does.
  const existingFile = join(workspace, EXISTING_FILE);
  await writeFile(existingFile, 'the reader wrote this before starting OpenHands\n', { mode: 0o644 });
  if (isRoot) {
    for (const path of [root, home, workspace, existingFile]) await chown(path, uid, gid);
  }
  return { uid, gid, dockerGid: await socketGroup(), home, workspace, root, existingFile, switchesUser: isRoot };
}

export async function removeReader(reader: Reader): Promise<void> {
  // Containers wrote here as other uids; the harness (root when it switched users) removes it all.
  await rm(reader.root, { recursive: true, force: true });
}

/** [file, ...args] as inHostNet takes them. */
const split = (command: readonly string[]): [string, string[]] => [command[0]!, command.slice(1)];
const flat = ([file, args]: [string, string[]]): string[] => [file, ...args];

/** Longer than any page's commands take on a slow engine; a reader would have given up by then too. */
const SHELL_TIMEOUT_MS = 240_000;

export interface ShellResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

/**
 * Runs `text` as a reader would paste it into bash. By default with `-e`, so a failing
 * command stops the unit instead of letting later commands run against a half-made setup;
 * `pasted: true` runs on past a failing line, as an interactive shell does.
 */
export async function runShell(text: string, reader: Reader, options: { asRoot: boolean; pasted?: boolean; cwd?: string }): Promise<ShellResult> {
  const env = {
    HOME: options.asRoot ? reader.root : reader.home,
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
    LANG: 'C.UTF-8',
    ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    ...readerEnvironment(),
  };
  const bash = ['bash', '--noprofile', '--norc', ...(options.pasted ? [] : ['-e']), '-c', text];
  // On the reader's machine: the host, or the network namespace of the engine that stands for it.
  const asReader =
    reader.switchesUser && !options.asRoot
      ? [
          'setpriv',
          `--reuid=${reader.uid}`,
          `--regid=${reader.gid}`,
          reader.dockerGid === undefined ? '--clear-groups' : `--groups=${reader.dockerGid}`,
          ...bash,
        ]
      : bash;
  const [file, ...args] = flat(inHostNet(...split(asReader)));
  const started = performance.now();
  // A command that hangs (an engine that never answers) must not hang the run: it fails, with what
  // it printed. The shell leads a process group of its own, so its `docker` children go with it.
  const child = execa(file!, args, { env, extendEnv: false, reject: false, cwd: options.cwd ?? reader.root, stdin: 'ignore', detached: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, SHELL_TIMEOUT_MS);
  const result = await child.finally(() => clearTimeout(timer));
  if (timedOut) {
    return { exitCode: 124, stdout: String(result.stdout), stderr: `${String(result.stderr)}\n(the commands did not finish within ${SHELL_TIMEOUT_MS / 1000} s and were stopped)`, durationMs: performance.now() - started };
  }
  return {
    exitCode: result.exitCode ?? -1,
    stdout: String(result.stdout),
    stderr: String(result.stderr),
    durationMs: performance.now() - started,
  };
}
