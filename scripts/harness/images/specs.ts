/**
 * Which stand-ins the harness can build, where their sources are, and the private names
 * their builds go under.
 */
import { join } from 'node:path';
import type { ImageName } from '../../../src/snippets/images';
import type { StandInSpec } from '../../../src/snippets/stand-in';
import { VERSION_IDS } from '../../../src/snippets/versions';
import { STAND_INS } from '../../../src/snippets/versions/stand-ins';

/** A documented image, or the harness's own tool image `probe`. */
export type StandInName = ImageName | 'probe';

export const ROOT = join(__dirname, '..', '..', '..');

/** The stand-ins every version shares, and their shell libraries (relative to ROOT). */
const HARNESS_STAND_INS = 'scripts/harness/stand-ins';

/**
 * Every stand-in the harness can build: each version's (src/snippets/versions/<v>/stand-ins),
 * the socket proxy all versions share, and the harness's own probe image.
 */
export const STAND_IN_SPECS: Readonly<Record<StandInName, StandInSpec>> = {
  ...(Object.assign({}, ...VERSION_IDS.map((v) => STAND_INS[v])) as Record<ImageName, StandInSpec>),
  'socket-proxy': {
    dir: `${HARNESS_STAND_INS}/socket-proxy`,
    files: { 'docker-socket-proxy-stand-in.sh': 'usr/local/bin/docker-socket-proxy-stand-in.sh' },
    busybox: true,
    dockerCli: false,
    haproxy: true,
    libraries: [],
  },
  // The image the egress section's Dockerfile builds from Debian's squid and socat (src/snippets/egress-proxy.ts).
  'egress-proxy': { dir: `${HARNESS_STAND_INS}/squid`, files: {}, busybox: true, dockerCli: false, haproxy: false, squid: true, socat: true, libraries: [] },
  probe: { dir: `${HARNESS_STAND_INS}/probe`, files: {}, busybox: true, dockerCli: false, haproxy: false, libraries: [] },
};

/** Where the shell libraries of SharedLibrary live on the host (src/snippets/stand-in.ts). */
export const SHARED_LIBRARIES = join(ROOT, HARNESS_STAND_INS, 'lib');

export function privateRepository(standIn: StandInName): string {
  return standIn === 'probe' ? `openhands-guide/${standIn}` : `openhands-guide/stand-in-${kebab(standIn)}`;
}

/** Where earlier versions of the harness kept their stand-in builds (labelled LEGACY_LABEL.standIn). */
export const LEGACY_PRIVATE_REPOSITORY_PREFIX = 'openhands-guide/model-';

export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
