/**
 * While Docker Engine creates a bridge network it deletes and re-inserts FORWARD's jump to
 * DOCKER-ISOLATION-STAGE-1 (moby v20.10.24 vendor/github.com/docker/libnetwork/iptables/
 * iptables.go:591-610, EnsureJumpRule, called from drivers/bridge/setup_ip_tables.go:190;
 * the same in v26.1.4 libnetwork/iptables/iptables.go:611-621). For that moment containers on
 * different bridge networks can open connections to one another. The harness creates
 * networks all the time, from several units at once, which a reader's machine does not:
 * so the probes of an isolation claim run while no unit of this process creates a network,
 * and the pages state the moment. One process only: other harness processes on the same
 * daemon are not held (see the note in the isolation checker).
 */

let creating = 0;
let probing: Promise<void> | undefined;
const waiters: (() => void)[] = [];

const wake = () => {
  for (const resolve of waiters.splice(0)) resolve();
};
const until = (ready: () => boolean) =>
  (async () => {
    while (!ready()) await new Promise<void>((resolve) => waiters.push(resolve));
  })();

/** Runs `task`, which may create networks, once no isolation probe runs; several at once. */
export async function whileCreatingNetworks<T>(task: () => Promise<T>): Promise<T> {
  await until(() => probing === undefined);
  creating++;
  try {
    return await task();
  } finally {
    creating--;
    wake();
  }
}

/** Runs `probes` alone: no network is being created by this process meanwhile, nor starts. */
export async function withNoNetworkCreated<T>(probes: () => Promise<T>): Promise<T> {
  await until(() => probing === undefined && creating === 0);
  let done!: () => void;
  probing = new Promise<void>((resolve) => (done = resolve));
  try {
    return await probes();
  } finally {
    probing = undefined;
    done();
    wake();
  }
}
