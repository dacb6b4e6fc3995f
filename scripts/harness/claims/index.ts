import type { Claim, ClaimKind } from '../../../src/snippets';
import type { Checker, ClaimContext, ClaimResult } from './context';
import { apiKeyFile, apiRequiresKey, envKeyLeavesApiOpen, internalPortReachableOnNetwork, uiEmbedsKey, uiKeyPolicy } from './api';
import { editorReachableOnNetwork, editorRoute } from './editor';
import { workspaceChown } from './workspace-chown';
import { audit } from './audit';
import { egressAllowedViaProxy, egressFailsClosed, egressHostReachable, egressRefused, egressUiForwarded } from './egress';
import { agentWriteAllowed, agentWriteRefused } from './agent-writes';
import { appRunsAs, image, imageByDigest, noNewPrivileges, runsAsUid, workspaceFilesOwnedByUser } from './identity';
import { logSaved, removed } from './lifecycle';
import { cpuLimit, memoryLimit, pidsLimit } from './limits';
import { appIsolatedFromOtherNetworks, networkExists, networks, sandboxPortsReachableFromOtherNetworks } from './networks';
import { loopbackGuardBlocksLan, noPublishedPorts, portLoopbackOnly, portOnLoopbackAndGateway, portReachableFromLan, subnetGuardBlocksLan } from './ports';
import {
  bridgeGuardBlocksLan,
  bridgeGuardBlocksLanApp,
  dockerUserGuardBlocksLan,
  sandboxCallbackUnanswered,
  sandboxCallsBackApp,
  sandboxPortsNotOnLan,
  sandboxPortsOnLan,
  sandboxReachable,
  sandboxRunsAs,
  sandboxUnlimited,
  sandboxUnreachable,
  settingIgnored,
} from './sandbox';
import { dockerApiViaProxy, noDockerSocket, proxyAllowsPrivilegedCreate, proxyContainersAloneRefusesSandbox, proxyDeniesUnlistedSections } from './socket';

/** One checker per claim kind; a kind without one does not compile. */
export const CHECKERS: { readonly [K in ClaimKind]: Checker<K> } = {
  'port-loopback-only': portLoopbackOnly,
  'port-reachable-from-lan': portReachableFromLan,
  'no-published-ports': noPublishedPorts,
  'cpu-limit': cpuLimit,
  'memory-limit': memoryLimit,
  networks,
  'network-exists': networkExists,
  'app-isolated-from-other-networks': appIsolatedFromOtherNetworks,
  'sandbox-ports-reachable-from-other-networks': sandboxPortsReachableFromOtherNetworks,
  'sandbox-reachable': sandboxReachable,
  'sandbox-ports-not-on-lan': sandboxPortsNotOnLan,
  'workspace-files-owned-by-user': workspaceFilesOwnedByUser,
  'app-runs-as': appRunsAs,
  'no-docker-socket': noDockerSocket,
  'docker-api-via-proxy': dockerApiViaProxy,
  'proxy-denies-unlisted-sections': proxyDeniesUnlistedSections,
  'proxy-allows-privileged-create': proxyAllowsPrivilegedCreate,
  'proxy-containers-alone-refuses-sandbox': proxyContainersAloneRefusesSandbox,
  image,
  'loopback-guard-blocks-lan': loopbackGuardBlocksLan,
  'bridge-guard-blocks-lan': bridgeGuardBlocksLan,
  'bridge-guard-blocks-lan-app': bridgeGuardBlocksLanApp,
  'subnet-guard-blocks-lan': subnetGuardBlocksLan,
  'image-by-digest': imageByDigest,
  removed,
  'log-saved': logSaved,
  'sandbox-ports-on-lan': sandboxPortsOnLan,
  'sandbox-calls-back-app': sandboxCallsBackApp,
  'sandbox-unreachable': sandboxUnreachable,
  'sandbox-callback-unanswered': sandboxCallbackUnanswered,
  'setting-ignored': settingIgnored,
  'sandbox-runs-as': sandboxRunsAs,
  'agent-write-refused': agentWriteRefused,
  'agent-write-allowed': agentWriteAllowed,
  'no-new-privileges': noNewPrivileges,
  'sandbox-unlimited': sandboxUnlimited,
  'port-on-loopback-and-gateway': portOnLoopbackAndGateway,
  'runs-as-uid': runsAsUid,
  'pids-limit': pidsLimit,
  'docker-user-guard-blocks-lan': dockerUserGuardBlocksLan,
  'api-requires-key': apiRequiresKey,
  'ui-embeds-key': uiEmbedsKey,
  'api-key-file': apiKeyFile,
  'env-key-leaves-api-open': envKeyLeavesApiOpen,
  'internal-port-reachable-on-network': internalPortReachableOnNetwork,
  'ui-key-policy': uiKeyPolicy,
  'editor-reachable-on-network': editorReachableOnNetwork,
  'editor-route': editorRoute,
  'workspace-chown': workspaceChown,
  audit,
  'egress-allowed-via-proxy': egressAllowedViaProxy,
  'egress-refused': egressRefused,
  'egress-fails-closed': egressFailsClosed,
  'egress-host-reachable': egressHostReachable,
  'egress-ui-forwarded': egressUiForwarded,
};

export class UnknownClaimError extends Error {
  constructor(snippetId: string, kind: string) {
    super(`snippet ${snippetId}: unknown claim kind "${kind}"; expected one of ${Object.keys(CHECKERS).join(', ')}. Add a checker in scripts/harness/claims/ or fix the claim in the version's src/snippets/versions/<version>/registry.ts.`);
  }
}

export async function checkClaim(claim: Claim, ctx: ClaimContext): Promise<ClaimResult> {
  const checker = (CHECKERS as Record<string, Checker<ClaimKind> | undefined>)[claim.kind];
  if (!checker) throw new UnknownClaimError(ctx.snippetId, claim.kind);
  try {
    return await checker(claim as never, ctx);
  } catch (error) {
    return { status: 'failed', evidence: [], reason: `the checker could not run: ${(error as Error).message}` };
  }
}
