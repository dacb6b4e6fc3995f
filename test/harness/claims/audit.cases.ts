import { facts } from './fake-context';
import type { CaseTable } from './scenario';
import { container, nothing, only } from './worlds';

const claim = { kind: 'audit', container: 'openhands-app' } as const;

/**
 * The audit checker answers "verified" whenever the container exists: the claim is the table, so
 * what must hold is each row's verdict. A checker that answered "verified" with no rows fails here.
 */
const hardened = () =>
  only({
    'openhands-app': container(
      facts('openhands-app', {
        networks: { 'openhands-network': { IPAddress: '172.30.0.2', Gateway: '172.30.0.1' } },
        ports: { '3000/tcp': [{ HostIp: '127.0.0.1', HostPort: '3000' }] },
        host: { Memory: 4 * 1024 ** 3, NanoCpus: 2e9, PidsLimit: 512, SecurityOpt: ['no-new-privileges:true'], NetworkMode: 'openhands-network' },
      }),
    ),
  });
const plain = () =>
  only({
    'openhands-app': container(
      facts('openhands-app', {
        networks: { bridge: { IPAddress: '172.17.0.2', Gateway: '172.17.0.1' } },
        ports: { '3000/tcp': [{ HostIp: '', HostPort: '3000' }] },
        mounts: [{ Type: 'bind', Source: '/var/run/docker.sock', Destination: '/var/run/docker.sock' }],
      }),
    ),
  });

export const AUDIT: CaseTable<'audit'> = {
  audit: {
    holds: [
      {
        name: 'a hardened container: the rows say which checks it meets',
        claim,
        context: hardened,
        expect: { status: 'verified', audit: { memory: true, cpu: true, pids: true, ports: true, 'host-network': true, privileged: true, 'docker-socket': true, 'read-only': false, 'no-new-privileges': true, 'health-check': false, 'default-bridge': true } },
      },
      {
        name: 'a plain container: the rows say which it misses',
        claim,
        context: plain,
        expect: { status: 'verified', audit: { memory: false, cpu: false, pids: false, ports: false, 'docker-socket': false, 'no-new-privileges': false, 'default-bridge': false } },
      },
    ],
    fails: [{ name: 'the container is gone: no table', claim, context: () => nothing(), expect: { status: 'failed', reason: 'does not exist' } }],
  },
};
