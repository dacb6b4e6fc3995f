#!/bin/sh
# Stand-in for Agent Canvas 1.12.0's docker/entrypoint.sh (OpenHands/OpenHands release commit
# 4d0fe4983b6b8e52c104c7ffa4b7be8c7ab5a364, "chore(main): release 1.12.0 (#16402)"; see
# ../../releases.ts (FORK) and ../../CITATIONS.md for how that commit is known to be
# upstream's release), in busybox sh, at the image path upstream uses
# (/opt/agent-canvas/entrypoint.sh, docker/Dockerfile lines 142-144). "line N" below means a
# line of that entrypoint.sh.
# Kept as upstream has them: the order of steps, the variables and their defaults, the key
# logic, the log lines (log() to stdout, log_error() to stderr), and `set -uo pipefail`
# WITHOUT -e (line 44): a failed mkdir, key-file write or chmod does not stop the script.
# Replaced: the three programs it starts (openhands-agent-server, uvicorn for the automation
# server, node static-server.mjs) are the stand-in scripts named below.
# Harness additions, marked "harness:": a state file and an error list under
# /tmp/agent-canvas-standin for GET /status, and one "agent-canvas-standin status:" line on
# stderr. The key itself is never logged or written anywhere but the key file.
# Upstream runs this under tini (ENTRYPOINT ["tini", "--", ...], docker/Dockerfile line 168,
# the same line at every release commit from 1.6.1 to 1.12.0); the stand-in has no tini, so
# this script is PID 1 and traps TERM/INT itself (it does anyway, line 154). No claim reads
# PID 1.
set -uo pipefail

log() { printf '[agent-canvas] %s\n' "$*"; }
log_error() { printf '[agent-canvas] ERROR: %s\n' "$*" >&2; }

. /opt/agent-canvas-standin/standin-lib.sh

# harness: a fresh state directory for this start (a restarted container keeps /tmp).
rm -rf "$STANDIN_STATE" 2>/dev/null
mkdir -p "$STANDIN_STATE" || echo "agent-canvas-standin: cannot create $STANDIN_STATE; /status will be incomplete" >&2

# harness: runs "$@" (a command that prints nothing on success) the way upstream runs it -
# its error text still goes to stderr and the script goes on - and adds a failure to the
# error list for /status.
recorded() {
  err=$("$@" 2>&1)
  rc=$?
  [ -n "$err" ] && printf '%s\n' "$err" >&2
  [ "$rc" -ne 0 ] && record_error "${err:-$1 failed with status $rc}"
  return "$rc"
}
# `printf '%s' "$value" > "$file"` (lines 80 and 98) as one command for recorded().
write_value() { printf '%s' "$2" >"$1"; }

# -- Load centralized defaults (lines 49-54). Upstream generates defaults.env from
# config/defaults.json at build time (Dockerfile lines 49-68, 140); the stand-in ships it.
if [ -f /opt/agent-canvas/defaults.env ]; then
  . /opt/agent-canvas/defaults.env
fi

# lines 56-59
PORT="${PORT:-${CONFIG_PROXY_PORT:-8000}}"
AGENT_SERVER_PORT="${AGENT_SERVER_PORT:-${CONFIG_AGENT_SERVER_PORT:-18000}}"
AUTOMATION_PORT="${AUTOMATION_PORT:-${CONFIG_AUTOMATION_PORT:-18001}}"
AGENT_CANVAS_BASE_PATH="${AGENT_CANVAS_BASE_PATH:-${CONFIG_CANVAS_BASE_PATH:-/canvas}}"

# Persistence paths (lines 61-67): everything under ${HOME}/.openhands. The image sets no
# ENV HOME; Docker takes it from /etc/passwd for the user the container runs as.
OPENHANDS_DIR="${HOME}/.openhands"
STATE_DIR="${OPENHANDS_DIR}/${CONFIG_STATE_SUBDIR:-agent-canvas}"
export OH_PERSISTENCE_DIR="${OH_PERSISTENCE_DIR:-${OPENHANDS_DIR}}"
export OH_CONVERSATIONS_PATH="${OH_CONVERSATIONS_PATH:-${OPENHANDS_DIR}/${CONFIG_CONVERSATIONS:-agent-canvas/conversations}}"
export OH_BASH_EVENTS_DIR="${OH_BASH_EVENTS_DIR:-${OPENHANDS_DIR}/${CONFIG_BASH_EVENTS:-agent-canvas/bash_events}}"

