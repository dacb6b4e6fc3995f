import { CITED_PLATFORMS, type Measures, type PlatformSections } from '../measures';
import { DIGEST_PINNING, LOOPBACK_GAP } from '../shared-measures';

/** The measures of the Agent Canvas hardened page (docs/hardened-installation.mdx), in its order. */
export const MEASURES: Measures = {
  'network-binding': {
    section: 'network-binding',
    name: 'measure.canvas.network-binding.name',
    protects: 'measure.canvas.network-binding.protects',
    costs: 'measure.canvas.network-binding.costs',
    snippets: ['network-binding', 'own-key'],
    first: { rank: 1, why: 'measure.canvas.network-binding.why' },
  },
  'loopback-publishing-gap': LOOPBACK_GAP,
  users: {
    section: 'users',
    name: 'measure.canvas.users.name',
    protects: 'measure.canvas.users.protects',
    costs: 'measure.canvas.users.costs',
    snippets: ['no-new-privileges'],
    first: { rank: 3, why: 'measure.canvas.users.why' },
  },
  'resource-limits': {
    section: 'resource-limits',
    name: 'measure.resource-limits.name',
    protects: 'measure.canvas.resource-limits.protects',
    costs: 'measure.canvas.resource-limits.costs',
    snippets: ['resource-limits'],
  },
  'network-isolation': {
    section: 'network-isolation',
    name: 'measure.network-isolation.name',
    protects: 'measure.canvas.network-isolation.protects',
    costs: 'measure.canvas.network-isolation.costs',
    snippets: ['network-isolation'],
  },
  'subnet-firewall': {
    section: 'subnet-firewall',
    name: 'measure.subnet-firewall.name',
    protects: 'measure.canvas.subnet-firewall.protects',
    costs: 'measure.firewall-rule.costs',
    snippets: ['subnet-guard'],
  },
  egress: {
    section: 'egress',
    name: 'measure.egress.name',
    protects: 'measure.canvas.egress.protects',
    costs: 'measure.canvas.egress.costs',
    snippets: ['egress-files', 'egress-proxy', 'egress-run', 'egress-log'],
    first: { rank: 2, why: 'measure.canvas.egress.why' },
  },
  'egress-host': {
    section: 'egress-host',
    name: 'measure.canvas.egress-host.name',
    protects: 'measure.canvas.egress-host.protects',
    costs: 'measure.firewall-rule.costs',
    snippets: ['egress-host-guard'],
  },
  'complete-example': {
    section: 'complete-example',
    name: 'measure.complete-example.name',
    protects: 'measure.complete-example.protects',
    costs: 'measure.canvas.complete-example.costs',
    snippets: ['hardened-complete'],
  },
  'digest-pinning': DIGEST_PINNING,
};

/** The sections of that page for each platform. */
export const PLATFORMS: PlatformSections = { engines: { docker: 'platform-docker', 'rootless-docker': 'platform-rootless', podman: 'platform-docker' }, cited: CITED_PLATFORMS };
