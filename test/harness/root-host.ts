import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { EngineRun } from '../../contracts/verification-report';
import type { ClaimKind } from '../../src/snippets';

/**
 * Which claim kinds a root Linux host with the test tools must verify: Docker Engine (rootful)
 * at the default socket, `ip netns` for the LAN neighbour, iptables for the rules, and the
 * harness's stand-in images. There a "not verifiable here" for one of them is a failure, not a
 * skip: every path to not-verifiable in the checkers is a missing capability of the host
 * (no LAN namespace, the real images' silence), and such a host has them all.
 *
 * Typed by the Claim union, so a new kind must say which it is. Not on the list: claims only
 * snippets for another engine make, which a rootful daemon cannot show.
 */
export const ON_A_ROOT_HOST: { readonly [K in ClaimKind]: 'must-verify' | { readonly notHere: string } } = {
  'port-loopback-only': 'must-verify',
  'port-on-loopback-and-gateway': 'must-verify',
  'port-reachable-from-lan': 'must-verify',
  'no-published-ports': 'must-verify',
  'cpu-limit': 'must-verify',
  'memory-limit': 'must-verify',
  networks: 'must-verify',
  'app-isolated-from-other-networks': 'must-verify',
  'sandbox-ports-reachable-from-other-networks': 'must-verify',
  'sandbox-reachable': 'must-verify',
  'sandbox-ports-not-on-lan': 'must-verify',
  'workspace-files-owned-by-user': 'must-verify',
  'app-runs-as': 'must-verify',
  'no-docker-socket': 'must-verify',
  'docker-api-via-proxy': 'must-verify',
  'proxy-denies-unlisted-sections': 'must-verify',
  'proxy-containers-alone-refuses-sandbox': 'must-verify',
  'proxy-allows-privileged-create': 'must-verify',
  image: 'must-verify',
  'loopback-guard-blocks-lan': 'must-verify',
  'bridge-guard-blocks-lan': 'must-verify',
  'subnet-guard-blocks-lan': 'must-verify',
  'bridge-guard-blocks-lan-app': 'must-verify',
  'image-by-digest': 'must-verify',
  removed: 'must-verify',
  'log-saved': 'must-verify',
  'sandbox-ports-on-lan': 'must-verify',
  'sandbox-calls-back-app': 'must-verify',
  'setting-ignored': 'must-verify',
  'sandbox-unreachable': { notHere: 'only the rootless-docker snippets (0.33 and 1.x rootless-run) claim it: RootlessKit binds published ports on loopback, which a rootful daemon does not' },
  'sandbox-callback-unanswered': { notHere: 'only the 1.x rootless-run snippet claims it, for the same reason' },
  'sandbox-runs-as': 'must-verify',
  'agent-write-refused': 'must-verify',
  'agent-write-allowed': 'must-verify',
  'no-new-privileges': 'must-verify',
  'sandbox-unlimited': 'must-verify',
  'runs-as-uid': 'must-verify',
  'pids-limit': 'must-verify',
  'docker-user-guard-blocks-lan': 'must-verify',
  'api-requires-key': 'must-verify',
  'ui-embeds-key': 'must-verify',
  'api-key-file': 'must-verify',
  'env-key-leaves-api-open': 'must-verify',
  'ui-key-policy': 'must-verify',
  'editor-reachable-on-network': 'must-verify',
  'editor-route': 'must-verify',
  'internal-port-reachable-on-network': 'must-verify',
  audit: 'must-verify',
  'workspace-chown': 'must-verify',
  'network-exists': 'must-verify',
  'egress-allowed-via-proxy': 'must-verify',
  'egress-refused': 'must-verify',
  'egress-fails-closed': 'must-verify',
  'egress-ui-forwarded': 'must-verify',
  'egress-host-reachable': 'must-verify',
};

export const mustVerifyOnRootHost = (kind: ClaimKind): boolean => ON_A_ROOT_HOST[kind] === 'must-verify';

const runs = (command: string, args: readonly string[]) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
const DEFAULT_SOCKET = '/var/run/docker.sock';

/**
 * What this host lacks of "a root Linux host with the test tools", judged from the host itself
 * (not from what the harness managed to set up, which is what the list holds it to); empty when
 * it has everything. `run` says which engine and images the harness used.
 */
export function missingOnThisHost(run: Pick<EngineRun, 'engine' | 'images'>): string[] {
  const missing: string[] = [];
  if (process.platform !== 'linux') missing.push(`not Linux (${process.platform})`);
  if (process.getuid?.() !== 0) missing.push('not root');
  const host = process.env.DOCKER_HOST;
  if ((host !== undefined && host !== '' && host !== `unix://${DEFAULT_SOCKET}`) || !existsSync(DEFAULT_SOCKET)) missing.push(`the daemon is not at the default socket (DOCKER_HOST=${host ?? 'unset'})`);
  if (run.engine.kind !== 'docker') missing.push(`the engine is ${run.engine.kind}, not rootful Docker`);
  if (!runs('ip', ['netns', 'list'])) missing.push('no `ip netns` (iproute2)');
  if (!runs('iptables', ['-V'])) missing.push('no iptables');
  const real = run.images.filter((image) => image.source !== 'stand-in').map((image) => image.name);
  if (real.length > 0) missing.push(`real images instead of the stand-ins (${real.join(', ')})`);
  return missing;
}