# OH_SECRET_KEY (lines 69-85): read secret-key.txt, or generate 32 random bytes as hex, write
# the file, chmod 600, log the path. No `|| exit`: if the directory or the file cannot be
# written (a bind-mounted ~/.openhands owned by another uid, OpenHands/OpenHands#16511), the
# commands fail with their own messages on stderr, the "persisted" line is logged all the
# same, and the key lives only in this process's environment (a new one on every start).
SECRET_KEY_FILE="${STATE_DIR}/secret-key.txt"
if [ -z "${OH_SECRET_KEY:-}" ]; then
  if [ -f "$SECRET_KEY_FILE" ]; then
    OH_SECRET_KEY="$(cat "$SECRET_KEY_FILE")"
  else
    OH_SECRET_KEY="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    recorded mkdir -p "$(dirname "$SECRET_KEY_FILE")"
    recorded write_value "$SECRET_KEY_FILE" "$OH_SECRET_KEY"
    recorded chmod 600 "$SECRET_KEY_FILE"
    log "Generated OH_SECRET_KEY (persisted to $SECRET_KEY_FILE)"
  fi
fi
export OH_SECRET_KEY

# API key (lines 87-103): only when neither LOCAL_BACKEND_API_KEY nor OH_SESSION_API_KEYS_0
# is set, read api-key.txt or generate and persist one exactly like the secret key, then
# export OH_SESSION_API_KEYS_0. Note what follows from this at 1.12.0 (and 1.6.1): when only
# LOCAL_BACKEND_API_KEY is set, OH_SESSION_API_KEYS_0 is NOT exported (line 102 is inside the
# if), and the agent server reads only OH_SESSION_API_KEYS_<n> or SESSION_API_KEY
# (software-agent-sdk v1.40.1 config.py lines 22-43, 216-226, env_parser.py ListEnvParser) -
# see openhands-agent-server for what its empty key list means.
API_KEY_FILE="${STATE_DIR}/api-key.txt"
KEY_SOURCE=env          # harness
KEY_ENV=                # harness
KEY_PERSISTED=null      # harness
if [ -n "${OH_SESSION_API_KEYS_0:-}" ]; then KEY_ENV=OH_SESSION_API_KEYS_0; elif [ -n "${LOCAL_BACKEND_API_KEY:-}" ]; then KEY_ENV=LOCAL_BACKEND_API_KEY; fi

if [ -z "${LOCAL_BACKEND_API_KEY:-}" ] && [ -z "${OH_SESSION_API_KEYS_0:-}" ]; then
  if [ -f "$API_KEY_FILE" ]; then
    KEY_SOURCE=file
    LOCAL_BACKEND_API_KEY="$(cat "$API_KEY_FILE")"
    # harness: an unreadable file gives an empty key, and lines 108-112 then stop the script.
    [ -z "$LOCAL_BACKEND_API_KEY" ] && record_error "read an empty key from $API_KEY_FILE"
  else
    KEY_SOURCE=generated
    LOCAL_BACKEND_API_KEY="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    recorded mkdir -p "$(dirname "$API_KEY_FILE")"
    recorded write_value "$API_KEY_FILE" "$LOCAL_BACKEND_API_KEY"
    recorded chmod 600 "$API_KEY_FILE"
    log "Generated API key (persisted to $API_KEY_FILE)"
    # harness: did the file end up holding the key? (compared here, never printed)
    if [ -f "$API_KEY_FILE" ] && [ "$(cat "$API_KEY_FILE" 2>/dev/null)" = "$LOCAL_BACKEND_API_KEY" ]; then
      KEY_PERSISTED=true
    else
      KEY_PERSISTED=false
      record_error "the generated API key was not persisted to $API_KEY_FILE; it lives only in this container's processes"
    fi
  fi
  export OH_SESSION_API_KEYS_0="$LOCAL_BACKEND_API_KEY"
fi

# harness: whether the agent server will have a session key (its rule: OH_SESSION_API_KEYS_0,
# _1, ... else SESSION_API_KEY, else none - config.py lines 32-43 and 216-219).
if [ -n "${OH_SESSION_API_KEYS_0+set}" ] || [ -n "${SESSION_API_KEY:-}" ]; then
  AGENT_SERVER_AUTH=session-key
