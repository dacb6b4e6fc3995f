import type { ImageRef } from './image-ref';

/**
 * The egress section's allow-list proxy: Debian bookworm's squid (and socat, which carries the
 * web interface's port off the internal network), in an image the reader builds from Debian's
 * own packages with the Dockerfile below. No proxy image with a tag that could be confirmed in
 * its maintainer's source was found (research/16-egress-upstream.md, section 6), and Debian's
 * package is the one the tests' stand-in is made of (scripts/harness/stand-ins/squid).
 */
export const EGRESS_PROXY_IMAGES = {
  'egress-proxy': { repository: 'openhands-egress-proxy', tag: 'bookworm' },
} as const satisfies Record<string, ImageRef>;

/** The folder under the reader's home that holds the proxy's files. */
export const EGRESS_FOLDER = 'egress-proxy' as const;

/** Where the image reads its two files, mounted read-only from EGRESS_FOLDER. */
export const SQUID_CONF_TARGET = '/etc/squid/squid.conf';
export const ALLOWLIST_TARGET = '/etc/squid/allowlist.txt';
/** Where squid writes one line per request, refused ones included (squid.conf below). */
export const ACCESS_LOG = '/var/log/squid/access.log';
export const PROXY_PORT = 3128;

export const DOCKERFILE_LINES = [
  'FROM debian:bookworm-slim',
  'RUN apt-get update && apt-get install -y --no-install-recommends squid socat && rm -rf /var/lib/apt/lists/*',
  `CMD ["squid", "-N", "-f", "${SQUID_CONF_TARGET}"]`,
] as const;

/**
 * squid 5.7's configuration. The order is the design (squid checks http_access lines top down
 * and stops at the first match):
 * - `deny !tls_port` first: only port 443, so no other port of an allowed host, and no plain HTTP;
 * - `deny !allowed` before any `dst` check: a `dst` ACL makes squid look the name up, and a
 *   lookup of an unlisted name would itself carry data out; `-n`: a literal address is never
 *   looked up in reverse, so it matches no name;
 * - `deny link_local`: a listed name that resolves to the metadata range is still refused.
 */
export const SQUID_CONF_LINES = [
  `http_port ${PROXY_PORT}`,
  `acl allowed dstdomain -n "${ALLOWLIST_TARGET}"`,
  'acl tls_port port 443',
  'acl link_local dst 169.254.0.0/16 fe80::/10',
  'http_access deny !tls_port',
  'http_access deny !allowed',
  'http_access deny link_local',
  'http_access allow allowed',
  'http_access deny all',
  'cache deny all',
  `access_log stdio:${ACCESS_LOG}`,
  'pinger_enable off',
  // A restart waits this long for open connections (30 s by default), which holds up adding a name.
  'shutdown_lifetime 1 seconds',
  // squid sizes a table by the descriptor limit, which a container may have at a million or more.
  'max_filedescriptors 4096',
] as const;
