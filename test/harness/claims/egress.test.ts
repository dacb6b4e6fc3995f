import { egressAllowedViaProxy, egressFailsClosed, egressHostReachable, egressRefused, egressUiForwarded } from '../../../scripts/harness/claims/egress';
import { EGRESS } from './egress.cases';
import { describeCases } from './scenario';

/** The egress checkers against a fake stand-in internet, one world per measure the page takes away. */
describeCases(EGRESS, {
  'egress-allowed-via-proxy': egressAllowedViaProxy,
  'egress-refused': egressRefused,
  'egress-fails-closed': egressFailsClosed,
  'egress-host-reachable': egressHostReachable,
  'egress-ui-forwarded': egressUiForwarded,
});
