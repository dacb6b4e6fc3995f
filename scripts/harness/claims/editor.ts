/**
 * The editor the agent server starts inside the Agent Canvas container (software-agent-sdk
 * v1.40.1 vscode_service.py: openvscode-server on 0.0.0.0:8001, its connection token the first
 * session key) and what the web port does with its path. src/snippets/versions/canvas/
 * CITATIONS.md says which part rests on what the stand-in imitates.
 */
import { get, keyOf, status } from './api';
import { listeningInside, onContainer } from './context';

/** The path the later releases' web port serves the editor under (static-server.mjs --vscode-base-path, from 1.16.0). */
const EDITOR_PATH = '/vscode/';

/** A container on the app's network opens the editor's port; no token: 403; the app's API key as the token: not 403. */
export const editorReachableOnNetwork = onContainer<'editor-reachable-on-network'>(async (claim, ctx, found, ev) => {
  const [network, endpoint] = Object.entries(found.facts.NetworkSettings.Networks)[0] ?? [];
  if (!ev.expect(network !== undefined && endpoint !== undefined, `${found.actual} is on a network`)) return;
  const published = Object.keys(found.facts.HostConfig.PortBindings ?? {}).some((port) => port.startsWith(`${claim.port}/`));
  ev.expect(!published, `port ${claim.port} is not published on the host${published ? ' (it is)' : ''}`);
  if (!(await listeningInside(ctx, found.actual, claim.port, ev))) return;
  const key = await keyOf(ctx, found.facts, ev);
  if (key === undefined) return;
  const neighbour = await ctx.startContainer(['--network', network!, ctx.probeImage, 'sleep', '120']);
  try {
    const address = endpoint!.IPAddress;
    const bare = status(await ctx.httpFrom(neighbour, address, claim.port, get('/')));
    ev.expect(bare === 403, `a container on ${network} gets ${bare} from ${address}:${claim.port}/ without a token, expected 403`);
    const withKey = status(await ctx.httpFrom(neighbour, address, claim.port, get(`/?tkn=${key}`)));
    ev.expect(withKey !== 0 && withKey !== 403, `and ${withKey} with the API key as the token (?tkn=), expected an answer other than 403`);
  } finally {
    await ctx.removeContainer(neighbour);
  }
});

/** GET /vscode/ on the web port: 1.12.0 routes no path to the editor (the static server redirects it into /canvas); later releases proxy it to the editor. */
export const editorRoute = onContainer<'editor-route'>(async (claim, ctx, found, ev) => {
  if (!(await listeningInside(ctx, found.actual, claim.port, ev))) return;
  const reply = (await ctx.httpFrom(found.actual, '127.0.0.1', claim.port, get(EDITOR_PATH))) ?? '';
  const code = status(reply);
  const location = /^Location: *(\S+)/im.exec(reply)?.[1];
  if (claim.route === 'not-routed') {
    ev.expect(code === 308 && location === `/canvas${EDITOR_PATH}`, `GET ${EDITOR_PATH} on port ${claim.port} answers ${code}${location ? ` to ${location}` : ''}, expected 308 to /canvas${EDITOR_PATH} (no route to the editor)`);
  } else {
    ev.expect(code === 403, `GET ${EDITOR_PATH} on port ${claim.port} without a token answers ${code}, expected 403 (the editor asks for its token)`);
  }
});
