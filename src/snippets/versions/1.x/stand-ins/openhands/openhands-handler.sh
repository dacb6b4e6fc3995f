# Request handler of the OpenHands 1.11 app stand-in, sourced by http-server.sh once per
# connection (HTTP_HANDLER). Routes, as R1.11 mounts them (openhands/app_server/app.py lines
# 71-72: the health router at the root, v1_router under /api/v1, v1_router.py line 24):
#   GET  /alive                   {"status": "ok"}        status/status_router.py lines 8-14
#   GET  /health, GET /ready      "OK" (a JSON string)    status_router.py lines 17-25, 39-47
#   POST /api/v1/sandboxes        start a sandbox          sandbox/sandbox_router.py lines 75-81
#   GET  /api/v1/sandboxes/search page of SandboxInfo      sandbox_router.py lines 41-54
#   GET  /api/v1/sandboxes?id=..  list of SandboxInfo|null sandbox_router.py lines 57-69
#   GET  /status                  the stand-in's self-report (harness hook, not upstream)
#   GET  /                        a placeholder page (the real app serves its frontend build,
#                                 app.py lines 75-79)
# Anything else answers 404 {"detail":"Not Found"} (not modelled: the real app's static
# frontend mount may answer other GET paths, and wrong methods get 405).
. /app/openhands-lib.sh

json_reply() { respond "$1" application/json "$2"; }

# The sandbox router's dependencies (sandbox_router.py lines 32-34): R1.11
# openhands/app_server/utils/dependencies.py get_dependencies (lines 23-32) adds a check only
# when the app's environment has a non-empty SESSION_API_KEY; then header X-Session-API-Key
# must equal it, else HTTP 401 (lines 13-20; FastAPI's body for a bare 401 HTTPException).
# Without it there is no authentication in the local (OSS) mode.
check_app_key() {
  if [ -n "$SESSION_API_KEY" ] && [ "${HEADER_X_SESSION_API_KEY-}" != "$SESSION_API_KEY" ]; then
    json_reply '401 Unauthorized' '{"detail":"Unauthorized"}'
    return 1
  fi
  # A configuration the real app cannot parse (see openhands-stand-in.sh): plain 500.
  if [ -s "$OHM_STATE/config-error" ]; then
    respond '500 Internal Server Error' text/plain 'Internal Server Error'
    return 1
  fi
}

query_values() { # NAME: the URL-decoded values of NAME in the query string, one per line
  printf '%s\n' "$QUERY_STRING" | tr '&' '\n' | sed -n "s|^$1=||p" | while IFS= read -r v; do
    httpd -d "$(printf '%s' "$v" | tr '+' ' ')"
    echo
  done
}

random_base62() { tr -dc '0-9A-Za-z' </dev/urandom | head -c "$1"; }

# Labels that tie the sandbox to the harness session that started the app, as --label
# arguments. Harness convenience, not OpenHands behaviour: the real app labels its sandboxes
# only with sandbox_spec_id; copying lets the harness clean up what the app created.
session_labels() {
  docker inspect --format '{{range $k, $v := .Config.Labels}}{{$k}}={{$v}}{{"\n"}}{{end}}' "$(hostname)" 2>/dev/null |
    grep -E '^org\.openhands-guide\.(session|pid|host|unit)='
}

