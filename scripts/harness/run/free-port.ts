import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';

/** A loopback TCP port nothing listens on right now; the kernel picks it. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Host ports for the documented ones (3000, 8000) come from 20000–29999: below the kernel's
 * ephemeral range (32768–60999), which 1.x draws its sandbox ports from, and below 0.33's
 * sandbox range (30000–59999). So a sandbox of one unit never takes the port another unit was
 * given, on the host or in an engine's namespace.
 */
const RANGE = { from: 20_000, to: 29_999 } as const;

/** Whether `port` is free on this machine's loopback (the host's, where node runs). */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Hands out ports of RANGE at most once per process, each free where `isFree` says. */
export class PortPool {
  private readonly given = new Set<number>();

  constructor(private readonly isFree: (port: number) => Promise<boolean> = async () => true) {}

  async take(): Promise<number> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const port = randomInt(RANGE.from, RANGE.to + 1);
      if (this.given.has(port)) continue;
      if (!(await bindable(port)) || !(await this.isFree(port))) continue;
      this.given.add(port);
      return port;
    }
    throw new Error(`no free port in ${RANGE.from}–${RANGE.to} after 200 tries`);
  }
}
