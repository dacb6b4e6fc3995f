import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * A container's processes read from /proc, for engines whose `docker top` cannot list them
 * (rootless Docker without cgroups: "runc did not terminate successfully"). Its first
 * process's host pid is State.Pid (engines of the matrix share the host's pid namespace); the
 * others are the processes in the same pid namespace. Uids are given as the container sees
 * them, through its user namespace's uid_map (rootless: container 0 is the host user).
 */
export function processesFromProc(statePid: number): { uid: number; args: string }[] {
  const namespace = readlinkSync(`/proc/${statePid}/ns/pid`);
  const map = readFileSync(`/proc/${statePid}/uid_map`, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number]);
  const inside = (hostUid: number) => {
    const range = map.find(([, outside, count]) => hostUid >= outside && hostUid < outside + count);
    return range ? range[0] + (hostUid - range[1]) : hostUid;
  };
  const processes: { uid: number; args: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/ns/pid`) !== namespace) continue;
      const uid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1]);
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      if (args) processes.push({ uid: inside(uid), args });
    } catch {
      // The process ended while we looked.
    }
  }
  return processes;
}