# DockerSandboxSpecServiceInjector.pull_spec_if_missing (R1.11
# openhands/app_server/sandbox/docker_sandbox_spec_service.py lines 60-92, 111-115): on first
# use, images.get(<image>) and on ImageNotFound images.pull(<image>); an APIError becomes
# SandboxError "Error Getting Docker Image: <image>" (HTTP 500). Once it succeeded it is not
# checked again (lines 71-75).
# NOT the same here: no registry is reachable, so the stand-in never pulls. A missing image
# fails at once, as the real app's pull would fail without a registry, with the reason in
# /status. (The docker run below uses --pull never for the same reason.)
ensure_image() {
  [ -e "$OHM_STATE/image-present" ] && return 0
  if out=$(docker image inspect --format '{{.Id}}' "$OHM_IMAGE" 2>&1); then
    : >"$OHM_STATE/image-present"
    return 0
  fi
  case $out in
    *'No such image'* | *'No such object'*)
      set_error "agent-server image $OHM_IMAGE is not on the Docker daemon. The real app would pull it now (docker_sandbox_spec_service.py line 115); the stand-in never pulls (no registry here)"
      log ERROR openhands.app_server.sandbox.docker_sandbox_spec_service docker_sandbox_spec_service.py:88 \
        "stand-in: $OHM_IMAGE is missing; the real app logs '⬇️  Pulling Docker Image: $OHM_IMAGE' here and pulls it; the stand-in does not pull"
      json_reply '500 Internal Server Error' "{\"detail\":$(json_string "Error Getting Docker Image: $OHM_IMAGE")}" ;;
    *)
      # docker.from_env() failing (daemon unreachable) is not an APIError: an unhandled
      # exception, i.e. Starlette's plain 500.
      set_error "cannot reach the Docker daemon at ${DOCKER_HOST:-unix:///var/run/docker.sock}: $out"
      log ERROR openhands.app_server.sandbox.docker_sandbox_spec_service docker_sandbox_spec_service.py:84 \
        "stand-in: cannot reach the Docker daemon: $out"
      respond '500 Internal Server Error' text/plain 'Internal Server Error' ;;
  esac
  return 1
}

# DockerSandboxService.start_sandbox (R1.11 openhands/app_server/sandbox/
# docker_sandbox_service.py lines 385-516) as one `docker run`:
# - sandbox id: base62 of 16 random bytes (line 410); container name
#   "oh-agent-server-<id>" (prefix line 599, line 413); session key base62 of 32 random bytes
#   (line 414). Here: 22 and 43 random base62 characters.
# - environment: the default spec's initial env (docker_sandbox_spec_service.py lines 40-49)
#   incl. every LLM_* / LMNR_* variable of the app (sandbox_spec_service.py lines 149-210),
#   OH_SESSION_API_KEYS_0 and OH_WEBHOOKS_0_BASE_URL=http://host.docker.internal:<host_port>/
#   api/v1/webhooks (lines 417-421; names sandbox_service.py lines 25-26), and
#   AGENT_SERVER/VSCODE/WORKER_1/WORKER_2 = the container ports (lines 448-453).
# - ports 8000/8001/8011/8012 (lines 605-636), each to a host port from _find_unused_port
#   (lines 111-117: bind(('', 0)) inside the app container, i.e. a free port of the kernel's
#   ephemeral range as the app container sees it). Plain int host ports become HostIp ""
#   (docker-py 7.1.0 docker/utils/utils.py _convert_port_binding, lines 85-107): all host
#   interfaces, the same as `-p HOSTPORT:CONTAINERPORT`.
#   NOT the same here: a port free inside the app container may be taken on the host; the real
#   app then fails ("Failed to start container"), the stand-in draws new ports (up to 5 tries).
# - volumes from SANDBOX_VOLUMES (lines 461-467), working_dir /workspace/project (spec,
#   docker_sandbox_spec_service.py line 50), labels {sandbox_spec_id: <image>} (lines 456-458),
#   init=True (line 498), extra_hosts host.docker.internal:host-gateway (lines 499-504 and the
#   field default, 644-652), no network_mode (default bridge), no user=, remove=False.
# - an APIError becomes SandboxError "Failed to start container: <error>", HTTP 500 (line 516;
#   openhands/app_server/errors.py lines 6-15, 42-43). The error text here is the docker CLI's.
# Harness additions: the session labels, --label org.openhands-guide.role=runtime, and
# --pull never (docker-py's run pulls on ImageNotFound, docker-py 7.1.0
# docker/models/containers.py lines 875-881; nothing can be pulled here).
start_sandbox() {
  sandbox_id=$(random_base62 22)
  name="oh-agent-server-$sandbox_id"
  key=$(random_base62 43)
  webhook="http://host.docker.internal:$OHM_HOST_PORT/api/v1/webhooks"
  # The ephemeral range bind(('', 0)) draws from in the app container's network namespace.
  # (busybox `read` mis-reads this proc file, hence cat.)
  range=$(cat /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null)
  low=$(echo "$range" | awk '{ print $1 }') high=$(echo "$range" | awk '{ print $2 }')
  case "$low$high" in '' | *[!0-9]*) low=32768 high=60999 ;; esac # Linux's default range
  attempt=0
  while [ "$attempt" -lt 5 ]; do
    attempt=$((attempt + 1))
    ports=$(shuf -i "$low-$high" -n 4 | tr '\n' ' ')
    set -- $ports
    p8000=$1 p8001=$2 p8011=$3 p8012=$4
    set -- run -d --pull never --name "$name" \
      -e OPENVSCODE_SERVER_ROOT=/openhands/.openvscode-server \
      -e OH_ENABLE_VNC=0 \
      -e LOG_JSON=true \
      -e OH_CONVERSATIONS_PATH=/workspace/conversations \
      -e OH_BASH_EVENTS_DIR=/workspace/bash_events \
      -e PYTHONUNBUFFERED=1 \
      -e ENV_LOG_LEVEL=20
    for var in $(env | sed -n 's/^\(LLM_[A-Za-z0-9_]*\)=.*/\1/p; s/^\(LMNR_[A-Za-z0-9_]*\)=.*/\1/p'); do
      set -- "$@" -e "$var"
    done
    set -- "$@" -e "OH_SESSION_API_KEYS_0=$key" -e "OH_WEBHOOKS_0_BASE_URL=$webhook" \
      -e AGENT_SERVER=8000 -e VSCODE=8001 -e WORKER_1=8011 -e WORKER_2=8012 \
      -p "$p8000:8000" -p "$p8001:8001" -p "$p8011:8011" -p "$p8012:8012" \
      -w /workspace/project --label "sandbox_spec_id=$OHM_IMAGE" --init \
      --add-host host.docker.internal:host-gateway
    while IFS= read -r mount; do
      [ -n "$mount" ] || continue
      host_path=${mount%%:*}
      case $host_path in
        .*)
          # The docker CLI turns a host path starting with "." into an absolute path (docker/cli
          # v28.2.2 cli/command/container/opts.go lines 376-384); docker-py hands it to the
          # daemon verbatim, which takes it for a volume name and refuses it (moby v20.10.24
          # volume/local/local.go line 270).
          out="\"$host_path\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path"
          set_error "Failed to start container: $out"
          json_reply '500 Internal Server Error' "{\"detail\":$(json_string "Failed to start container: $out")}"
          return 1 ;;
      esac
      set -- "$@" -v "$mount"
    done <"$OHM_STATE/mounts"
    labels=$(session_labels)
    while IFS= read -r label; do
      [ -n "$label" ] && set -- "$@" --label "$label"
    done <<EOF
