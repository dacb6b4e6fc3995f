# Shared helpers of the agent-canvas stand-in (sourced, busybox sh). Harness code, not an imitation
# of an upstream file: JSON output, the listening-socket check and the GET /status self-report.
# The session key is never written to a state file, a log line or /status.

STANDIN_STATE=/tmp/agent-canvas-standin

# json_string: the shared /usr/local/lib/openhands-guide/json.sh.
. /usr/local/lib/openhands-guide/json.sh
# The same, but "" for an empty value (JSON.stringify("") is "").
json_string_always() {
  if [ -z "$1" ]; then printf '""'; else json_string "$1"; fi
}
json_number() { if [ -z "$1" ]; then echo null; else echo "$1"; fi; }

# TCP ports with a socket in LISTEN state (st 0A) in this container's network namespace,
# from /proc/net/tcp and /proc/net/tcp6, in ascending order, one a line.
listening_ports() {
  for table in /proc/net/tcp /proc/net/tcp6; do
    [ -r "$table" ] && awk 'NR > 1 && $4 == "0A" { n = split($2, a, ":"); print a[n] }' "$table"
  done | while read -r hex; do printf '%d\n' "0x$hex"; done | sort -n -u
}

# True when something listens on TCP port $1. Upstream's wait_for_port connects to
# 127.0.0.1:$1 (bash /dev/tcp; Agent Canvas 1.12.0 docker/entrypoint.sh line 220); on
# loopback a connect succeeds exactly when a socket listens (on 0.0.0.0 or on 127.0.0.1).
port_listening() {
  listening_ports | grep -qx "$1"
}

# Appends one line to the harness's error list (shown in /status "error").
record_error() {
  mkdir -p "$STANDIN_STATE" 2>/dev/null
  printf '%s\n' "$(printf '%s' "$1" | tr '\n' ' ')" >>"$STANDIN_STATE/errors"
}

# GET /status: the harness's self-report. Fields:
#   uid, gid, home            - who the processes run as, and $HOME as the entrypoint saw it
#   keySource                 - "env" | "file" | "generated" (null if the entrypoint never got there)
#   keyEnv                    - for "env": OH_SESSION_API_KEYS_0 or LOCAL_BACKEND_API_KEY
#   keyFile                   - ${HOME}/.openhands/agent-canvas/api-key.txt
#   keyFileMode, keyFileUid   - of that file now (null when it does not exist or cannot be stat'ed)
#   keyPersisted              - for "generated": whether the file now holds the generated key
#   agentServerHost           - the address the agent server would bind (0.0.0.0 with a key,
#                               127.0.0.1 without: software-agent-sdk v1.40.1 __main__.py lines
#                               282-285); the stand-in's socket binds every address either way
#   agentServerAuth           - "session-key" when the agent server has session keys, "none" when
#                               its key list is empty (an unsecured agent server, v1.40.1
#                               config.py lines 216-220)
#   listening                 - TCP ports listening in the container now
#   agentWrites               - the harness hook's results (see openhands-agent-server)
#   error                     - every problem met, joined with "; " (null if none)
status_json() {
  KEY_SOURCE= KEY_ENV= KEY_FILE= KEY_PERSISTED= AGENT_SERVER_AUTH= STATUS_HOME=
  [ -r "$STANDIN_STATE/state" ] && . "$STANDIN_STATE/state"
  mode= owner=
  if [ -n "$KEY_FILE" ] && [ -e "$KEY_FILE" ]; then
    mode=$(stat -c '%a' "$KEY_FILE" 2>/dev/null)
    owner=$(stat -c '%u' "$KEY_FILE" 2>/dev/null)
  fi
  host=$(cat "$STANDIN_STATE/agent-server-host" 2>/dev/null)
  ports=$(listening_ports | tr '\n' ',' | sed 's/,$//')
  writes=$(cat "$STANDIN_STATE/agent-writes.json" 2>/dev/null)
  errors=
  if [ -s "$STANDIN_STATE/errors" ]; then
    errors=$(grep -v '^$' "$STANDIN_STATE/errors" | awk 'BEGIN { ORS = "" } { if (NR > 1) print "; "; print }')
  fi
  printf '{"uid":%s,"gid":%s,"home":%s,"keySource":%s,"keyEnv":%s,"keyFile":%s,"keyFileMode":%s,"keyFileUid":%s,"keyPersisted":%s,"agentServerHost":%s,"agentServerAuth":%s,"listening":[%s],"agentWrites":%s,"error":%s}' \
    "$(id -u)" "$(id -g)" "$(json_string "$STATUS_HOME")" \
    "$(json_string "$KEY_SOURCE")" "$(json_string "$KEY_ENV")" "$(json_string "$KEY_FILE")" \
    "$(json_string "$mode")" "$(json_number "$owner")" "${KEY_PERSISTED:-null}" \
    "$(json_string "$host")" "$(json_string "$AGENT_SERVER_AUTH")" "$ports" "${writes:-[]}" "$(json_string "$errors")"
}

# One harness log line with the status, on stderr (never with the key).
log_status() {
  echo "agent-canvas-standin status: $(status_json)" >&2
}
