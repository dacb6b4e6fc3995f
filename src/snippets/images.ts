import { OPENHANDS_VERSION } from './version';

export interface ImageRef {
  readonly repository: string;
  readonly tag: string;
}

/** Images the guide runs. Keys are what snippets refer to; references are rendered as `repository:tag`. */
export const IMAGES = {
  openhands: { repository: 'docker.all-hands.dev/all-hands-ai/openhands', tag: OPENHANDS_VERSION },
  runtime: { repository: 'docker.all-hands.dev/all-hands-ai/runtime', tag: `${OPENHANDS_VERSION}-nikolaik` },
  socketProxy: { repository: 'tecnativa/docker-socket-proxy', tag: '0.4.1' },
} as const satisfies Record<string, ImageRef>;

export type ImageName = keyof typeof IMAGES;

export function imageReference(name: ImageName): string {
  const { repository, tag } = IMAGES[name];
  return `${repository}:${tag}`;
}
