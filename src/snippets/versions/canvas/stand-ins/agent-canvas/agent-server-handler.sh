# Request handler of the agent-server stand-in (openhands-agent-server), sourced by
# http-server.sh once per connection. It models OpenHands/software-agent-sdk v1.40.1
# (c1877b44129696cb99535c0e074d22a324cc7312); paths are under
# openhands-agent-server/openhands/agent_server/ at that tag. JSON bodies are compact, as
# Starlette's JSONResponse renders them.
#
# Modelled:
# - GET /alive, /health -> 200 {"status":"ok"}; GET /ready -> 200 {"status":"ready"}; GET
#   /server_info -> 200 JSON; no key needed for any of them (server_details_router.py lines
#   91-123, mounted outside the authenticated /api group, api.py line 405). /ready is "ready"
#   whenever the port answers: the non-deferred lifespan marks initialization complete before
#   uvicorn binds (api.py lines 262-266).
# - /server_info fields: uptime, idle_time (whole seconds since start, as floats), title,
#   capabilities (the three of lines 61-67; v1.37.0 had only credential_binding_v1), docs,
#   redoc (server_details_router.py lines 34-73, 117-123). NOT modelled: version,
#   sdk_version, tools_version, workspace_version, build_git_sha, build_git_ref,
#   python_version, usable_tools, runtime_idle_timeout_seconds,
#   max_foreground_terminal_timeout_seconds (their values in the real image are unknown here),
#   idle_time being reset by agent activity, and the runtime_services field that the 1.12.0
#   ingress adds to this answer (see ingress-handler.sh).
# - GET /docs, /redoc, /openapi.json -> 200 without a key (FastAPI defaults, no auth
#   dependency: api.py lines 366-380); their bodies here are stand-in text.
# - /api/*: the X-Session-API-Key header must be one of the session keys, else 401
#   {"detail":"Unauthorized"} (dependencies.py lines 18, 24-36: HTTPException(401) without a
#   detail; api.py lines 634-678 return {"detail": exc.detail}). With an empty key list the
#   check passes for everyone. Not the Authorization header, not a query parameter.
#   Simplification: the stand-in holds no route table, so an /api path with no real route
#   also gets 401 without a key (the real server: 404, as routing comes before the
#   dependency). Probe real routes such as /api/file/home.
# - GET /api/file/home with a valid key -> {"home": Path.home(), "favorites": [top-level
#   non-hidden directories of home, not symlinks, sorted case-insensitively, at most 50],
#   "locations": [{"label":"/","path":"/"}]}; include_hidden=true adds hidden directories
#   (file_router.py lines 666-734).
# - GET /api/init -> 404 with the detail of init_router.py lines 283-292 (no deferred init;
#   the route needs no session key, api.py lines 407-414, init_router.py lines 334-344).
# - any other path -> 404 {"detail":"Not Found"} (FastAPI's answer for a path with no route).
# Everything else (other /api routes with a valid key, WebSockets on /sockets, the workspace
# cookie oh_workspace_session_key, other methods) answers 501 with a "harness stand-in" body.

. /opt/agent-canvas-standin/standin-lib.sh

respond_json() { respond "$1" application/json "$2"; }

not_modelled() {
  respond_json '501 Not Implemented' "{\"standin\":\"harness stand-in answer: $1 is not modelled by the agent-server stand-in\"}"
}

# check_session_api_key: passes when the key list is empty or holds the header's value.
key_ok() {
  [ "${AGENT_SERVER_KEY_COUNT:-0}" -eq 0 ] && return 0
  [ -n "${HEADER_X_SESSION_API_KEY+set}" ] || return 1
  printf '%s' "$AGENT_SERVER_KEYS" | grep -qxF -- "$HEADER_X_SESSION_API_KEY"
}

seconds_since_start() { echo "$(($(date +%s) - ${AGENT_SERVER_STARTED:-$(date +%s)})).0"; }

file_home() {
  home=${HOME:-/}
  include_hidden=false
  case "&$QUERY_STRING&" in
    *'&include_hidden='[Tt][Rr][Uu][Ee]'&'* | *'&include_hidden=1&'* | *'&include_hidden='[Yy][Ee][Ss]'&'* | *'&include_hidden='[Oo][Nn]'&'*) include_hidden=true ;;
  esac
  favorites=$(find "$home" -mindepth 1 -maxdepth 1 -type d 2>/dev/null |
    awk -v hidden="$include_hidden" '{ n = split($0, p, "/"); name = p[n]; if (hidden != "true" && substr(name, 1, 1) == ".") next; print tolower(name) "\t" name }' |
    LC_ALL=C sort -t "$(printf '\t')" -k1,1 | cut -f2 | head -n 50 |
    while IFS= read -r name; do
      printf '{"label":%s,"path":%s},' "$(json_string "$name")" "$(json_string "${home%/}/$name")"
    done)
  respond_json '200 OK' "{\"home\":$(json_string "$home"),\"favorites\":[${favorites%,}],\"locations\":[{\"label\":\"/\",\"path\":\"/\"}]}"
}

handle() {
  case $REQUEST_PATH in
    /alive | /health)
      [ "$REQUEST_METHOD" = GET ] || { not_modelled "$REQUEST_METHOD $REQUEST_PATH"; return; }
      respond_json '200 OK' '{"status":"ok"}' ;;
    /ready)
      [ "$REQUEST_METHOD" = GET ] || { not_modelled "$REQUEST_METHOD $REQUEST_PATH"; return; }
      respond_json '200 OK' '{"status":"ready"}' ;;
    /server_info)
      [ "$REQUEST_METHOD" = GET ] || { not_modelled "$REQUEST_METHOD $REQUEST_PATH"; return; }
      s=$(seconds_since_start)
      respond_json '200 OK' "{\"uptime\":$s,\"idle_time\":$s,\"title\":\"OpenHands Agent Server\",\"capabilities\":[\"credential_binding_v1\",\"credential_binding_readiness_probe_v1\",\"credential_binding_activation_guard_v1\"],\"docs\":\"/docs\",\"redoc\":\"/redoc\"}" ;;
    /docs | /redoc)
      [ "$REQUEST_METHOD" = GET ] || { not_modelled "$REQUEST_METHOD $REQUEST_PATH"; return; }
      respond '200 OK' 'text/html; charset=utf-8' '<!doctype html><title>OpenHands Agent Server (harness stand-in page)</title>' ;;
    /openapi.json)
      [ "$REQUEST_METHOD" = GET ] || { not_modelled "$REQUEST_METHOD $REQUEST_PATH"; return; }
      respond_json '200 OK' '{"standin":"harness stand-in answer: the OpenAPI document is not modelled"}' ;;
    /sockets | /sockets/*)
      not_modelled "the WebSocket endpoint $REQUEST_PATH" ;;
    /api/init)
      if [ "$REQUEST_METHOD" = GET ]; then
        respond_json '404 Not Found' '{"detail":"server is not running with deferred_init=True; the /api/init endpoint is not available"}'
      else
        not_modelled "$REQUEST_METHOD /api/init"
      fi ;;
    /api | /api/*)
      if ! key_ok; then
        respond_json '401 Unauthorized' '{"detail":"Unauthorized"}'
        return
      fi
      if [ "$REQUEST_METHOD" = GET ] && [ "$REQUEST_PATH" = /api/file/home ]; then
        file_home
      else
        not_modelled "$REQUEST_METHOD $REQUEST_PATH (with a valid key)"
      fi ;;
    *)
      respond_json '404 Not Found' '{"detail":"Not Found"}' ;;
  esac
}
