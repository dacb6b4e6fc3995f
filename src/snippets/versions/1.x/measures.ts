import { CITED_PLATFORMS, type Measures, type PlatformSections } from '../measures';

/** The measures of the OpenHands 1.x hardened page (versioned_docs/version-1.x/hardened-installation.mdx), in its order. */
export const MEASURES: Measures = {
  'network-binding': {
    section: 'network-binding',
    name: 'measure.network-binding.name',
    protects: 'measure.v1.network-binding.protects',
    costs: 'measure.v1.network-binding.costs',
    snippets: ['bridge-gateway', 'network-binding'],
    first: { rank: 1, why: 'measure.v1.network-binding.why' },
  },
  'docker-user-rule': {
    section: 'docker-user-rule',
    name: 'measure.v1.docker-user-rule.name',
    protects: 'measure.v1.docker-user-rule.protects',
    costs: 'measure.v1.docker-user-rule.costs',
    snippets: ['docker-user-guard'],
    first: { rank: 2, why: 'measure.v1.docker-user-rule.why' },
  },
  'loopback-publishing-gap': {
    section: 'loopback-publishing-gap',
    name: 'measure.loopback-publishing-gap.name',
    protects: 'measure.loopback-publishing-gap.protects',
    costs: 'measure.firewall-rule.costs',
    snippets: ['loopback-guard'],
  },
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
  'bridge-firewall': {
    section: 'bridge-firewall',
    name: 'measure.v1.bridge-firewall.name',
    protects: 'measure.v1.bridge-firewall.protects',
    costs: 'measure.firewall-rule.costs',
    snippets: ['bridge-guard'],
  },
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
  'digest-pinning': {
    section: 'digest-pinning',
    name: 'measure.digest-pinning.name',
    protects: 'measure.digest-pinning.protects',
    costs: 'measure.digest-pinning.costs',
    snippets: ['digest-pinning'],
  },
};

/** The sections of that page for each platform. */
export const PLATFORMS: PlatformSections = { engines: { docker: 'platform-docker', 'rootless-docker': 'platform-rootless', podman: 'platform-podman' }, cited: CITED_PLATFORMS };
