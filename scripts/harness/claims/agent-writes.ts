/**
 * The agent's uid meets the reader's folder. The agent works as its container's user (1.x
 * sandboxes and Agent Canvas: uid 10001, no uid switching upstream), so the harness acts as
 * that user with `docker exec`, as the agent's terminal tool would, on the real bind mount:
 * the kernel, not a model, decides what is allowed. Each check makes a file of the reader's
 * first, so "edit one of yours" is tested too.
 */
import { randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { firstSandbox } from './sandbox';
import { isResult, onContainer, type ClaimContext, type ClaimResult, type ContainerFacts, type Evidence } from './context';

interface AgentFolder {
  /** The container the agent works in. */
  readonly container: string;
  /** Where the reader's folder is mounted in it. */
  readonly target: string;
}

/** The agent's container (the sandbox, or the app itself where it is its own sandbox) and the reader's folder in it. */
async function agentFolder(ctx: ClaimContext, app: string, ev: Evidence): Promise<AgentFolder | ClaimResult> {
  let facts: ContainerFacts | undefined = await ctx.inspect(app);
  if (ctx.profile.sandboxStart !== 'none') {
    const sandbox = await firstSandbox(ctx, app, ev);
    if (isResult(sandbox)) return sandbox;
    facts = sandbox;
  }
  if (!ev.expect(facts !== undefined, `${app} is running`)) return ev.result();
  const name = facts!.Name.replace(/^\//, '');
  const mount = facts!.Mounts.find((m) => m.Type === 'bind' && m.Source === ctx.reader.workspace);
  if (!ev.expect(mount !== undefined, `${name} has the reader's folder ${ctx.reader.workspace} mounted (mounts: ${facts!.Mounts.map((m) => `${m.Source}:${m.Destination}`).join(', ') || 'none'})`)) return ev.result();
  return { container: name, target: mount!.Destination };
}

/**
 * The host uid that `uid` in the container is: its /proc/self/uid_map (user_namespaces(7):
 * each line maps `count` ids from `inside` on to `outside` on). On rootless Docker that is a
 * subordinate uid; without a user namespace, or when the map cannot be read, the uid itself.
 */
export async function hostUidIn(ctx: ClaimContext, container: string, uid: number): Promise<number> {
  const map = (await ctx.exec(container, ['cat', '/proc/self/uid_map'])) ?? '';
  for (const line of map.split('\n')) {
    const [inside, outside, count] = line.trim().split(/\s+/).map(Number);
    if (inside === undefined || outside === undefined || count === undefined || [inside, outside, count].some(Number.isNaN)) continue;
    if (inside <= uid && uid < inside + count) return outside + uid - inside;
  }
  return uid;
}

interface Attempt {
  readonly tag: string;
  readonly readerFile: string;
  readonly agentFile: string;
  readonly uid: string;
  readonly createOk: boolean;
  readonly editOk: boolean;
  readonly output: string;
}

/** The reader makes a file; the agent, as its container's user, creates one and appends to the reader's. */
async function attempt(ctx: ClaimContext, folder: AgentFolder, ev: Evidence): Promise<Attempt | undefined> {
  const tag = randomBytes(4).toString('hex');
  const readerFile = `reader-${tag}.txt`;
  const agentFile = `agent-${tag}.txt`;
  const made = await ctx.asReader(`echo 'written by the reader' > ${readerFile}`, ctx.reader.workspace);
  if (!ev.expect(made.exitCode === 0, `the reader creates ${readerFile} in their folder (${made.stderr.trim() || 'ok'})`)) return undefined;
  const script = [
    'id -u',
    `if echo 'created by the agent' > '${folder.target}/${agentFile}'; then echo create=ok; else echo create=refused; fi`,
    `if echo 'edited by the agent' >> '${folder.target}/${readerFile}'; then echo edit=ok; else echo edit=refused; fi`,
  ].join('; ');
  const output = (await ctx.exec(folder.container, ['sh', '-c', `${script} 2>&1`])) ?? '';
  ev.see(`as the user of ${folder.container}: ${output.trim().replace(/\n/g, ' | ')}`);
  return { tag, readerFile, agentFile, uid: output.split('\n')[0]?.trim() ?? '?', createOk: /create=ok/.test(output), editOk: /edit=ok/.test(output), output };
}

export const agentWriteRefused = onContainer<'agent-write-refused'>(async (claim, ctx, found, ev) => {
  const folder = await agentFolder(ctx, found.actual, ev);
  if (isResult(folder)) return folder;
  const result = await attempt(ctx, folder, ev);
  if (!result) return;
  ev.expect(result.uid !== String(ctx.reader.uid), `the agent's uid ${result.uid} is not the reader's ${ctx.reader.uid}`);
  ev.expect(!result.createOk, `uid ${result.uid} cannot create ${result.agentFile} in ${folder.target}`);
  ev.expect(!result.editOk, `uid ${result.uid} cannot edit the reader's ${result.readerFile}`);
  const files = await readdir(ctx.reader.workspace);
  ev.expect(!files.includes(result.agentFile), `the reader's folder holds no ${result.agentFile}`);
});

export const agentWriteAllowed = onContainer<'agent-write-allowed'>(async (claim, ctx, found, ev) => {
  const folder = await agentFolder(ctx, found.actual, ev);
  if (isResult(folder)) return folder;
  const result = await attempt(ctx, folder, ev);
  if (!result) return;
  ev.expect(result.createOk, `uid ${result.uid} creates ${result.agentFile} in ${folder.target}`);
  ev.expect(result.editOk, `uid ${result.uid} edits the reader's ${result.readerFile}`);
  if (!result.createOk) return;
  const owner = (await stat(join(ctx.reader.workspace, result.agentFile)).catch(() => undefined))?.uid;
  const hostUid = await hostUidIn(ctx, folder.container, Number(result.uid));
  const mapped = hostUid === Number(result.uid) ? '' : ` (its uid ${result.uid} as the engine's user namespace maps it)`;
  ev.expect(owner === hostUid, `on the host, ${result.agentFile} belongs to uid ${owner ?? '(missing)'}, the agent's${mapped}`);
  const edit = await ctx.asReader(`echo 'edited by the reader' >> ${result.agentFile}`, ctx.reader.workspace);
  ev.expect(edit.exitCode === 0, `the reader (uid ${ctx.reader.uid}) edits ${result.agentFile} (${edit.stderr.trim() || 'ok'})`);
});
