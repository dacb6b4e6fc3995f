import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimContext, StandInStatus } from '../../../scripts/harness/claims/context';
import { facts } from './fake-context';
import type { CaseTable, Scratch } from './scenario';
import { container, files, nothing, only, PROFILES } from './worlds';

const ME = { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
const TAG = 'docker.openhands.dev/openhands/openhands:1.11';
const DIGEST = `docker.openhands.dev/openhands/openhands@sha256:${'d'.repeat(64)}`;
const images = { imageReference: () => TAG, imageSource: () => 'stand-in' as const };

const withImage = (reference: string, id = 'sha256:app', known = 'sha256:app') =>
  only({ 'openhands-app': container(facts('openhands-app', { config: { Image: reference }, image: id })) }, { ...images, digestSource: '127.0.0.1:5000', imageId: async (ref) => (ref === TAG ? known : undefined) });

/** The 1.x app: the entrypoint shell stays root, the app serves as `uid`. */
const appAs = (uid: number, more: { listening?: boolean; processes?: { uid: number; args: string }[] } = {}) =>
  only(
    {
      'openhands-app': container(facts('openhands-app', { config: { User: '', Entrypoint: ['/app/entrypoint.sh'] } }), {
        listening: more.listening === false ? [] : [3000],
        processes: more.processes ?? [
          { uid: 0, args: '/bin/sh /app/entrypoint.sh uvicorn openhands.server.listen:app' },
          { uid: 0, args: 'su enduser -c uvicorn openhands.server.listen:app' },
          { uid, args: 'python -m uvicorn openhands.server.listen:app --port 3000' },
        ],
      }),
    },
    { profile: PROFILES['1.x'], reader: { uid: 1000, gid: 1000, workspace: '/nonexistent', cwd: '/nonexistent', existingFile: '/nonexistent/x' } },
  );

const processesAs = (...uids: number[]) =>
  only({ 'agent-canvas': container(facts('agent-canvas'), { processes: [{ uid: 0, args: '/usr/bin/tini -- /entrypoint.sh' }, ...uids.map((uid, i) => ({ uid, args: `node server-${i}.mjs` }))] }) });

const noNewPrivs = (options: string[] | null, flag: string | undefined) =>
  only({ 'openhands-app': container(facts('openhands-app', { host: { SecurityOpt: options } }), { exec: files(flag === undefined ? {} : { '/proc/1/status': `Name:\tsh\nNoNewPrivs:\t${flag}\nSeccomp:\t2\n` }) }) });

/**
 * The 0.33 app whose sandbox reports its first agent write; the host workspace holds what the
 * test puts there (`write`), as the bind mount would.
 */
function writes(scratch: Scratch, status: StandInStatus | undefined, write: (workspace: string) => void, source: 'stand-in' | 'real' = 'stand-in'): ClaimContext {
  const base = scratch.dir();
  const workspace = join(base, 'workspace');
  mkdirSync(workspace);
  write(workspace);
  return only({ 'openhands-app': container(facts('openhands-app'), { status }) }, {
    profile: PROFILES['0.33'],
    imageSource: () => source,
    reader: { ...ME, workspace, cwd: base, existingFile: join(workspace, 'x') },
  });
}
const wrote = (file: string, error: string | null = null): StandInStatus => ({ runtime: { reached: true, agentWrite: { file, uid: ME.uid, error } } });

export const IDENTITY: CaseTable<'image' | 'app-runs-as' | 'workspace-files-owned-by-user' | 'image-by-digest' | 'runs-as-uid' | 'no-new-privileges'> = {
  image: {
    holds: [{ name: 'Config.Image is the documented reference', claim: { kind: 'image', container: 'openhands-app', image: 'openhands-1.x' }, context: () => withImage(TAG), expect: { status: 'verified' } }],
    fails: [
      { name: 'another tag ran', claim: { kind: 'image', container: 'openhands-app', image: 'openhands-1.x' }, context: () => withImage('docker.openhands.dev/openhands/openhands:latest'), expect: { status: 'failed', reason: `expected ${TAG}` } },
      { name: 'the container is gone', claim: { kind: 'image', container: 'openhands-app', image: 'openhands-1.x' }, context: () => nothing(images), expect: { status: 'failed', reason: 'does not exist' } },
    ],
  },
  'app-runs-as': {
    holds: [
      { name: 'the app runs as the reader, only the entrypoint and su stay root', claim: { kind: 'app-runs-as', container: 'openhands-app', user: 'reader' }, context: () => appAs(1000), expect: { status: 'verified' } },
      { name: 'everything runs as root', claim: { kind: 'app-runs-as', container: 'openhands-app', user: 'root' }, context: () => appAs(0), expect: { status: 'verified' } },
    ],
    fails: [
      { name: 'the app stayed root', claim: { kind: 'app-runs-as', container: 'openhands-app', user: 'reader' }, context: () => appAs(0), expect: { status: 'failed', reason: 'runs as uid 0, expected 1000' } },
      { name: 'the app switched to the reader where root is claimed', claim: { kind: 'app-runs-as', container: 'openhands-app', user: 'root' }, context: () => appAs(1000), expect: { status: 'failed', reason: 'runs as uid 1000, expected 0' } },
      { name: 'only hand-over processes run', claim: { kind: 'app-runs-as', container: 'openhands-app', user: 'reader' }, context: () => appAs(1000, { processes: [{ uid: 0, args: 'su enduser -c true' }] }), expect: { status: 'failed', reason: 'has running processes' } },
      { name: 'the app never serves', claim: { kind: 'app-runs-as', container: 'openhands-app', user: 'reader' }, context: () => appAs(1000, { listening: false }), expect: { status: 'failed', reason: 'listens on port 3000' } },
    ],
  },
  'workspace-files-owned-by-user': {
    holds: [{ name: 'the agent\'s file is in the host workspace, the reader\'s', claim: { kind: 'workspace-files-owned-by-user', container: 'openhands-app' }, context: (s) => writes(s, wrote('/workspace/agent.txt'), (w) => writeFileSync(join(w, 'agent.txt'), 'x')), expect: { status: 'verified' } }],
    fails: [
      { name: 'the write landed in the sandbox, not in the mounted folder', claim: { kind: 'workspace-files-owned-by-user', container: 'openhands-app' }, context: (s) => writes(s, wrote('/workspace/agent.txt'), () => undefined), expect: { status: 'failed', reason: 'agent.txt appears in the mounted workspace on the host' } },
      {
        name: 'a file in the workspace belongs to another uid',
        needsRoot: true,
        claim: { kind: 'workspace-files-owned-by-user', container: 'openhands-app' },
        context: (s) => writes(s, wrote('/workspace/agent.txt'), (w) => (writeFileSync(join(w, 'agent.txt'), 'x'), chownSync(join(w, 'agent.txt'), 4242, 4242))),
        expect: { status: 'failed', reason: 'belongs to uid 4242' },
      },
      { name: 'the sandbox could not write', claim: { kind: 'workspace-files-owned-by-user', container: 'openhands-app' }, context: (s) => writes(s, wrote('/workspace/agent.txt', 'EACCES'), () => undefined), expect: { status: 'failed', reason: 'the sandbox wrote a file in its working directory' } },
      { name: 'the real image reports nothing', claim: { kind: 'workspace-files-owned-by-user', container: 'openhands-app' }, context: (s) => writes(s, undefined, () => undefined, 'real'), expect: { status: 'not-verifiable', notVerifiable: 'no-agent-writes' } },
    ],
  },
  'image-by-digest': {
    holds: [{ name: 'a digest reference, the image the tag points at', claim: { kind: 'image-by-digest', container: 'openhands-app', image: 'openhands-1.x' }, context: () => withImage(DIGEST), expect: { status: 'verified' } }],
    fails: [
      { name: 'run by tag', claim: { kind: 'image-by-digest', container: 'openhands-app', image: 'openhands-1.x' }, context: () => withImage(TAG), expect: { status: 'failed', reason: 'expected a digest reference' } },
      { name: 'the digest is of another image than the tag\'s', claim: { kind: 'image-by-digest', container: 'openhands-app', image: 'openhands-1.x' }, context: () => withImage(DIGEST, 'sha256:other'), expect: { status: 'failed', reason: 'is the image' } },
    ],
  },
  'runs-as-uid': {
    holds: [{ name: 'every process but tini as 10001', claim: { kind: 'runs-as-uid', container: 'agent-canvas', uid: 10001 }, context: () => processesAs(10001, 10001), expect: { status: 'verified' } }],
    fails: [
      { name: 'one process as root', claim: { kind: 'runs-as-uid', container: 'agent-canvas', uid: 10001 }, context: () => processesAs(10001, 0), expect: { status: 'failed', reason: 'runs as uid 0, expected 10001' } },
      { name: 'nothing but tini runs', claim: { kind: 'runs-as-uid', container: 'agent-canvas', uid: 10001 }, context: () => processesAs(), expect: { status: 'failed', reason: 'has running processes' } },
    ],
  },
  'no-new-privileges': {
    holds: [
      { name: 'SecurityOpt and the kernel\'s NoNewPrivs', claim: { kind: 'no-new-privileges', container: 'openhands-app' }, context: () => noNewPrivs(['no-new-privileges:true'], '1'), expect: { status: 'verified' } },
      { name: 'Podman\'s spelling of the option', claim: { kind: 'no-new-privileges', container: 'openhands-app' }, context: () => noNewPrivs(['no-new-privileges=true'], '1'), expect: { status: 'verified' } },
    ],
    fails: [
      { name: 'the option is recorded, the kernel does not set the flag', claim: { kind: 'no-new-privileges', container: 'openhands-app' }, context: () => noNewPrivs(['no-new-privileges:true'], '0'), expect: { status: 'failed', reason: 'NoNewPrivs of its first process: 0, expected 1' } },
      { name: 'no option', claim: { kind: 'no-new-privileges', container: 'openhands-app' }, context: () => noNewPrivs(null, '0'), expect: { status: 'failed', reason: 'HostConfig.SecurityOpt = []' } },
      { name: 'the status cannot be read', claim: { kind: 'no-new-privileges', container: 'openhands-app' }, context: () => noNewPrivs(['no-new-privileges'], undefined), expect: { status: 'failed', reason: '(unreadable)' } },
    ],
  },
};
