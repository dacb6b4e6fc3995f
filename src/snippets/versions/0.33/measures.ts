import { CITED_PLATFORMS, type Measures, type PlatformSections } from '../measures';
import { DIGEST_PINNING, LOOPBACK_GAP, SOCKET_APP_MEASURES } from '../shared-measures';

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
  'loopback-publishing-gap': LOOPBACK_GAP,
  'bridge-firewall': {
    section: 'bridge-firewall',
    name: 'measure.v033.bridge-firewall.name',
    protects: 'measure.v033.bridge-firewall.protects',
    costs: 'measure.firewall-rule.costs',
    snippets: ['bridge-guard'],
    first: { rank: 2, why: 'measure.v033.bridge-firewall.why' },
  },
  'non-root-user': SOCKET_APP_MEASURES['non-root-user'],
  'socket-proxy': SOCKET_APP_MEASURES['socket-proxy'],
  'resource-limits': SOCKET_APP_MEASURES['resource-limits'],
  'network-isolation': SOCKET_APP_MEASURES['network-isolation'],
  'subnet-firewall': {
    section: 'subnet-firewall',
    name: 'measure.subnet-firewall.name',
    protects: 'measure.v033.subnet-firewall.protects',
    costs: 'measure.firewall-rule.costs',
    snippets: ['subnet-guard'],
  },
  egress: SOCKET_APP_MEASURES.egress,
  'complete-example': SOCKET_APP_MEASURES['complete-example'],
  'digest-pinning': DIGEST_PINNING,
};

/** The sections of that page for each platform. */
export const PLATFORMS: PlatformSections = { engines: { docker: 'platform-docker', 'rootless-docker': 'platform-rootless', podman: 'platform-podman' }, cited: CITED_PLATFORMS };
