import type { StandInSpec } from '../../../stand-in';

const DIR = 'src/snippets/versions/canvas/stand-ins/agent-canvas';
const STANDIN = 'opt/agent-canvas-standin';

/** The stand-in of the Agent Canvas image; agent-canvas/README.md lists what it models and cites. */
export const STAND_INS = {
  'agent-canvas': {
    dir: DIR,
    files: {
      'entrypoint.sh': 'opt/agent-canvas/entrypoint.sh',
      'defaults.env': 'opt/agent-canvas/defaults.env',
      'index.html': 'opt/agent-canvas/frontend/index.html',
      'openhands-agent-server': 'usr/local/bin/openhands-agent-server',
      'agent-server-handler.sh': `${STANDIN}/agent-server-handler.sh`,
      'static-server-stand-in.sh': `${STANDIN}/static-server-stand-in.sh`,
      'ingress-handler.sh': `${STANDIN}/ingress-handler.sh`,
      'automation-server-stand-in.sh': `${STANDIN}/automation-server-stand-in.sh`,
      'automation-handler.sh': `${STANDIN}/automation-handler.sh`,
      'openvscode-server': 'openhands/.openvscode-server/bin/openvscode-server',
      'editor-handler.sh': `${STANDIN}/editor-handler.sh`,
      'standin-lib.sh': `${STANDIN}/standin-lib.sh`,
      passwd: 'etc/passwd',
      group: 'etc/group',
    },
    busybox: true,
    dockerCli: false,
    haproxy: false,
    libraries: ['http-server', 'json'],
    digest: true,
  },
} as const satisfies Record<string, StandInSpec>;
