/**
 * A stand-in's build context: a temporary folder with its Dockerfile and a rootfs/ of the
 * files its spec lists, the shared shell libraries it uses, and the host binaries it needs.
 * A FROM scratch image has no loader, so binaries must be static (or come with the shared
 * objects they load, for HAProxy).
 */
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runProcessSync } from '../docker';
import { UNPACKED_TOOLS } from '../tool-paths';
import { hashTree } from './hash';
import { ROOT, SHARED_LIBRARIES, STAND_IN_SPECS, type StandInName } from './specs';

const REQUIRED_DOCKER_CLI = '28.2.2';

export interface BuildContext {
  readonly dir: string;
  readonly hash: string;
}

/** Build contexts carry the builder's pid, so a sweep can tell a killed build's folder from a running one. */
const buildContextPrefix = (standIn: StandInName): string => join(tmpdir(), `ohg-build-${process.pid}-${standIn}-`);
const BUILD_CONTEXT = /^ohg-build-(\d+)-[a-zA-Z0-9.-]+-[A-Za-z0-9]{6}$/;

/** Removes the build contexts of builders that are no longer running; returns the paths. */
export function removeOrphanedBuildContextsSync(isAlive: (pid: number) => boolean): string[] {
  const removed: string[] = [];
  for (const entry of readdirSync(tmpdir(), { withFileTypes: true })) {
    const pid = entry.isDirectory() ? BUILD_CONTEXT.exec(entry.name)?.[1] : undefined;
    if (pid === undefined || isAlive(Number(pid))) continue;
    rmSync(join(tmpdir(), entry.name), { recursive: true, force: true });
    removed.push(join(tmpdir(), entry.name));
  }
  return removed;
}

interface HostBinaries {
  readonly busybox: string;
  readonly dockerCli: string;
  readonly haproxy: string;
  /** Debian's squid, unpacked with squid-common and squid-langpack (ensure-daemon.sh). */
  readonly squid: string;
  readonly socat: string;
}

function hostBinaries(): HostBinaries {
  return {
    busybox: process.env.OPENHANDS_GUIDE_BUSYBOX ?? firstExisting(['/bin/busybox', '/usr/bin/busybox'], 'busybox', 'apt-get install busybox-static'),
    dockerCli: process.env.OPENHANDS_GUIDE_DOCKER_CLI ?? firstExisting(['/usr/local/bin/docker', '/usr/bin/docker'], 'docker CLI', `install the static docker CLI ${REQUIRED_DOCKER_CLI} at /usr/local/bin/docker`),
    haproxy:
      process.env.OPENHANDS_GUIDE_HAPROXY ??
      firstExisting([join(UNPACKED_TOOLS, 'haproxy/usr/sbin/haproxy'), '/usr/sbin/haproxy'], 'HAProxy', 'run `bash scripts/docker/ensure-daemon.sh` as root (it unpacks Debian\'s haproxy), or set OPENHANDS_GUIDE_HAPROXY'),
    squid: join(UNPACKED_TOOLS, 'squid'),
    socat: process.env.OPENHANDS_GUIDE_SOCAT ?? firstExisting(['/usr/bin/socat'], 'socat', 'run `bash scripts/docker/ensure-daemon.sh` as root (it installs Debian\'s socat), or apt-get install socat'),
  };
}

function firstExisting(paths: readonly string[], what: string, fix: string): string {
  const found = paths.find((path) => existsSync(path));
  if (!found) throw new Error(`Cannot build stand-in images: no ${what} at ${paths.join(' or ')}; ${fix}`);
  return found;
}

/** Binaries copied into FROM scratch images must not need a loader or libraries. */
function assertStatic(path: string, what: string): void {
  const result = runProcessSync('file', ['-L', path]);
  if (result.exitCode !== 0) throw new Error(`Cannot check ${path} with \`file\` (${result.stderr.trim()}); apt-get install file`);
  if (!/statically linked|static-pie linked/.test(result.stdout)) {
    throw new Error(`${what} at ${path} is not statically linked (file says: ${result.stdout.trim()}); a FROM scratch stand-in image needs a static binary`);
  }
}

function assertDockerCliVersion(path: string): void {
  const version = runProcessSync(path, ['--version']).stdout;
  if (!version.includes(REQUIRED_DOCKER_CLI)) {
    throw new Error(`docker CLI at ${path} says "${version.trim()}", expected ${REQUIRED_DOCKER_CLI} (set OPENHANDS_GUIDE_DOCKER_CLI to a static ${REQUIRED_DOCKER_CLI})`);
  }
}