else
  AGENT_SERVER_AUTH=none
  record_error "the agent server has no session API key (only LOCAL_BACKEND_API_KEY was set, and entrypoint.sh 1.12.0 exports OH_SESSION_API_KEYS_0 only when it reads or generates the key): its /api answers without any key"
fi
write_state() {
  {
    printf "STATUS_HOME='%s'\n" "$HOME"
    printf "KEY_SOURCE='%s'\nKEY_ENV='%s'\nKEY_FILE='%s'\n" "$KEY_SOURCE" "$KEY_ENV" "$API_KEY_FILE"
    printf "KEY_PERSISTED='%s'\nAGENT_SERVER_AUTH='%s'\n" "$KEY_PERSISTED" "$AGENT_SERVER_AUTH"
  } >"$STANDIN_STATE/state" 2>/dev/null
}
write_state

# lines 105-116: one key for both backends; no key at all stops the container.
EFFECTIVE_SESSION_KEY="${OH_SESSION_API_KEYS_0:-${LOCAL_BACKEND_API_KEY:-}}"
if [ -z "$EFFECTIVE_SESSION_KEY" ]; then
  log "ERROR: No session API key available — cannot configure automation auth"
  record_error "entrypoint exited: no session API key available"
  log_status
  exit 1
fi
export OPENHANDS_AUTOMATION_API_KEY="${OPENHANDS_AUTOMATION_API_KEY:-${EFFECTIVE_SESSION_KEY}}"
export AUTOMATION_LOCAL_API_KEY="${AUTOMATION_LOCAL_API_KEY:-${EFFECTIVE_SESSION_KEY}}"
export AUTOMATION_AGENT_SERVER_API_KEY="${AUTOMATION_AGENT_SERVER_API_KEY:-${EFFECTIVE_SESSION_KEY}}"
export OPENHANDS_REMOTE_WS_READY_REQUIRED="${OPENHANDS_REMOTE_WS_READY_REQUIRED:-false}"
# (lines 117-126, PostHog telemetry settings for the automation server: not modelled, and
# defaults.env leaves out the CONFIG_POSTHOG_* values they read.)

# lines 128-141
export AGENT_SERVER_URL="${AGENT_SERVER_URL:-http://127.0.0.1:${AGENT_SERVER_PORT}}"
export AUTOMATION_AGENT_SERVER_URL="${AUTOMATION_AGENT_SERVER_URL:-http://127.0.0.1:${AGENT_SERVER_PORT}}"
export OH_EXTRA_PYTHON_PATH="${OH_EXTRA_PYTHON_PATH:-/opt/agent-canvas/tools}"

# Child PIDs and cleanup (lines 143-154). Upstream traps EXIT as well, so every later exit
# goes through cleanup() and ends with status 0.
PIDS=""
cleanup() {
  log "Shutting down..."
  for pid in $PIDS; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  exit 0
}
trap cleanup EXIT INT TERM

# -- 1. Agent server (lines 156-169): `openhands-agent-server --port $AGENT_SERVER_PORT`, no
# --host, so the SDK's default applies. The stand-in's openhands-agent-server is a
# script at the binary's path (SDK v1.40.1 agent-server Dockerfile line 368). With no --host,
# SDK v1.40.1 binds 0.0.0.0 when it has a session key and 127.0.0.1 when it has none (see
# openhands-agent-server).
log "Starting agent-server on port $AGENT_SERVER_PORT..."
if command -v openhands-agent-server >/dev/null 2>&1; then
  openhands-agent-server --port "$AGENT_SERVER_PORT" &
else
  log_error "Cannot find agent-server binary or source venv."
  exit 1
fi
PIDS="$PIDS $!"

# -- 2. Automation server (lines 171-214; 1.6.1's `export AUTOMATION_FRONTEND_DIR=""` is gone)
log "Starting automation server on port $AUTOMATION_PORT..."
export FILE_STORE="${FILE_STORE:-local}"
export LOCAL_STORAGE_PATH="${LOCAL_STORAGE_PATH:-${OPENHANDS_DIR}/storage}"
recorded mkdir -p "$LOCAL_STORAGE_PATH"
export AUTOMATION_BASE_URL="${AUTOMATION_BASE_URL:-http://127.0.0.1:${PORT}}"
export AUTOMATION_WORKSPACE_BASE="${AUTOMATION_WORKSPACE_BASE:-${OPENHANDS_DIR}/workspaces}"
recorded mkdir -p "$AUTOMATION_WORKSPACE_BASE"
if [ -z "${AUTOMATION_DB_URL:-}" ]; then
  AUTOMATION_DB_FILE="${OPENHANDS_DIR}/${CONFIG_AUTOMATION_DB:-automation/automations.db}"
  recorded mkdir -p "$(dirname "$AUTOMATION_DB_FILE")"
  export AUTOMATION_DB_URL="sqlite+aiosqlite:///${AUTOMATION_DB_FILE}"
  log "Using SQLite database: $AUTOMATION_DB_URL"
