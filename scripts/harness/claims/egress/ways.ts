/**
 * One entry per way out of the egress section's bypass suite (EGRESS_WAYS): the attempt from
 * the agent's network namespace, which must get nowhere, and the same attempt from a control
 * container on an ordinary network, which must get through. The control is what makes a
 * refusal mean something: the host exists and answers, and the page's measures are what stop
 * the agent. A way missing here does not compile.
 */
import { randomBytes } from 'node:crypto';
import type { EgressWay } from '../../../../src/snippets';
import type { EgressProbe, Evidence } from '../context';
import { connectVia, getDirect, getVia, logLine, lookup, METADATA, ping, tcpConnect } from './requests';

export interface Attempt {
  readonly probe: EgressProbe;
  readonly ev: Evidence;
  /** The agent's container (as run), and the proxy's address on the agent's network. */
  readonly agent: string;
  readonly proxy: string;
  readonly proxyAddress: string;
  /** The agent's `--internal` network and the ordinary network the control container joins (as run). */
  readonly internalNetwork: string;
  readonly outsideNetwork: string;
}

export interface Way {
  /** The attempt from the agent: records what it got and whether that was a refusal. */
  refused(attempt: Attempt): Promise<void>;
  /** The same from the control container: records whether it got through. */
  control(attempt: Attempt): Promise<void>;
}

/**
 * A name of its own under a stand-in host, for an attempt whose proof is that no query for it
 * arrived: units run side by side, and their controls look up the hosts' own names meanwhile.
 * The stand-in's resolver answers every name under a host with the host's address.
 */
const fresh = (host: string): string => `${randomBytes(4).toString('hex')}.${host}`;

const excerpt = (text: string) => JSON.stringify(text.trim().split('\n').slice(0, 3).join(' | ').slice(0, 200));

/** A CONNECT the proxy must refuse with 403, logged as a denial; for a name, also that the proxy looked it up nowhere. */
function refusedConnect(target: (a: Attempt) => { readonly host: string; readonly port: number; readonly name?: boolean }): Way['refused'] {
  return async (a) => {
    const { host, port, name } = target(a);
    const to = `${host}:${port}`;
    const reply = await a.probe.shellIn(a.agent, connectVia(a.proxyAddress, to));
    a.ev.expect(/HTTP\/1\.1 403/.test(reply.output) && !/200 Connection established/i.test(reply.output), `CONNECT ${to} through the proxy is refused with 403 (got ${excerpt(reply.output)})`);
    const log = await a.probe.proxyLog(a.proxy);
    a.ev.expect(logLine('TCP_DENIED/403', 'CONNECT', to).test(log), `the proxy's access log has the denial: ${log.split('\n').find((line) => line.includes(to)) ?? '(no line for it)'}`);
    if (name) a.ev.expect(!a.probe.queries().includes(host), `the proxy asked no resolver for ${host}`);
  };
}

/** A direct request the agent must not get an answer to. */
function refusedDirect(address: (a: Attempt) => string, port: number, host: 'llm' | 'unlisted' | 'metadata'): Way['refused'] {
  return async (a) => {
    const reply = await a.probe.shellIn(a.agent, getDirect(address(a), port));
    a.ev.expect(!reply.output.includes(a.probe.pageOf(host)), `a direct request to ${address(a)}:${port}, past the proxy, gets no answer (got ${excerpt(reply.output) || 'nothing'})`);
  };
}

/** The control: the same direct request from an ordinary network is answered by the host. */
function reachedDirect(address: (a: Attempt) => string, port: number, host: 'llm' | 'unlisted' | 'metadata'): Way['control'] {
  return async (a) => {
    const reply = await a.probe.shellOn(a.outsideNetwork, getDirect(address(a), port));
    a.ev.expect(reply.output.includes(a.probe.pageOf(host)), `negative control: from a container on ${a.outsideNetwork}, ${address(a)}:${port} answers as ${host}`);
  };
}

const llm = (a: Attempt) => a.probe.addresses.llm;
const unlisted = (a: Attempt) => a.probe.addresses.unlisted;

