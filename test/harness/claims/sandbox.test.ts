import {
  bridgeGuardBlocksLan, bridgeGuardBlocksLanApp, dockerUserGuardBlocksLan, sandboxCallbackUnanswered, sandboxCallsBackApp, sandboxPortsNotOnLan,
  sandboxPortsOnLan, sandboxReachable, sandboxRunsAs, sandboxUnlimited, sandboxUnreachable, settingIgnored,
} from '../../../scripts/harness/claims/sandbox';
import { SANDBOX } from './sandbox.cases';
import { describeCases } from './scenario';

/** The sandbox checkers: an app, its sandbox, the LAN neighbour and the firewall rule, played by the fake context. */
describeCases(SANDBOX, {
  'sandbox-reachable': sandboxReachable,
  'sandbox-unreachable': sandboxUnreachable,
  'sandbox-ports-not-on-lan': sandboxPortsNotOnLan,
  'bridge-guard-blocks-lan': bridgeGuardBlocksLan,
  'bridge-guard-blocks-lan-app': bridgeGuardBlocksLanApp,
  'sandbox-ports-on-lan': sandboxPortsOnLan,
  'sandbox-calls-back-app': sandboxCallsBackApp,
  'sandbox-callback-unanswered': sandboxCallbackUnanswered,
  'setting-ignored': settingIgnored,
  'sandbox-runs-as': sandboxRunsAs,
  'docker-user-guard-blocks-lan': dockerUserGuardBlocksLan,
  'sandbox-unlimited': sandboxUnlimited,
});