/** A dynamically linked binary and every shared object it loads, at the paths the loader expects them. */
function withLibraries(binary: string): string[] {
  const result = runProcessSync('ldd', [binary]);
  const missing = result.stdout.split('\n').filter((line) => line.includes('not found'));
  if (result.exitCode !== 0 || missing.length > 0) {
    throw new Error(`Cannot copy ${binary} into a stand-in image: ldd says ${missing.map((l) => l.trim()).join(', ') || result.stderr.trim()}; install the libraries it needs (ensure-daemon.sh does as root)`);
  }
  const paths = [binary];
  for (const line of result.stdout.split('\n')) {
    const match = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line);
    if (match?.[1]) paths.push(match[1]);
  }
  return paths;
}

/** The squid programs a start needs: the proxy, and the helpers it starts unless told not to. */
const SQUID_PROGRAMS = ['usr/sbin/squid', 'usr/lib/squid/unlinkd', 'usr/lib/squid/log_file_daemon'];

/**
 * Debian's squid as its packages lay it out: the programs with the libraries they link, the
 * error page style sheet, and the data squid reads at start (mime.conf, icons, and the
 * error pages, which squid-common links to squid-langpack's folder).
 */
function putSquid(unpacked: string, dir: string, put: (source: string, rootfsPath: string) => void): void {
  const data = [
    [join(unpacked, '..', 'squid-common', 'usr/share/squid'), 'usr/share/squid'],
    [join(unpacked, '..', 'squid-langpack', 'usr/share/squid-langpack'), 'usr/share/squid-langpack'],
  ] as const;
  const missing = [...SQUID_PROGRAMS.map((program) => join(unpacked, program)), ...data.map(([source]) => source)].filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(`Cannot build the squid stand-in: missing ${missing.join(', ')}; run \`bash scripts/docker/ensure-daemon.sh\` as root (it unpacks Debian's squid, squid-common and squid-langpack)`);
  }
  for (const program of SQUID_PROGRAMS) {
    const binary = join(unpacked, program);
    for (const path of withLibraries(binary)) put(path, path === binary ? program : path.slice(1));
  }
  put(join(unpacked, 'etc/squid/errorpage.css'), 'etc/squid/errorpage.css');
  for (const [source, target] of data) cpSync(source, join(dir, 'rootfs', target), { recursive: true, verbatimSymlinks: true });
}

/** Lays out the context of `standIn` in a new temporary folder; the caller removes `dir`. */
export function assembleContext(standIn: StandInName): BuildContext {
  const spec = STAND_IN_SPECS[standIn];
  const bins = hostBinaries();
  const dir = mkdtempSync(buildContextPrefix(standIn));
  const put = (source: string, rootfsPath: string): void => {
    const target = join(dir, 'rootfs', rootfsPath);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
    chmodSync(target, statSync(source).mode & 0o777);
  };
  if (!spec) throw new Error(`No stand-in for image ${standIn}: add one to its version's stand-ins/index.ts`);
  copyFileSync(join(ROOT, spec.dir, 'Dockerfile'), join(dir, 'Dockerfile'));
  for (const [file, rootfsPath] of Object.entries(spec.files)) put(join(ROOT, spec.dir, file), rootfsPath);
  for (const library of spec.libraries) put(join(SHARED_LIBRARIES, `${library}.sh`), `usr/local/lib/openhands-guide/${library}.sh`);
  if (spec.busybox) {
    assertStatic(bins.busybox, 'busybox');
    put(bins.busybox, 'bin/busybox');
  }
  if (spec.dockerCli) {
    assertStatic(bins.dockerCli, 'docker CLI');
    assertDockerCliVersion(bins.dockerCli);
    put(bins.dockerCli, 'usr/local/bin/docker');
  }
  if (spec.haproxy) {
    for (const path of withLibraries(bins.haproxy)) put(path, path === bins.haproxy ? 'usr/sbin/haproxy' : path.slice(1));
  }
  if (spec.squid) putSquid(bins.squid, dir, put);
  if (spec.socat) {
    for (const path of withLibraries(bins.socat)) put(path, path === bins.socat ? 'usr/bin/socat' : path.slice(1));
  }
  return { dir, hash: hashTree(dir) };
}
