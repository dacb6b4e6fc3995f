import type { Site } from '../site';

/** A check over the whole site; it reports on the site's files and returns nothing. */
export interface Rule {
  readonly id: string;
  readonly check: (site: Site) => void;
}