fi
# Stands in for `uvicorn openhands.automation.app:app --host 0.0.0.0 --port $AUTOMATION_PORT`.
/opt/agent-canvas-standin/automation-server-stand-in.sh --host 0.0.0.0 --port "$AUTOMATION_PORT" &
PIDS="$PIDS $!"

# -- 3. Wait for both backends, up to 60 s each, in parallel (lines 216-235). A backend that
# never listens only costs the wait and a WARNING: the ingress starts regardless.
wait_for_port() {
  port=$1 name=$2 max_wait=${3:-30}
  elapsed=0
  while ! port_listening "$port"; do
    sleep 1
    elapsed=$((elapsed + 1))
    if [ "$elapsed" -ge "$max_wait" ]; then
      log "WARNING: $name on port $port did not become ready within ${max_wait}s"
      return 1
    fi
  done
  log "$name is ready on port $port"
}
wait_for_port "$AGENT_SERVER_PORT" "Agent Server" 60 &
WAIT_PID1=$!
wait_for_port "$AUTOMATION_PORT" "Automation Server" 60 &
WAIT_PID2=$!
wait "$WAIT_PID1"
wait "$WAIT_PID2"

# -- 4. Ingress: static frontend + proxy (lines 237-272). Upstream: node static-server.mjs
# --host :: (dual-stack) with --session-api-key "$EFFECTIVE_SESSION_KEY", so the key is also
# on that process's command line, as it is here. Not modelled: RUNTIME_SERVICES_INFO (lines
# 240-251, the JSON of node runtime-services-info.mjs) and --runtime-services-info (line 260),
# which the ingress injects into index.html and, at 1.12.0, adds to /server_info.
log "Starting frontend + proxy on port $PORT..."
routes() {
  for prefix in /api/automation; do printf '%s\n' "--route" "$prefix=http://127.0.0.1:${AUTOMATION_PORT}"; done
  for prefix in /api /server_info /sockets /alive /health /ready /docs /redoc /openapi.json; do
    printf '%s\n' "--route" "$prefix=http://127.0.0.1:${AGENT_SERVER_PORT}"
  done
}
set -- $(routes)
/opt/agent-canvas-standin/static-server-stand-in.sh \
  --port "$PORT" \
  --host :: \
  --dir /opt/agent-canvas/frontend \
  --base-path "$AGENT_CANVAS_BASE_PATH" \
  --session-api-key "$EFFECTIVE_SESSION_KEY" \
  "$@" &
STATIC_PID=$!
PIDS="$PIDS $STATIC_PID"

# -- 5. Optional public-mode ingress (lines 274-299): same frontend, --auth-required, no key.
if [ -n "${PUBLIC_MODE_PORT:-}" ]; then
  log "Starting public-mode frontend on port $PUBLIC_MODE_PORT (--auth-required)..."
  /opt/agent-canvas-standin/static-server-stand-in.sh \
    --port "$PUBLIC_MODE_PORT" \
    --host :: \
    --dir /opt/agent-canvas/frontend \
    --base-path "$AGENT_CANVAS_BASE_PATH" \
    --auth-required \
    "$@" &
  PIDS="$PIDS $!"
fi

log "All services started. Unified entry point: http://0.0.0.0:${PORT}/"

# harness: one status line once the ingress listens (up to 5 s).
tries=0
while [ "$tries" -lt 50 ] && ! port_listening "$PORT"; do sleep 0.1; tries=$((tries + 1)); done
log_status

# Keep running while the ingress runs (lines 303-318).
while kill -0 "$STATIC_PID" 2>/dev/null; do
  sleep 10 &
  wait $!
done
log_error "Static server (PID $STATIC_PID) exited"
exit 1
