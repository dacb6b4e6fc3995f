import { spawn, spawnSync } from 'node:child_process';

/**
 * The one way the harness talks to the Docker daemon: the docker CLI on PATH, so the
 * daemon is whatever DOCKER_HOST (or the default socket) names, exactly as for a reader.
 *
 * Processes are run with node:child_process rather than execa: execa 9 is ESM-only and
 * cannot be loaded by `npx tsx` in this CommonJS package, and these modules must work
 * both there and under vitest.
 */

export interface ProcessOptions {
  readonly input?: string;
  readonly cwd?: string;
  /** Added to the inherited environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Milliseconds before the process is killed (SIGKILL). */
  readonly timeout?: number;
}

export interface ProcessResult {
  readonly stdout: string;
  readonly stderr: string;
  /** The exit code; 124 when killed by the timeout, -1 when the program could not start. */
  readonly exitCode: number;
  readonly timedOut: boolean;
}

function trimEnd(text: string): string {
  return text.replace(/\n$/, '');
}

/** Runs a program and collects its output; never rejects. */
export function runProcess(file: string, args: readonly string[], opts: ProcessOptions = {}): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = spawn(file, [...args], { cwd: opts.cwd, env: opts.env ? { ...process.env, ...opts.env } : process.env });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const finish = (result: ProcessResult): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      resolve(result);
    };
    const timer = opts.timeout
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, opts.timeout)
      : undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => finish({ stdout, stderr: `${stderr}${error.message}`, exitCode: -1, timedOut }));
    child.on('close', (code) =>
      finish({ stdout: trimEnd(stdout), stderr: trimEnd(stderr), exitCode: timedOut ? 124 : (code ?? -1), timedOut }),
    );
    child.stdin.on('error', () => {
      // The program may exit without reading its input.
    });
    child.stdin.end(opts.input ?? '');
  });
}

export function runProcessSync(file: string, args: readonly string[], opts: ProcessOptions = {}): ProcessResult {
  const result = spawnSync(file, [...args], {
    cwd: opts.cwd,
    env: opts.env ? { ...process.env, ...opts.env } : process.env,
    input: opts.input ?? '',
    timeout: opts.timeout,
    killSignal: 'SIGKILL',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return {
    stdout: trimEnd(result.stdout ?? ''),
    stderr: trimEnd(`${result.stderr ?? ''}${result.error && !timedOut ? result.error.message : ''}`),
    exitCode: timedOut ? 124 : (result.status ?? -1),
    timedOut,
  };
}

export interface DockerOptions {
  /** Text written to the command's stdin. */
  readonly input?: string;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Milliseconds before the command is killed. */
  readonly timeout?: number;
  /** Resolve with the result instead of throwing when the command fails. */
  readonly reject?: boolean;
}

export interface DockerResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export class DockerCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | undefined,
    readonly stderr: string,
  ) {
    super(`\`docker ${args.join(' ')}\` failed (exit ${exitCode ?? 'none'}): ${stderr.trim() || '(no stderr)'}`);
    this.name = 'DockerCommandError';
  }
}

/** Runs `docker ...args` and returns its trimmed stdout; throws DockerCommandError on failure. */
export async function docker(args: readonly string[], opts: DockerOptions = {}): Promise<string> {
  const result = await dockerResult(args, opts);
  if (result.exitCode !== 0 && opts.reject !== false) {
    throw new DockerCommandError(args, result.exitCode, result.stderr);
  }
  return result.stdout;
}

/** Runs `docker ...args` and returns stdout, stderr and exit code, failing or not. */
export async function dockerResult(args: readonly string[], opts: DockerOptions = {}): Promise<DockerResult> {
  const result = await runProcess('docker', args, opts);
  if (result.timedOut || result.exitCode === -1) {
    const reason = result.timedOut ? `timed out after ${opts.timeout} ms. ${result.stderr}` : result.stderr;
    // With reject: false a caller wants a result it can test, even for a hung command.
    if (opts.reject === false) return { stdout: result.stdout, stderr: reason, exitCode: result.exitCode };
    throw new DockerCommandError(args, undefined, reason);
  }
  return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
}

/**
 * Synchronous variant, for process 'exit' handlers, where nothing asynchronous runs.
 * Never throws: cleanup code reports failures instead of stopping half-way.
 */
export function dockerSync(args: readonly string[], timeout = 60_000): DockerResult {
  const { stdout, stderr, exitCode } = runProcessSync('docker', args, { timeout });
  return { stdout, stderr, exitCode };
}

export interface PortBinding {
  readonly HostIp: string;
  readonly HostPort: string;
}

export interface EndpointSettings {
  readonly IPAddress: string;
  readonly Gateway: string;
  readonly NetworkID: string;
  readonly Aliases: readonly string[] | null;
}

export interface MountPoint {
  readonly Type: string;
  readonly Source: string;
  readonly Destination: string;
  readonly RW: boolean;
}

/** The subset of `docker inspect <container>` the harness reads. */
export interface ContainerInspect {
  readonly Id: string;
  readonly Name: string;
  readonly Config: {
    readonly User: string;
    readonly Env: readonly string[] | null;
    readonly Image: string;
    readonly Labels: Readonly<Record<string, string>> | null;
    readonly Hostname: string;
  };
  readonly Image: string;
  /** The arguments after the entrypoint (or the command when there is none). */
  readonly Args: readonly string[];
  readonly HostConfig: {
    readonly PortBindings: Readonly<Record<string, readonly PortBinding[] | null>> | null;
    readonly NanoCpus: number;
    readonly Memory: number;
    readonly NetworkMode: string;
    readonly ExtraHosts: readonly string[] | null;
    readonly Binds: readonly string[] | null;
  };
  readonly NetworkSettings: {
    readonly Networks: Readonly<Record<string, EndpointSettings>>;
    readonly Ports: Readonly<Record<string, readonly PortBinding[] | null>> | null;
  };
  readonly Mounts: readonly MountPoint[];
  readonly State: {
    readonly Status: string;
    readonly Running: boolean;
    readonly ExitCode: number;
    readonly Pid: number;
    readonly Error: string;
  };
}

export async function inspectContainer(nameOrId: string): Promise<ContainerInspect> {
  const out = await docker(['container', 'inspect', '--format', '{{json .}}', nameOrId]);
  return JSON.parse(out) as ContainerInspect;
}

/** The Engine version of the daemon, e.g. `20.10.24+dfsg1`. */
export async function daemonVersion(): Promise<string> {
  return docker(['version', '--format', '{{.Server.Version}}']);
}

/** Major and minor of the Engine version, for behaviour that changed between releases. */
export { parseEngineVersion } from './engine-version';
