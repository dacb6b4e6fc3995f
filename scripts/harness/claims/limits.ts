import { onContainer, type ClaimContext } from './context';

/** cgroup v2 first, then the v1 hierarchies Docker mounts inside containers. */
async function readFirst(ctx: ClaimContext, container: string, paths: readonly string[]) {
  for (const path of paths) {
    const text = await ctx.exec(container, ['cat', path]);
    if (text !== undefined) return { path, text: text.trim() };
  }
  return undefined;
}

export const cpuLimit = onContainer<'cpu-limit'>(async (claim, ctx, found, ev) => {
  const nano = claim.cpus * 1e9;
  ev.expect(found.facts.HostConfig.NanoCpus === nano, `HostConfig.NanoCpus = ${found.facts.HostConfig.NanoCpus}, expected ${nano}`);
  const v2 = await readFirst(ctx, found.actual, ['/sys/fs/cgroup/cpu.max']);
  if (v2) {
    const [quota, period] = v2.text.split(/\s+/).map(Number);
    ev.expect(quota! / period! === claim.cpus, `${v2.path} = "${v2.text}", expected ${claim.cpus} CPUs`);
  } else {
    const quota = await readFirst(ctx, found.actual, ['/sys/fs/cgroup/cpu/cpu.cfs_quota_us', '/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us']);
    const period = await readFirst(ctx, found.actual, ['/sys/fs/cgroup/cpu/cpu.cfs_period_us', '/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us']);
    ev.expect(
      !!quota && !!period && Number(quota.text) / Number(period.text) === claim.cpus,
      `kernel CFS quota ${quota?.text ?? '(unreadable)'} / period ${period?.text ?? '(unreadable)'} inside the container, expected ${claim.cpus} CPUs`,
    );
  }
});

export const memoryLimit = onContainer<'memory-limit'>(async (claim, ctx, found, ev) => {
  ev.expect(found.facts.HostConfig.Memory === claim.bytes, `HostConfig.Memory = ${found.facts.HostConfig.Memory}, expected ${claim.bytes}`);
  const limit = await readFirst(ctx, found.actual, ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes']);
  ev.expect(Number(limit?.text) === claim.bytes, `${limit?.path ?? 'memory cgroup'} = ${limit?.text ?? '(unreadable)'} inside the container, expected ${claim.bytes}`);
});

export const pidsLimit = onContainer<'pids-limit'>(async (claim, ctx, found, ev) => {
  ev.expect(found.facts.HostConfig.PidsLimit === claim.pids, `HostConfig.PidsLimit = ${found.facts.HostConfig.PidsLimit ?? '(unset)'}, expected ${claim.pids}`);
  const limit = await readFirst(ctx, found.actual, ['/sys/fs/cgroup/pids.max', '/sys/fs/cgroup/pids/pids.max']);
  ev.expect(Number(limit?.text) === claim.pids, `${limit?.path ?? 'pids cgroup'} = ${limit?.text ?? '(unreadable)'} inside the container, expected ${claim.pids}`);
});
