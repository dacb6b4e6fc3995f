import type { Measure } from './measures';

/**
 * Measures whose section, texts and snippet ids are the same on several versions' hardened
 * pages; each version's measures.ts takes them from here (or a variant, for Agent Canvas).
 */
export const LOOPBACK_GAP: Measure = {
  section: 'loopback-publishing-gap',
  name: 'measure.loopback-publishing-gap.name',
  protects: 'measure.loopback-publishing-gap.protects',
  costs: 'measure.firewall-rule.costs',
  snippets: ['loopback-guard'],
};

export const DIGEST_PINNING: Measure = {
  section: 'digest-pinning',
  name: 'measure.digest-pinning.name',
  protects: 'measure.digest-pinning.protects',
  costs: 'measure.digest-pinning.costs',
  snippets: ['digest-pinning'],
};

/** The OpenHands versions with an app container that starts sandboxes through the Docker socket (1.x, 0.33). */
export const SOCKET_APP_MEASURES = {
  'non-root-user': {
    section: 'non-root-user',
    name: 'measure.non-root-user.name',
    protects: 'measure.non-root-user.protects',
    costs: 'measure.non-root-user.costs',
    snippets: ['socket-non-root'],
  },
  'socket-proxy': {
    section: 'socket-proxy',
    name: 'measure.socket-proxy.name',
    protects: 'measure.socket-proxy.protects',
    costs: 'measure.socket-proxy.costs',
    snippets: ['socket-proxy'],
  },
  'resource-limits': {
    section: 'resource-limits',
    name: 'measure.resource-limits.name',
    protects: 'measure.app-resource-limits.protects',
    costs: 'measure.app-resource-limits.costs',
    snippets: ['resource-limits'],
  },
  'network-isolation': {
    section: 'network-isolation',
    name: 'measure.network-isolation.name',
    protects: 'measure.app-network-isolation.protects',
    costs: 'measure.app-network-isolation.costs',
    snippets: ['network-isolation'],
  },
  /** No verified way: the section states what the source shows. */
  egress: {
    section: 'egress',
    name: 'measure.egress.name',
    protects: 'measure.egress.unverified.protects',
    costs: 'measure.egress.unverified.costs',
    snippets: [],
  },
  'complete-example': {
    section: 'complete-example',
    name: 'measure.complete-example.name',
    protects: 'measure.complete-example.protects',
    costs: 'measure.socket-complete-example.costs',
    snippets: ['hardened-complete'],
  },
} as const satisfies Readonly<Record<string, Measure>>;