export const WAYS: { readonly [W in EgressWay]: Way } = {
  'connect-unlisted': {
    refused: refusedConnect((a) => ({ host: fresh(a.probe.names.unlisted), port: 443, name: true })),
    control: reachedDirect(unlisted, 443, 'unlisted'),
  },
  'literal-ip': {
    refused: refusedConnect((a) => ({ host: a.probe.addresses.llm, port: 443 })),
    control: reachedDirect(llm, 443, 'llm'),
  },
  'other-port': {
    refused: refusedConnect((a) => ({ host: a.probe.names.llm, port: 8443 })),
    control: reachedDirect(llm, 8443, 'llm'),
  },
  'direct-unlisted': { refused: refusedDirect(unlisted, 443, 'unlisted'), control: reachedDirect(unlisted, 443, 'unlisted') },
  'direct-allowed-address': { refused: refusedDirect(llm, 443, 'llm'), control: reachedDirect(llm, 443, 'llm') },
  'dns-udp': {
    refused: async (a) => {
      const name = fresh(a.probe.names.unlisted);
      const reply = await a.probe.shellIn(a.agent, lookup(name, a.probe.addresses.resolver));
      a.ev.expect(!reply.output.includes(a.probe.addresses.unlisted), `a lookup of ${name} over UDP at the outside resolver ${a.probe.addresses.resolver} gets no answer (got ${excerpt(reply.output)})`);
      a.ev.expect(!a.probe.queries().includes(name), 'the outside resolver received no query for it');
    },
    control: async (a) => {
      const reply = await a.probe.shellOn(a.outsideNetwork, lookup(fresh(a.probe.names.unlisted), a.probe.addresses.resolver));
      a.ev.expect(reply.output.includes(a.probe.addresses.unlisted), `negative control: from ${a.outsideNetwork}, the resolver answers ${a.probe.names.unlisted}`);
    },
  },
  'dns-tcp': {
    refused: async (a) => {
      const reply = await a.probe.shellIn(a.agent, tcpConnect(a.probe.addresses.resolver, 53));
      a.ev.expect(!reply.output.includes('connected'), `a TCP connection to the outside resolver's port 53 is not accepted (got ${excerpt(reply.output) || 'nothing'})`);
    },
    control: async (a) => {
      const reply = await a.probe.shellOn(a.outsideNetwork, tcpConnect(a.probe.addresses.resolver, 53));
      a.ev.expect(reply.output.includes('connected'), `negative control: from ${a.outsideNetwork}, the resolver accepts TCP on port 53`);
    },
  },
  'embedded-dns': {
    refused: async (a) => {
      const name = fresh(a.probe.names.unlisted);
      const resolver = await a.probe.resolverOf(a.agent);
      if (!a.ev.expect(resolver !== undefined, `the agent's resolv.conf names the engine's resolver (${resolver ?? 'none'})`)) return;
      const reply = await a.probe.shellIn(a.agent, lookup(name, resolver!));
      a.ev.expect(!reply.output.includes(a.probe.addresses.unlisted), `a lookup of ${name} through the engine's own resolver (${resolver}) gets no answer (got ${excerpt(reply.output)})`);
      a.ev.expect(!a.probe.queries().includes(name), 'no query for it reached the outside resolver');
    },
    control: async (a) => {
      const resolver = await a.probe.controlResolver(a.outsideNetwork);
      const reply = resolver ? await a.probe.shellOn(a.outsideNetwork, lookup(fresh(a.probe.names.unlisted), resolver)) : undefined;
      a.ev.expect(reply?.output.includes(a.probe.addresses.unlisted) ?? false, `negative control: on ${a.outsideNetwork}, the engine's resolver (${resolver ?? 'none'}) forwards the lookup and answers`);
    },
  },
  icmp: {
    refused: async (a) => {
      const reply = await a.probe.shellIn(a.agent, ping(a.probe.addresses.llm));
      a.ev.expect(!reply.output.includes('answered'), `an ICMP echo request to ${a.probe.addresses.llm} gets no reply`);
    },
    control: async (a) => {
      const reply = await a.probe.shellOn(a.outsideNetwork, ping(a.probe.addresses.llm));
      a.ev.expect(reply.output.includes('answered'), `negative control: from ${a.outsideNetwork}, ${a.probe.addresses.llm} answers ping`);
    },
  },
  metadata: {
    refused: async (a) => {
      await refusedDirect(() => METADATA, 80, 'metadata')(a);
      const reply = await a.probe.shellIn(a.agent, getVia(a.proxyAddress, `http://${METADATA}/`));
      a.ev.expect(/HTTP\/1\.1 403/.test(reply.output) && !reply.output.includes(a.probe.pageOf('metadata')), `a request for http://${METADATA}/ through the proxy is refused with 403`);
      const log = await a.probe.proxyLog(a.proxy);
      a.ev.expect(logLine('TCP_DENIED/403', 'GET', `http://${METADATA}/`).test(log), `the proxy's access log has the denial: ${log.split('\n').find((line) => line.includes(METADATA)) ?? `(no line for it in ${JSON.stringify(log.slice(-600))})`}`);
    },
    control: reachedDirect(() => METADATA, 80, 'metadata'),
  },
  'host-service': {
    refused: async (a) => {
      const gateway = await a.probe.gatewayOf(a.internalNetwork);
      if (!a.ev.expect(gateway !== undefined, `${a.internalNetwork} has a gateway address on this machine`)) return;
      const { port } = await a.probe.hostService(gateway!);
      const reply = await a.probe.shellIn(a.agent, tcpConnect(gateway!, port));
      a.ev.expect(!reply.output.includes('connected'), `a service of this machine on the gateway address, where one listening on every address also answers (port ${port}) does not accept the agent at ${gateway}`);
    },
    control: async (a) => {
      const gateway = await a.probe.gatewayOf(a.outsideNetwork);
      const port = gateway && (await a.probe.hostService(gateway)).port;
      const reply = gateway && port ? await a.probe.shellOn(a.outsideNetwork, tcpConnect(gateway, port)) : undefined;
      a.ev.expect(reply?.output.includes('connected') ?? false, `negative control: from ${a.outsideNetwork}, a service of this machine on that network's gateway ${gateway ?? '(none)'} accepts, port ${port ?? '?'}`);
    },
  },
};
