#!/bin/sh
# Stand-in for the OpenHands server (`uvicorn openhands.server.listen:app --host 0.0.0.0
# --port 3000`). It does, as the user the entrypoint chose, the few things the guide's
# claims are about, and reports what happened as JSON at http://<app>:3000/status and in
# one log line "openhands-stand-in status: <json>". A failure is reported, never fatal: the
# web server keeps running so the harness can read the status.
#
# busybox in a FROM scratch image crashes on host name lookups, so names are read from
# /etc/hosts and connections use addresses. The docker CLI is a static Go binary with its
# own resolver, so DOCKER_HOST=tcp://<container name>:2375 works as it does for the app.

# uvicorn logs its start to stderr (its default logging config streams to sys.stderr), as
# the app's own logger does: the first thing the app writes goes to stderr.
echo "INFO:     openhands-stand-in: Uvicorn stand-in running on http://0.0.0.0:3000" >&2

WEB_ROOT=/tmp/openhands-web
# The docker CLI wants a writable config directory; enduser's HOME may have none.
export DOCKER_CONFIG=/tmp/openhands-docker-config-$(id -u)
mkdir -p "$WEB_ROOT" "$DOCKER_CONFIG"
echo '<!doctype html><title>OpenHands (stand-in)</title><p>OpenHands app stand-in</p>' >"$WEB_ROOT/index.html"

# Serves on 0.0.0.0:3000 at once, as uvicorn does, before any sandbox exists.
httpd -f -p 0.0.0.0:3000 -h "$WEB_ROOT" &
HTTPD_PID=$!
trap 'kill "$HTTPD_PID" 2>/dev/null; exit 0' TERM INT

# Stand-in for openhands/core/config/sandbox_config.py defaults (OpenHands@0.33.0).
RUNTIME_IMAGE=${SANDBOX_RUNTIME_CONTAINER_IMAGE:-docker.all-hands.dev/all-hands-ai/runtime:0.33-nikolaik}
BINDING_ADDRESS=${SANDBOX_RUNTIME_BINDING_ADDRESS:-0.0.0.0}
RUNTIME_NAME="openhands-runtime-$(hostname)"

error=
runtime_container=
runtime_port=
runtime_url=
reached=false
agent_write=

fail() { [ -n "$error" ] || error=$1; }

# json_string: the shared /usr/local/lib/openhands-guide/json.sh.
. /usr/local/lib/openhands-guide/json.sh
json_number() { if [ -z "$1" ]; then echo null; else echo "$1"; fi; }

# "host" of scheme://host[:port][/path]
url_host() { echo "$1" | sed -e 's|^[a-zA-Z]*://||' -e 's|[/:].*$||'; }

# The address of a name as /etc/hosts gives it (`--add-host` writes there); addresses pass through.
resolve() {
  case $1 in
    *[!0-9.]*) awk -v name="$1" '$1 !~ /:/ && !/^#/ { for (i = 2; i <= NF; i++) if ($i == name) { print $1; exit } }' /etc/hosts ;;
    *) echo "$1" ;;
  esac
}

# Labels that tie this container to a harness session, as --label flags. Harness
# convenience, not OpenHands behaviour: the real app labels its runtimes with nothing of
# ours; copying lets the harness clean up what the app created. Keys: scripts/harness/labels.ts.
session_label_lines() {
  docker inspect --format '{{range $k, $v := .Config.Labels}}{{$k}}={{$v}}{{"\n"}}{{end}}' "$(hostname)" 2>/dev/null |
    grep -E '^org\.openhands-guide\.(session|pid|host|unit)='
}

# Who the agent runs as in the sandbox (OpenHands@0.33.0 openhands/runtime/utils/command.py
# get_action_execution_server_startup_command): user `openhands` with uid sandbox.user_id
# (read from SANDBOX_USER_ID) when run_as_openhands, else root with uid 0. The entrypoint
# sets RUN_AS_OPENHANDS=false when SANDBOX_USER_ID is 0 (containers/app/entrypoint.sh).
case ${RUN_AS_OPENHANDS:-true} in
  true | True | 1) SANDBOX_USERNAME=openhands SANDBOX_UID=${SANDBOX_USER_ID:-$(id -u)} ;;
  *) SANDBOX_USERNAME=root SANDBOX_UID=0 ;;
esac

