/**
 * The attempts as busybox shell scripts. They run in the agent's network namespace with the
 * host's busybox (where no name resolves), or in a control container: so every target is an
 * address, except a name the proxy itself is asked to resolve.
 */
import { PROXY_PORT } from '../../../../src/snippets/egress-proxy';

const crlf = (lines: readonly string[]): string => lines.map((line) => `${line}\\r\\n`).join('');

/** CONNECT through the proxy, then a GET inside the tunnel (the stand-in's servers speak plain HTTP). */
export const connectVia = (proxy: string, target: string): string =>
  // The GET waits for the tunnel: squid drops what a client sends before it answers CONNECT.
  `{ printf '${crlf([`CONNECT ${target} HTTP/1.1`, `Host: ${target}`, ''])}'; sleep 1; printf '${crlf(['GET / HTTP/1.0', ''])}'; sleep 1; } | nc -w 3 ${proxy} ${PROXY_PORT}`;

/** A plain proxied GET; the client stays until the reply is in, or squid logs the request as aborted. */
export const getVia = (proxy: string, url: string): string => `{ printf '${crlf([`GET ${url} HTTP/1.0`, ''])}'; sleep 1; } | nc -w 3 ${proxy} ${PROXY_PORT}`;

/** A GET straight to an address, past any proxy: what a client that ignores HTTPS_PROXY does. */
export const getDirect = (address: string, port: number): string => `printf '${crlf(['GET / HTTP/1.0', ''])}' | nc -w 3 ${address} ${port}`;

/** A TCP connection and nothing else; prints `connected` when it was accepted. */
export const tcpConnect = (address: string, port: number): string => `nc -w 2 ${address} ${port} </dev/null && echo connected`;

/** Whether something accepts at address:port within a second: exit status 0 when it does. */
export const accepts = (address: string, port: number): string => `nc -w 1 ${address} ${port} </dev/null`;

/** A lookup over UDP at this server. */
export const lookup = (name: string, server: string): string => `nslookup ${name} ${server}`;

/** One echo request; prints `answered` when one came back. */
export const ping = (address: string): string => `ping -c 1 -W 2 ${address} && echo answered`;

export const METADATA = '169.254.169.254';

/** squid's access log line of a refused or tunnelled request (squid 5 native log format: result code/status, bytes, method, URL). */
export const logLine = (code: 'TCP_DENIED/403' | 'TCP_TUNNEL/200', method: 'CONNECT' | 'GET', url: string): RegExp =>
  new RegExp(`${code} \\d+ ${method} ${url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`);
