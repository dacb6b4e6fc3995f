import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

/**
 * `docusaurus serve` is a node:http server around `serve-handler` with
 * `{ cleanUrls: true, trailingSlash, directoryListing: false }`
 * (@docusaurus/core/lib/commands/serve.js). We run the same handler, loaded from
 * @docusaurus/core's own dependencies, in this process: the same routing as the command
 * (`/ja/x` -> build/ja/x/index.html, `/x.html` -> `/x`, 404.html), with no child
 * process to find a port for, wait on or kill, and nothing listening but loopback.
 */
type ServeHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  options: { public: string; cleanUrls: boolean; trailingSlash?: boolean; directoryListing: boolean },
) => Promise<void>;

function loadServeHandler(): ServeHandler {
  const fromDocusaurus = createRequire(require.resolve('@docusaurus/core/package.json'));
  try {
    return fromDocusaurus('serve-handler') as ServeHandler;
  } catch (error) {
    throw new Error(
      `Cannot load serve-handler, which \`docusaurus serve\` uses, from @docusaurus/core's dependencies (${String(error)}); run \`npm ci\``,
    );
  }
}

export interface SiteServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly origin: string;
  /** Requests it answered, path and status, in order. */
  readonly log: readonly { path: string; status: number }[];
  close(): Promise<void>;
}

export interface ServeOptions {
  /** The folder to serve (build/, or a fixture folder). */
  readonly root: string;
  /** Docusaurus `baseUrl`; the site uses `/`. */
  readonly baseUrl?: string;
  /** Docusaurus `trailingSlash` (undefined: both forms served, no redirect). */
  readonly trailingSlash?: boolean;
}

export async function startServer({ root, baseUrl = '/', trailingSlash }: ServeOptions): Promise<SiteServer> {
  const handler = loadServeHandler();
  const log: { path: string; status: number }[] = [];
  const server = http.createServer((req, res) => {
    res.on('finish', () => log.push({ path: req.url ?? '', status: res.statusCode }));
    const url = req.url ?? '/';
    if (!url.startsWith(baseUrl)) {
      res.writeHead(302, { Location: baseUrl });
      res.end();
      return;
    }
    req.url = url.replace(baseUrl, '/');
    handler(req, res, { public: root, cleanUrls: true, trailingSlash, directoryListing: false }).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  // Keep-alive sockets would hold close() open until they time out.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
