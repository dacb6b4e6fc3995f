import { mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimContext } from '../../../scripts/harness/claims/context';
import { facts } from './fake-context';
import type { CaseTable, Scratch } from './scenario';
import { container, only, PROFILES } from './worlds';

const ME = process.getuid?.() ?? 0;

/**
 * Agent Canvas with the reader's folder at /projects (it is its own sandbox). The agent's shell
 * is played by `exec`: it reports its uid and, where `allowed`, really writes in the host folder,
 * as the bind mount would, so the checker's look on the host sees what the kernel allowed.
 */
function agent(scratch: Scratch, allowed: boolean, more: { uid?: number; mounted?: boolean } = {}): ClaimContext {
  const base = scratch.dir();
  const workspace = join(base, 'workspace');
  mkdirSync(workspace);
  const uid = more.uid ?? (allowed ? ME : 10001);
  const exec = (command: readonly string[]) => {
    const script = command[2] ?? '';
    const agentFile = /agent-[0-9a-f]+\.txt/.exec(script)?.[0];
    const readerFile = /reader-[0-9a-f]+\.txt/.exec(script)?.[0];
    if (allowed && agentFile && readerFile) {
      writeFileSync(join(workspace, agentFile), 'created by the agent\n');
      appendFileSync(join(workspace, readerFile), 'edited by the agent\n');
    }
    return `${uid}\ncreate=${allowed ? 'ok' : 'refused'}\nedit=${allowed ? 'ok' : 'refused'}\n`;
  };
  const mounts = more.mounted === false ? [] : [{ Type: 'bind', Source: workspace, Destination: '/projects' }];
  return only({ 'agent-canvas': container(facts('agent-canvas', { mounts }), { exec }) }, {
    profile: PROFILES.canvas,
    reader: { uid: 1000, gid: 1000, workspace, cwd: base, existingFile: join(workspace, 'x') },
  });
}

const refused = { kind: 'agent-write-refused', container: 'agent-canvas' } as const;
const allowed = { kind: 'agent-write-allowed', container: 'agent-canvas' } as const;

export const AGENT_WRITES: CaseTable<'agent-write-refused' | 'agent-write-allowed'> = {
  'agent-write-refused': {
    holds: [{ name: 'uid 10001 can neither create nor edit', claim: refused, context: (s) => agent(s, false), expect: { status: 'verified' } }],
    fails: [
      { name: 'the agent writes (the folder is open to it)', claim: refused, context: (s) => agent(s, true, { uid: 10001 }), expect: { status: 'failed', reason: 'uid 10001 cannot create' } },
      { name: 'the agent is the reader', claim: refused, context: (s) => agent(s, false, { uid: 1000 }), expect: { status: 'failed', reason: 'the agent\'s uid 1000 is not the reader\'s 1000' } },
      { name: 'the reader\'s folder is not mounted', claim: refused, context: (s) => agent(s, false, { mounted: false }), expect: { status: 'failed', reason: 'has the reader\'s folder' } },
    ],
  },
  'agent-write-allowed': {
    holds: [{ name: 'the agent creates and edits, the reader edits its file', claim: allowed, context: (s) => agent(s, true), expect: { status: 'verified' } }],
    fails: [
      { name: 'the kernel refuses the agent', claim: allowed, context: (s) => agent(s, false), expect: { status: 'failed', reason: 'uid 10001 creates' } },
      { name: 'the agent says it wrote as another uid than the file\'s owner on the host', claim: allowed, context: (s) => agent(s, true, { uid: 10001 }), expect: { status: 'failed', reason: 'the agent\'s' } },
    ],
  },
};
