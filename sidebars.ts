import type { SidebarsConfig } from '@docusaurus/plugin-content-docs';

/**
 * The current version (Agent Canvas): the landing page, running it, its hardened variant,
 * what changed between versions, then how it was all checked. The older versions have
 * their own sidebars in versioned_sidebars/.
 */
export default {
  guide: [
    { type: 'doc', id: 'intro', label: 'Introduction' },
    { type: 'doc', id: 'docker-runtime', label: 'Running Agent Canvas' },
    { type: 'doc', id: 'hardened-installation', label: 'Hardened Agent Canvas' },
    { type: 'doc', id: 'versions', label: 'What changed between versions' },
    { type: 'doc', id: 'verification', label: 'How the commands are verified' },
  ],
} satisfies SidebarsConfig;
