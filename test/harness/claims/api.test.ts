import { apiKeyFile, apiRequiresKey, envKeyLeavesApiOpen, internalPortReachableOnNetwork, uiEmbedsKey, uiKeyPolicy } from '../../../scripts/harness/claims/api';
import { API } from './api.cases';
import { describeCases } from './scenario';

/** The Agent Canvas key checkers against a container that answers as the entrypoint and agent server do. */
describeCases(API, {
  'api-requires-key': apiRequiresKey,
  'ui-embeds-key': uiEmbedsKey,
  'api-key-file': apiKeyFile,
  'env-key-leaves-api-open': envKeyLeavesApiOpen,
  'internal-port-reachable-on-network': internalPortReachableOnNetwork,
  'ui-key-policy': uiKeyPolicy,
});
