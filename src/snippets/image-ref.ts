/**
 * An image as a snippet names it, rendered `repository:tag`. Its own module, importing
 * nothing, so each version's images.ts and socket-proxy.ts can declare their images without
 * importing images.ts, which gathers them (no cycle: test/architecture/import-graph.test.ts).
 */
export interface ImageRef {
  readonly repository: string;
  readonly tag: string;
}
