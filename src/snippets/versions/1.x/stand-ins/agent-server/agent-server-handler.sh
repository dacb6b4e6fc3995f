# Request handler of the agent-server stand-in, sourced by http-server.sh once per connection.
# References: SDK1.34 = OpenHands/software-agent-sdk@2eff609f9cd4ae31b219d36bd429f74f5348aeef
# (tag v1.34.0), paths under openhands-agent-server/openhands/agent_server/.
#   GET /alive, GET /health  200 {"status":"ok"}       server_details_router.py lines 84-93
#   GET /ready               200 {"status":"ready"}    lines 96-107 (the stand-in has nothing to
#                                                      initialise, so it is ready at once)
#   GET /api/init            404 (no deferred init)     init_router.py lines 257-267, 305-318;
#                                                      mounted without the session key, api.py 322-329
#   /api/*                   X-Session-API-Key must be one of the session keys, else
#                            401 {"detail":"Unauthorized"} (api.py lines 331-365,
#                            dependencies.py lines 24-36); no keys configured -> no check
#   GET /agent-write         the stand-in's first write (harness hook, not upstream)
# Not modelled: every real /api route (an authorised request gets 501 from the stand-in), the
# workspace cookie (dependencies.py lines 39-60), /server_info, /docs, websockets (/sockets),
# the openai router; unknown paths answer 404 {"detail":"Not Found"}.

# Session keys: OH_SESSION_API_KEYS_0 (read by the env parser, config.py lines 23-24, 120-121)
# or, without it, the V0 variable SESSION_API_KEY (config.py lines 22, 30-41). Further
# OH_SESSION_API_KEYS_<n> are not modelled.
session_key() {
  if [ -n "$OH_SESSION_API_KEYS_0" ]; then echo "$OH_SESSION_API_KEYS_0"; else echo "$SESSION_API_KEY"; fi
}

json_reply() { respond "$1" application/json "$2"; }

handle() {
  case "$REQUEST_METHOD $REQUEST_PATH" in
    'GET /alive' | 'GET /health') json_reply '200 OK' '{"status":"ok"}' ;;
    'GET /ready') json_reply '200 OK' '{"status":"ready"}' ;;
    'GET /agent-write') json_reply '200 OK' "$(cat "$STATE/agent-write.json")" ;;
    'GET /api/init')
      json_reply '404 Not Found' '{"detail":"server is not running with deferred_init=True; the /api/init endpoint is not available"}' ;;
    *' /api/'*)
      key=$(session_key)
      if [ -n "$key" ] && [ "${HEADER_X_SESSION_API_KEY-}" != "$key" ]; then
        json_reply '401 Unauthorized' '{"detail":"Unauthorized"}'
      else
        json_reply '501 Not Implemented' '{"detail":"not modelled by the agent-server stand-in"}'
      fi ;;
    *) json_reply '404 Not Found' '{"detail":"Not Found"}' ;;
  esac
}
