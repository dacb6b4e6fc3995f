import { describe, expect, it } from 'vitest';
import { getSnippet } from '../../../src/snippets';
import { compareWithRegistry, parseSnippet } from '../../../scripts/harness/parse';
import { render } from './helpers';

/**
 * The egress section's commands, edited by hand after rendering: each edit that changes what
 * the command does is a difference from the registry, in the field it touched. The allow-list
 * and squid.conf are files written by printf, so a changed line counts as much as a changed flag.
 */
const cases = [
  ['egress-files', 'an allow-list line', "    api.your-llm-provider.example \\", "    '*' \\", 'lines[0]'],
  ['egress-files', "squid.conf's port rule", "'http_access deny !tls_port'", "'http_access allow all'", 'lines[4]'],
  ['egress-files', 'the file written', '> ~/egress-proxy/squid.conf', '> ~/egress-proxy/other.conf', 'file'],
  ['egress-files', 'the image built', 'docker build -t openhands-egress-proxy:bookworm', 'docker build -t debian:bookworm', 'image'],
  ['egress-proxy', 'the network made ordinary', 'docker network create --internal ', 'docker network create ', 'internal'],
  ['egress-proxy', "the bridge's name", 'com.docker.network.bridge.name=oh-egress0', 'com.docker.network.bridge.name=docker0', 'options[0]'],
  ['egress-proxy', 'the network the proxy joins', 'docker network connect openhands-egress openhands-egress-proxy', 'docker network connect openhands-network openhands-egress-proxy', 'network'],
  ['egress-proxy', "the forwarder's target", 'TCP:agent-canvas:8000', 'TCP:example.com:443', 'args[2]'],
  ['egress-host-guard', 'the interface of the INPUT rule', '-i oh-egress0', '-i eth0', 'inInterface'],
] as const;

describe('hand edits of the egress snippets', () => {
  it.each(cases)('%s: %s is a difference', async (id, _what, from, to, field) => {
    const snippet = getSnippet('canvas', id);
    const text = render(snippet, 'en');
    const edited = text.replace(from, to);
    expect(edited, `the rendered ${id} holds ${from}`).not.toBe(text);
    const differences = compareWithRegistry(snippet, await parseSnippet(snippet, edited));
    expect(differences.map((d) => d.field)).toEqual([field]);
  });
});

it('reports another file read by the log command', async () => {
  const snippet = getSnippet('canvas', 'egress-log');
  const text = render(snippet, 'en');
  const edited = text.replace('/var/log/squid/access.log', '/etc/squid/squid.conf');
  expect(edited).not.toBe(text);
  expect(compareWithRegistry(snippet, await parseSnippet(snippet, edited)).map((d) => d.field)).toEqual(['command[3]']);
});
