import type { SidebarsConfig } from '@docusaurus/plugin-content-docs';

/** One linear guide: the landing page, then the runtime page, then its hardened variant. */
export default {
  guide: [
    { type: 'doc', id: 'intro', label: 'Introduction' },
    { type: 'doc', id: 'docker-runtime', label: 'Docker Runtime' },
    { type: 'doc', id: 'hardened-installation', label: 'Hardened Docker Installation' },
  ],
} satisfies SidebarsConfig;
