import { CITED_PLATFORMS, type Measures, type PlatformSections } from '../measures';

/** The measures of the OpenHands 0.33 hardened page (versioned_docs/version-0.33/hardened-installation.mdx), in its order. */
export const MEASURES: Measures = {
  'network-binding': {
    section: 'network-binding',
    name: 'measure.network-binding.name',
    protects: 'measure.v033.network-binding.protects',
    costs: 'measure.v033.network-binding.costs',
    snippets: ['bridge-gateway', 'network-binding'],
    first: { rank: 1, why: 'measure.v033.network-binding.why' },
  },
  'loopback-publishing-gap': {
    section: 'loopback-publishing-gap',
    name: 'measure.loopback-publishing-gap.name',
    protects: 'measure.loopback-publishing-gap.protects',
    costs: 'measure.firewall-rule.costs',
    snippets: ['loopback-guard'],
  },
  'bridge-firewall': {
    section: 'bridge-firewall',
    name: 'measure.v033.bridge-firewall.name',
    protects: 'measure.v033.bridge-firewall.protects',
    costs: 'measure.firewall-rule.costs',
    snippets: ['bridge-guard'],
    first: { rank: 2, why: 'measure.v033.bridge-firewall.why' },
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
  'subnet-firewall': {
    section: 'subnet-firewall',
    name: 'measure.subnet-firewall.name',
    protects: 'measure.v033.subnet-firewall.protects',
    costs: 'measure.firewall-rule.costs',
    snippets: ['subnet-guard'],
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