# Stand-in for openhands/runtime/impl/docker/docker_runtime.py _init_container (OpenHands@0.33.0):
# one port from EXECUTION_SERVER_PORT_RANGE (30000-39999), the same number inside and
# outside, passed as env `port` and as the server's first argument, published with HostIp =
# sandbox.runtime_binding_address; WORKSPACE_MOUNT_PATH (config.workspace_mount_path, unset
# when the entrypoint unset WORKSPACE_BASE) bind-mounted rw at workspace_mount_path_in_sandbox
# /workspace, which is also the server's --working-dir; the entrypoint replaced (entrypoint=[]);
# the default network. The real app also publishes VS Code and two app ports; one port shows
# the same. The real app pulls a missing runtime image; here nothing can be pulled, and
# `--pull never` turns a missing image into an immediate error instead of a registry request.
start_runtime() {
  set --
  for line in $(session_label_lines); do set -- "$@" --label "$line"; done
  set -- "$@" --label org.openhands-guide.role=runtime
  if [ -n "$WORKSPACE_MOUNT_PATH" ]; then set -- "$@" -v "$WORKSPACE_MOUNT_PATH:/workspace:rw"; fi
  attempt=0
  while [ "$attempt" -lt 5 ]; do
    attempt=$((attempt + 1))
    port=$(shuf -i 30000-39999 -n 1)
    if out=$(docker run -d --pull never --name "$RUNTIME_NAME" -e "port=$port" -e PYTHONUNBUFFERED=1 \
      -p "$BINDING_ADDRESS:$port:$port" "$@" --entrypoint /openhands-runtime-stand-in.sh "$RUNTIME_IMAGE" \
      "$port" --working-dir /workspace --username "$SANDBOX_USERNAME" --user-id "$SANDBOX_UID" 2>&1); then
      runtime_container=$RUNTIME_NAME
      runtime_port=$port
      return 0
    fi
    case $out in
      *'port is already allocated'* | *'address already in use'*)
        docker rm -f "$RUNTIME_NAME" >/dev/null 2>&1 ;;
      *)
        fail "creating the sandbox runtime container failed: $out"
        return 1 ;;
    esac
  done
  fail "no free port for the sandbox runtime after $attempt attempts: $out"
  return 1
}

# The app reaches its runtime at SANDBOX_LOCAL_RUNTIME_URL:<port> (docker_runtime.py api_url).
reach_runtime() {
  host=$(url_host "$SANDBOX_LOCAL_RUNTIME_URL")
  runtime_url="$SANDBOX_LOCAL_RUNTIME_URL:$runtime_port"
  address=$(resolve "$host")
  if [ -z "$address" ]; then
    fail "cannot resolve $host (not in /etc/hosts; on Linux it needs --add-host $host:host-gateway)"
    return 1
  fi
  tries=0
  while [ "$tries" -lt 20 ]; do
    tries=$((tries + 1))
    if printf 'GET /alive HTTP/1.0\r\n\r\n' | timeout 3 nc -w 2 "$address" "$runtime_port" 2>/dev/null | grep -q '^HTTP/1\.[01] 200'; then
      reached=true
      # Where the sandbox's first agent write landed (the runtime stand-in's /agent-write).
      agent_write=$(printf 'GET /agent-write HTTP/1.0\r\n\r\n' | timeout 3 nc -w 2 "$address" "$runtime_port" 2>/dev/null | sed '1,/^\r*$/d')
      return 0
    fi
    sleep 1
  done
  fail "the sandbox runtime did not answer at $runtime_url ($address:$runtime_port) within 20 attempts"
  return 1
}

write_status() {
  status=$(printf '{"uid":%s,"gid":%s,"dockerHost":%s,"runtime":{"container":%s,"port":%s,"hostIp":%s,"url":%s,"reached":%s,"agentWrite":%s},"error":%s}' \
    "$(id -u)" "$(id -g)" \
    "$(json_string "${DOCKER_HOST:-unix:///var/run/docker.sock}")" \
    "$(json_string "$runtime_container")" "$(json_number "$runtime_port")" \
    "$(json_string "$BINDING_ADDRESS")" "$(json_string "$runtime_url")" "$reached" \
    "${agent_write:-null}" "$(json_string "$error")")
  printf '%s\n' "$status" >"$WEB_ROOT/status.tmp"
  mv "$WEB_ROOT/status.tmp" "$WEB_ROOT/status"
  echo "openhands-stand-in status: $status"
  # Where the real app logs, and so where LOG_ALL_EVENTS puts the agent's events: stderr
  # (OpenHands@0.33.0 openhands/core/logger.py get_console_handler: logging.StreamHandler()).
  echo "openhands-stand-in log (stderr, as the app's logger): runtime reached=$reached error=${error:-none}" >&2
}

if start_runtime; then reach_runtime || true; fi
write_status

wait "$HTTPD_PID"