$labels
EOF
    set -- "$@" --label org.openhands-guide.role=runtime "$OHM_IMAGE" --port 8000
    if out=$(docker "$@" 2>&1); then
      started=$(date +%s)
      put "$name" image "$OHM_IMAGE"
      put "$name" key "$key"
      put "$name" webhook "$webhook"
      put "$name" started "$started"
      put "$name" port_8000 "$p8000"
      put "$name" port_8001 "$p8001"
      put "$name" port_8011 "$p8011"
      put "$name" port_8012 "$p8012"
      put "$name" mounts "$(cat "$OHM_STATE/mounts")"
      put "$name" status STARTING
      # Not tried yet (null in /status) until poll_sandbox reaches it or gives up.
      put "$name" reached pending
      echo "$name" >>"$OHM_STATE/order"
      stand_in_log "started sandbox $name from $OHM_IMAGE, ports 8000->$p8000 8001->$p8001 8011->$p8011 8012->$p8012 (all interfaces)"
      # The wait for the agent server, in the background (see poll_sandbox).
      setsid sh -c '. /app/openhands-lib.sh; poll_sandbox "$1"' poll-sandbox "$name" </dev/null >/dev/null &
      # docker-py's run returns the container as created, before start (docker-py 7.1.0
      # docker/models/containers.py lines 876-886, create -> get at 936; start does not
      # reload), so start_sandbox answers status "created" -> STARTING, and no key or URLs
      # (docker_sandbox_service.py lines 157-161, 511-513). sandbox_spec_id is
      # container.image.tags[0] upstream (line 231); here the image name the sandbox was run
      # with, which is that tag on the real image.
      created=$(docker inspect --format '{{.Created}}' "$name" 2>/dev/null)
      json_reply '200 OK' "$(printf '{"id":%s,"created_by_user_id":null,"sandbox_spec_id":%s,"status":"STARTING","session_api_key":null,"exposed_urls":null,"created_at":%s}' \
        "$(json_string "$name")" "$(json_string "$OHM_IMAGE")" "$(json_string "$created")")"
      return 0
    fi
    case $out in
      *'port is already allocated'* | *'address already in use'*)
        stand_in_log "host port taken (try $attempt of 5), drawing new ports: $(echo "$out" | head -n 1)"
        docker rm -f "$name" >/dev/null 2>&1 ;;
      *)
        set_error "Failed to start container: $out"
        log ERROR openhands.app_server.sandbox.docker_sandbox_service docker_sandbox_service.py:516 "stand-in: Failed to start container: $out"
        json_reply '500 Internal Server Error' "{\"detail\":$(json_string "Failed to start container: $out")}"
        return 1 ;;
    esac
  done
  set_error "Failed to start container (no free host ports after $attempt tries): $out"
  json_reply '500 Internal Server Error' "{\"detail\":$(json_string "Failed to start container: $out")}"
  return 1
}

