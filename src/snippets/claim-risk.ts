import type { Claim, ClaimKind } from './claims';

/**
 * Whether a claim, when the tests confirm it, states a risk to the reader (something reachable,
 * open or changed that they would not want) rather than what protects them or a plain fact.
 * A confirmed risk renders as a warning, never as a check mark (src/components/Snippet).
 *
 * One entry per claim kind: the mapped type makes a new kind a type error until it decides.
 * A kind that can be either gets a function of the claim's own fields.
 */
const STATES_RISK: { readonly [K in ClaimKind]: boolean | ((claim: Extract<Claim, { kind: K }>) => boolean) } = {
  'port-loopback-only': false,
  'port-on-loopback-and-gateway': false,
  'port-reachable-from-lan': true,
  'no-published-ports': false,
  'cpu-limit': false,
  'memory-limit': false,
  networks: false,
  'app-isolated-from-other-networks': false,
  'sandbox-ports-reachable-from-other-networks': true,
  'sandbox-reachable': false,
  'sandbox-ports-not-on-lan': false,
  'workspace-files-owned-by-user': false,
  // The app as root with the Docker socket is root on the host.
  'app-runs-as': (claim) => claim.user === 'root',
  'no-docker-socket': false,
  'docker-api-via-proxy': false,
  'proxy-denies-unlisted-sections': false,
  // A setup that does not work (no sandbox), not an exposure.
  'proxy-containers-alone-refuses-sandbox': false,
  'proxy-allows-privileged-create': true,
  image: false,
  'loopback-guard-blocks-lan': false,
  'bridge-guard-blocks-lan': false,
  'subnet-guard-blocks-lan': false,
  'bridge-guard-blocks-lan-app': false,
  'image-by-digest': false,
  removed: false,
  'log-saved': false,
  'sandbox-ports-on-lan': true,
  'sandbox-calls-back-app': false,
  // The setting the pages used does nothing: the sandbox ports stay on every interface.
  'setting-ignored': true,
  // These two say a setup does not work on an engine, not that something is exposed.
  'sandbox-unreachable': false,
  'sandbox-callback-unanswered': false,
  'sandbox-runs-as': false,
  'agent-write-refused': false,
  'agent-write-allowed': false,
  'no-new-privileges': false,
  'sandbox-unlimited': true,
  'runs-as-uid': false,
  'pids-limit': false,
  'docker-user-guard-blocks-lan': false,
  'api-requires-key': false,
  'ui-embeds-key': true,
  'api-key-file': false,
  'env-key-leaves-api-open': true,
  // A page that hands out the key, by default or with the variable the upstream README sets.
  'ui-key-policy': (claim) => claim.withoutVariable === 'embeds-key' || claim.withVariable === 'embeds-key',
  // Ports other containers on the network reach past the ingress.
  'editor-reachable-on-network': true,
  // The editor on the page's own origin: scripts of the page reach it.
  'editor-route': (claim) => claim.route === 'asks-token',
  'internal-port-reachable-on-network': true,
  audit: false,
  // Root takes the reader's files; a group changed to root leaves them the reader's.
  'workspace-chown': (claim) => claim.outcome === 'root-owned',
  'network-exists': false,
  'egress-allowed-via-proxy': false,
  'egress-refused': false,
  'egress-fails-closed': false,
  'egress-ui-forwarded': false,
  // A way in from the agent to the host's own services, which the page's rule then closes.
  'egress-host-reachable': true,
};

export function statesRisk(claim: Claim): boolean {
  // The entry for claim.kind takes that kind's claims; TypeScript cannot pair the two through the union.
  const entry = STATES_RISK[claim.kind] as boolean | ((claim: Claim) => boolean);
  return typeof entry === 'function' ? entry(claim) : entry;
}
