import type { ImageRef } from './image-ref';

/**
 * Tecnativa/docker-socket-proxy, the one image every OpenHands version's pages share.
 * Variables of v0.4.1 the guide sets: API sections to allow (`1`) or deny (`0`), and POST
 * for every non-GET/HEAD method.
 */
export interface SocketProxyEnv {
  readonly CONTAINERS?: '0' | '1';
  readonly IMAGES?: '0' | '1';
  readonly POST?: '0' | '1';
  readonly NETWORKS?: '0' | '1';
  readonly VOLUMES?: '0' | '1';
  readonly INFO?: '0' | '1';
  readonly EXEC?: '0' | '1';
}

export const SOCKET_PROXY_IMAGES = {
  'socket-proxy': { repository: 'tecnativa/docker-socket-proxy', tag: '0.4.1' },
} as const satisfies Record<string, ImageRef>;
