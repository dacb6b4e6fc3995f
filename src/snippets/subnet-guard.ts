import type { Step } from './snippet';
import { placeholder, subnetOf, variable } from './words';

/**
 * Shared by every version whose app moves to `openhands-network`: read the subnet Docker gave
 * that network, then drop packets for it arriving on the reader's interface (before Engine 28,
 * a host routing that subnet reaches a published port at the container's own address).
 */
export const APP_SUBNET_GUARD_STEPS = [
  { comment: 'comment.app-subnet', command: { kind: 'export', name: 'APP_SUBNET', value: subnetOf('openhands-network') } },
  { comment: 'comment.bridge-guard', command: { kind: 'bridge-guard-rule', inInterface: placeholder('lanInterface'), subnet: variable('APP_SUBNET') } },
] as const satisfies readonly Step[];