# POST /api/v1/sandboxes: no body; optional query parameter sandbox_spec_id
# (sandbox_router.py lines 75-81). The Docker spec service knows one spec, the default image
# (docker_sandbox_spec_service.py lines 35-52); another id makes resolve_sandbox_spec raise
# ValueError (sandbox_spec_service.py line 116), an unhandled exception: plain 500.
post_sandbox() {
  spec=$(query_values sandbox_spec_id | head -n 1)
  if [ -n "$spec" ] && [ "$spec" != "$OHM_IMAGE" ]; then
    respond '500 Internal Server Error' text/plain 'Internal Server Error'
    return
  fi
  ensure_image || return
  start_sandbox
}

# GET /api/v1/sandboxes/search: {"items": [...], "next_page_id": null}, newest first, each
# with the health check (docker_sandbox_service.py lines 287-327). NOT the same here: upstream
# lists every container on the daemon whose name starts with oh-agent-server-; the stand-in
# lists the sandboxes it started itself (other sessions may share the daemon). page_id/limit
# are not modelled.
search_sandboxes() {
  ensure_image || return
  items=
  for name in $(sandbox_names | sed -n '1!G;h;$p'); do
    info=$(sandbox_info "$name" true) && [ -n "$info" ] && items="$items${items:+,}$info"
  done
  json_reply '200 OK' "{\"items\":[$items],\"next_page_id\":null}"
}

# GET /api/v1/sandboxes?id=...: one entry per id, null when unknown (sandbox_router.py lines
# 57-69; get_sandbox, docker_sandbox_service.py lines 332-340). Same restriction as search.
batch_get_sandboxes() {
  ensure_image || return
  items=
  for id in $(query_values id); do
    info=
    if grep -qxF "$id" "$OHM_STATE/order"; then info=$(sandbox_info "$id" true); fi
    items="$items${items:+,}${info:-null}"
  done
  json_reply '200 OK' "[$items]"
}

handle() {
  case "$REQUEST_METHOD $REQUEST_PATH" in
    'GET /alive') json_reply '200 OK' '{"status":"ok"}' ;;
    'GET /health' | 'GET /ready') json_reply '200 OK' '"OK"' ;;
    'GET /status') json_reply '200 OK' "$(status_json)" ;;
    'GET /' | 'GET /index.html')
      respond '200 OK' text/html '<!doctype html><title>OpenHands (stand-in)</title><p>OpenHands 1.11 app stand-in</p>' ;;
    'POST /api/v1/sandboxes') check_app_key && post_sandbox ;;
    'GET /api/v1/sandboxes/search') check_app_key && search_sandboxes ;;
    'GET /api/v1/sandboxes') check_app_key && batch_get_sandboxes ;;
    *) json_reply '404 Not Found' '{"detail":"Not Found"}' ;;
  esac
}
