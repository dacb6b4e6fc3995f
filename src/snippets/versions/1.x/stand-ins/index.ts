import type { StandInSpec } from '../../../stand-in';

const DIR = 'src/snippets/versions/1.x/stand-ins';

/** Stand-ins of the 1.x images; each Dockerfile opens with what it models and cites. */
export const STAND_INS = {
  'openhands-1.x': {
    dir: `${DIR}/openhands`,
    files: {
      'entrypoint.sh': 'app/entrypoint.sh',
      'openhands-stand-in.sh': 'app/openhands-stand-in.sh',
      'openhands-lib.sh': 'app/openhands-lib.sh',
      'openhands-handler.sh': 'app/openhands-handler.sh',
      passwd: 'etc/passwd',
      group: 'etc/group',
    },
    busybox: true,
    dockerCli: true,
    haproxy: false,
    libraries: ['http-server', 'json', 'useradd'],
    digest: true,
  },
  'agent-server-1.x': {
    dir: `${DIR}/agent-server`,
    files: {
      'openhands-agent-server.sh': 'usr/local/bin/openhands-agent-server',
      'agent-server-handler.sh': 'usr/local/lib/openhands-guide/agent-server-handler.sh',
      passwd: 'etc/passwd',
      group: 'etc/group',
    },
    busybox: true,
    dockerCli: false,
    haproxy: false,
    libraries: ['http-server', 'json'],
  },
} as const satisfies Record<string, StandInSpec>;
