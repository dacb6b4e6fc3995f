import { CITED_PLATFORMS, type Measures, type PlatformSections } from '../measures';
import { DIGEST_PINNING, LOOPBACK_GAP, SOCKET_APP_MEASURES } from '../shared-measures';

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
  'loopback-publishing-gap': LOOPBACK_GAP,
  'non-root-user': SOCKET_APP_MEASURES['non-root-user'],
  'socket-proxy': SOCKET_APP_MEASURES['socket-proxy'],
  'resource-limits': SOCKET_APP_MEASURES['resource-limits'],
  'network-isolation': SOCKET_APP_MEASURES['network-isolation'],
  'bridge-firewall': {
    section: 'bridge-firewall',
    name: 'measure.v1.bridge-firewall.name',
    protects: 'measure.v1.bridge-firewall.protects',
    costs: 'measure.firewall-rule.costs',
    snippets: ['bridge-guard'],
  },
  egress: SOCKET_APP_MEASURES.egress,
  'complete-example': SOCKET_APP_MEASURES['complete-example'],
  'digest-pinning': DIGEST_PINNING,
};

/** The sections of that page for each platform. */
export const PLATFORMS: PlatformSections = { engines: { docker: 'platform-docker', 'rootless-docker': 'platform-rootless', podman: 'platform-podman' }, cited: CITED_PLATFORMS };
