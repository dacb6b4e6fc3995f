/**
 * The audit table of a hardened example, generated from the live container rather than
 * written by hand: the container checks of docker-bench-security section 5 that the table
 * shows (AUDIT_CHECKS in contracts/, with their numbers at docker-bench-security v1.6.0), each
 * judged from `docker inspect`.
 */
import type { AuditRow } from '../../../contracts/verification-report';
import { onContainer, type ContainerFacts } from './context';

const SOCKETS = ['/var/run/docker.sock', '/run/docker.sock'];
const DEFAULT_NETWORKS = ['bridge', 'default', 'podman'];

export function auditRows(facts: ContainerFacts): AuditRow[] {
  const host = facts.HostConfig;
  const networks = Object.keys(facts.NetworkSettings.Networks ?? {});
  const bindings = Object.values(host.PortBindings ?? {}).flatMap((b) => b ?? []);
  const wildcard = bindings.filter((b) => b.HostIp === '' || b.HostIp === '0.0.0.0' || b.HostIp === '::');
  const security = host.SecurityOpt ?? [];
  const health = facts.Config.Healthcheck?.Test ?? [];
  const sockets = facts.Mounts.filter((m) => SOCKETS.includes(m.Destination) || SOCKETS.includes(m.Source));
  return [
    { check: 'memory', met: host.Memory > 0, basis: `HostConfig.Memory = ${host.Memory}` },
    { check: 'cpu', met: host.NanoCpus > 0 || (host.CpuQuota ?? 0) > 0, basis: `HostConfig.NanoCpus = ${host.NanoCpus}` },
    { check: 'pids', met: (host.PidsLimit ?? 0) > 0, basis: `HostConfig.PidsLimit = ${host.PidsLimit ?? 'null'}` },
    {
      check: 'ports',
      met: wildcard.length === 0,
      basis: bindings.length === 0 ? 'no published port' : `HostIp of ${bindings.map((b) => `${b.HostIp || '*'}:${b.HostPort}`).join(', ')}`,
    },
    { check: 'host-network', met: host.NetworkMode !== 'host' && !networks.includes('host'), basis: `NetworkSettings.Networks = ${networks.join(', ') || '(none)'}` },
    { check: 'privileged', met: host.Privileged !== true, basis: `HostConfig.Privileged = ${String(host.Privileged ?? false)}` },
    { check: 'docker-socket', met: sockets.length === 0, basis: sockets.length === 0 ? 'no Docker socket mounted' : `${sockets[0]!.Source} mounted at ${sockets[0]!.Destination}` },
    { check: 'read-only', met: host.ReadonlyRootfs === true, basis: `HostConfig.ReadonlyRootfs = ${String(host.ReadonlyRootfs ?? false)}` },
    {
      check: 'no-new-privileges',
      met: security.some((o) => /^no-new-privileges(:true)?$/.test(o)),
      basis: `HostConfig.SecurityOpt = ${JSON.stringify(security)}`,
    },
    { check: 'health-check', met: health.length > 0 && health[0] !== 'NONE', basis: health.length > 0 ? `Config.Healthcheck.Test = ${JSON.stringify(health)}` : 'no Config.Healthcheck' },
    // The default network is `bridge` on Docker and `podman` on Podman (whose NetworkMode says "bridge" for any bridge network).
    { check: 'default-bridge', met: networks.length > 0 && !networks.some((n) => DEFAULT_NETWORKS.includes(n)), basis: `NetworkSettings.Networks = ${networks.join(', ') || '(none)'}` },
  ];
}

/** Always verified: the claim is that the table shows what the container is; the rows are the evidence. */
export const audit = onContainer<'audit'>(async (claim, ctx, found, ev) => {
  const rows = auditRows(found.facts);
  for (const row of rows) ev.see(`${row.met ? 'met' : 'not met'}: ${row.check} (${row.basis})`);
  return { ...ev.result(), audit: rows };
});
