import type { StandInSpec } from '../../../stand-in';

const DIR = 'src/snippets/versions/0.33/stand-ins';

/** Stand-ins of the 0.33 images; each folder's Dockerfile cites what it models. */
export const STAND_INS = {
  'openhands-0.33': {
    dir: `${DIR}/openhands`,
    files: {
      'entrypoint.sh': 'app/entrypoint.sh',
      'openhands-stand-in.sh': 'app/openhands-stand-in.sh',
      passwd: 'etc/passwd',
      group: 'etc/group',
    },
    busybox: true,
    dockerCli: true,
    haproxy: false,
    libraries: ['json', 'useradd'],
    digest: true,
  },
  'runtime-0.33': {
    dir: `${DIR}/runtime`,
    files: { 'openhands-runtime-stand-in.sh': 'openhands-runtime-stand-in.sh', passwd: 'etc/passwd', group: 'etc/group' },
    busybox: true,
    dockerCli: false,
    haproxy: false,
    libraries: [],
  },
} as const satisfies Record<string, StandInSpec>;
