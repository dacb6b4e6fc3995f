import type { SidebarsConfig } from '@docusaurus/plugin-content-docs';

/** One linear guide: the landing page, the runtime page, its hardened variant, then how it was all checked. */
export default {
  guide: [
    { type: 'doc', id: 'intro', label: 'Introduction' },
    { type: 'doc', id: 'docker-runtime', label: 'Docker Runtime' },
    { type: 'doc', id: 'hardened-installation', label: 'Hardened Docker Installation' },
    { type: 'doc', id: 'verification', label: 'How the commands are verified' },
  ],
} satisfies SidebarsConfig;
