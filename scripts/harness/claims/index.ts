import type { Claim, ClaimKind } from '../../../src/snippets';
import type { Checker, ClaimContext, ClaimResult } from './context';
import { appRunsAs, image, workspaceFilesOwnedByUser } from './identity';
import { cpuLimit, memoryLimit } from './limits';
import { isolatedFromOtherNetworks, networkExists, networks } from './networks';
import { loopbackGuardBlocksLan, noPublishedPorts, portLoopbackOnly, portReachableFromLan } from './ports';
import { sandboxPortsNotOnLan, sandboxReachable } from './sandbox';
import { dockerApiViaProxy, noDockerSocket, proxyFiltersApi } from './socket';

/** One checker per claim kind; a kind without one does not compile. */
const CHECKERS: { readonly [K in ClaimKind]: Checker<K> } = {
  'port-loopback-only': portLoopbackOnly,
  'port-reachable-from-lan': portReachableFromLan,
  'no-published-ports': noPublishedPorts,
  'cpu-limit': cpuLimit,
  'memory-limit': memoryLimit,
  networks,
  'network-exists': networkExists,
  'isolated-from-other-networks': isolatedFromOtherNetworks,
  'sandbox-reachable': sandboxReachable,
  'sandbox-ports-not-on-lan': sandboxPortsNotOnLan,
  'workspace-files-owned-by-user': workspaceFilesOwnedByUser,
  'app-runs-as': appRunsAs,
  'no-docker-socket': noDockerSocket,
  'docker-api-via-proxy': dockerApiViaProxy,
  'proxy-filters-api': proxyFiltersApi,
  image,
  'loopback-guard-blocks-lan': loopbackGuardBlocksLan,
};

export class UnknownClaimError extends Error {
  constructor(snippetId: string, kind: string) {
    super(`snippet ${snippetId}: unknown claim kind "${kind}"; expected one of ${Object.keys(CHECKERS).join(', ')}. Add a checker in scripts/harness/claims/ or fix the claim in src/snippets/registry.ts.`);
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
