/**
 * How the harness builds a stand-in for an image no registry can give it here
 * (scripts/harness/images/context.ts): a FROM scratch image from a folder of the version's
 * `stand-ins/`, the files it lists, and the host binaries it needs.
 */
/** scripts/harness/stand-ins/lib/<name>.sh */
export type SharedLibrary = 'http-server' | 'json' | 'useradd';

export interface StandInSpec {
  /** The folder holding the Dockerfile, relative to the repository root. */
  readonly dir: string;
  /** Files of that folder and where they go in the image (path under the image's /). */
  readonly files: Readonly<Record<string, string>>;
  /** The host's static busybox at /bin/busybox. */
  readonly busybox: boolean;
  /** The static docker CLI at /usr/local/bin/docker (an app that starts sandboxes). */
  readonly dockerCli: boolean;
  /** Debian's HAProxy with the shared libraries it links, at /usr/sbin/haproxy. */
  readonly haproxy: boolean;
  /** Debian's squid with its libraries, helpers and data, as its packages install it. */
  readonly squid?: boolean;
  /** Debian's socat (installed by ensure-daemon.sh) with the libraries it links, at /usr/bin/socat. */
  readonly socat?: boolean;
  /**
   * Shell libraries the stand-ins share (scripts/harness/stand-ins/lib/<name>.sh), each put at
   * /usr/local/lib/openhands-guide/<name>.sh: the HTTP server, and Debian's useradd rules.
   */
  readonly libraries: readonly SharedLibrary[];
  /** Given a digest reference, as a pulled image has, because a snippet runs it by digest. */
  readonly digest?: boolean;
}
