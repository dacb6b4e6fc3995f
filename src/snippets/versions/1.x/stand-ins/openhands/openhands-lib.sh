# Shared functions of the OpenHands 1.11 app stand-in (sourced, never run): by the server
# (openhands-stand-in.sh), by each request (openhands-handler.sh, through http-server.sh) and by
# the background sandbox poller. Upstream references:
#   R1.11  = OpenHands/OpenHands@11ca68ab2e15dcd85c21e4d7d3409e7a259369ac (release 1.11.0)
#   SDK1.34 = OpenHands/software-agent-sdk@2eff609f9cd4ae31b219d36bd429f74f5348aeef (v1.34.0)
#   docker-py 7.1.0 (pinned by R1.11 poetry.lock lines 1729-1730)
# All paths below are relative to the repository named.
#
# busybox in a FROM scratch image crashes on host name lookups, so names are read from
# /etc/hosts (which `--add-host` writes) and connections use addresses. The static docker CLI
# has its own resolver, so DOCKER_HOST=tcp://<name>:2375 works as it does for docker-py.

# Per-user state, shared by the processes above. OHM_STATE is exported by openhands-stand-in.sh.
: "${OHM_STATE:=/tmp/openhands-stand-in-$(id -u)}"

# json_string: the shared /usr/local/lib/openhands-guide/json.sh.
. /usr/local/lib/openhands-guide/json.sh
json_number() { if [ -z "$1" ]; then echo null; else echo "$1"; fi; }
# true, false, or null for anything else (a question not answered yet).
json_bool() { case $1 in true | false) echo "$1" ;; *) echo null ;; esac; }

# ---------------------------------------------------------------------------------------
# Logging, as the app's logger does it: the `openhands` logger (parent of every
# openhands.app_server.* logger) has one logging.StreamHandler() - stderr - with the format
# '\033[92m%(asctime)s - %(name)s:%(levelname)s\033[0m: %(filename)s:%(lineno)s - %(message)s'
# and datefmt '%H:%M:%S' (R1.11 openhands/app_server/utils/logger.py lines 303-309, 402-405);
# its level comes from LOG_LEVEL (default INFO), DEBUG=true makes it DEBUG (lines 25-26, 52-53,
# 380-384). LOG_JSON=true (JSON lines on stdout, lines 394-397) is not modelled.
#   log LEVEL LOGGER FILE:LINE MESSAGE
log() {
  case $1 in DEBUG) n=10 ;; INFO) n=20 ;; WARNING) n=30 ;; *) n=40 ;; esac
  case $(printf '%s' "${LOG_LEVEL:-INFO}" | tr a-z A-Z) in DEBUG) t=10 ;; WARNING) t=30 ;; ERROR) t=40 ;; CRITICAL) t=50 ;; *) t=20 ;; esac
  case $DEBUG in true | True | TRUE | 1 | yes) t=10 ;; esac
  [ "$n" -ge "$t" ] || return 0
  printf '\033[92m%s - %s:%s\033[0m: %s - %s\n' "$(date +%H:%M:%S)" "$2" "$1" "$3" "$4" >&2
}
# The stand-in's own lines (not upstream's): stderr too, marked as the stand-in's.
stand_in_log() { echo "openhands-stand-in: $*" >&2; }

# ---------------------------------------------------------------------------------------
# Names and HTTP

# "host" and "port" of scheme://host[:port][/path]
url_scheme() { echo "$1" | sed -n 's|^\([a-zA-Z][a-zA-Z0-9+.-]*\)://.*|\1|p' | tr A-Z a-z; }
url_host() { echo "$1" | sed -e 's|^[a-zA-Z][a-zA-Z0-9+.-]*://||' -e 's|[/?#].*$||' -e 's|^.*@||' -e 's|:[0-9]*$||'; }
url_port() {
  p=$(echo "$1" | sed -e 's|^[a-zA-Z][a-zA-Z0-9+.-]*://||' -e 's|[/?#].*$||' -e 's|^.*@||' | sed -n 's|^.*:\([0-9][0-9]*\)$|\1|p')
  if [ -n "$p" ]; then echo "$p"; elif [ "$(url_scheme "$1")" = https ]; then echo 443; else echo 80; fi
}

# The address of a name as /etc/hosts gives it; IPv4 addresses pass through.
resolve() {
  case $1 in
    *[!0-9.]*) awk -v name="$1" '$1 !~ /:/ && !/^#/ { for (i = 2; i <= NF; i++) if ($i == name) { print $1; exit } }' /etc/hosts ;;
    *) echo "$1" ;;
  esac
}

# R1.11 openhands/app_server/utils/environment.py is_running_in_docker (lines 45-65):
# /.dockerenv or /run/.containerenv, DOCKER_CONTAINER=true, or docker/containerd/kubepods in
# /proc/self/cgroup.
is_running_in_docker() {
  [ -e /.dockerenv ] || [ -e /run/.containerenv ] || [ "$DOCKER_CONTAINER" = true ] ||
    grep -qE 'docker|containerd|kubepods' /proc/self/cgroup 2>/dev/null
}

# R1.11 openhands/app_server/utils/docker_utils.py replace_localhost_hostname_for_docker
# (lines 6-32): in Docker, a URL whose host is exactly "localhost" gets host.docker.internal.
replace_localhost_hostname_for_docker() {
  if is_running_in_docker && [ "$(url_host "$1")" = localhost ]; then
    echo "$1" | sed 's|localhost|host.docker.internal|'
  else
    echo "$1"
  fi
}

# http_get URL TIMEOUT: GET over plain HTTP/1.0. Sets HTTP_CODE (empty when no answer),
# HTTP_BODY and HTTP_ERROR (why there was no answer).
http_get() {
  HTTP_CODE= HTTP_BODY= HTTP_ERROR=
  scheme=$(url_scheme "$1") host=$(url_host "$1") port=$(url_port "$1")
  path=$(echo "$1" | sed -e 's|^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*||')
  [ -n "$path" ] || path=/
  if [ "$scheme" != http ]; then
    HTTP_ERROR="not modelled: the stand-in speaks plain http only ($1)"
    return 1
  fi
  address=$(resolve "$host")
  if [ -z "$address" ]; then
    HTTP_ERROR="cannot resolve $host: not in /etc/hosts (on Linux the app container needs --add-host $host:host-gateway)"
    return 1
  fi
  reply=$(printf 'GET %s HTTP/1.0\r\nHost: %s:%s\r\n\r\n' "$path" "$host" "$port" |
    timeout "${2:-5}" nc -w "${2:-5}" "$address" "$port" 2>/dev/null)
  HTTP_CODE=$(printf '%s\n' "$reply" | head -n 1 | sed -n 's|^HTTP/[0-9.]* \([0-9][0-9][0-9]\).*|\1|p')
  if [ -z "$HTTP_CODE" ]; then
    HTTP_ERROR="no HTTP answer from $address:$port ($1)"
    return 1
  fi
  HTTP_BODY=$(printf '%s' "$reply" | sed '1,/^\r*$/d')
  return 0
}

# ---------------------------------------------------------------------------------------
# Sandbox records kept by the stand-in: $OHM_STATE/sandboxes/<container name>/<field>

sandbox_dir() { echo "$OHM_STATE/sandboxes/$1"; }
put() { mkdir -p "$(sandbox_dir "$1")" && printf '%s' "$3" >"$(sandbox_dir "$1")/$2.tmp" && mv "$(sandbox_dir "$1")/$2.tmp" "$(sandbox_dir "$1")/$2"; }
get() { cat "$(sandbox_dir "$1")/$2" 2>/dev/null; }
sandbox_names() { cat "$OHM_STATE/order" 2>/dev/null; }
set_error() { [ -s "$OHM_STATE/error" ] || printf '%s' "$1" >"$OHM_STATE/error"; }

# R1.11 openhands/app_server/sandbox/docker_sandbox_service.py _docker_status_to_sandbox_status
# (lines 119-131).
docker_status_to_sandbox_status() {
  case $1 in
    running) echo RUNNING ;;
    paused | exited) echo PAUSED ;;
    created | restarting) echo STARTING ;;
    removing) echo MISSING ;;
    *) echo ERROR ;;
  esac
}

# The agent-server URL of a sandbox: container_url_pattern filled with the host port
# published for 8000 (docker_sandbox_service.py lines 190-220; pattern default
# 'http://localhost:{port}', lines 582-589, or SANDBOX_CONTAINER_URL_PATTERN, R1.11
# openhands/app_server/config.py lines 348-351).
agent_server_url() { printf '%s' "$OHM_URL_PATTERN" | sed "s|{port}|$(get "$1" port_8000)|g"; }

# sandbox_info NAME CHECKED: one SandboxInfo as JSON (R1.11 sandbox_models.py lines 48-71):
# id = container name, created_by_user_id null, sandbox_spec_id, status, session_api_key,
# exposed_urls [{name, url, port}], created_at. Key and URLs only while RUNNING
# (docker_sandbox_service.py lines 157-220); the VSCODE URL gets /?tkn=<key>&folder=<working
# dir> (lines 210-212). CHECKED=true adds the health check of _container_to_checked_sandbox_info
# (lines 238-285): GET <agent url, localhost rewritten>/health, default health_check_path
# (lines 637-643); no 2xx within startup_grace_seconds of the start is STARTING, later ERROR,
# and either way key and URLs become null. Prints nothing when the container is gone.
sandbox_info() {
  state=$(docker inspect --format '{{.State.Status}}' "$1" 2>/dev/null) || return 1
  status=$(docker_status_to_sandbox_status "$state")
  key=null urls=null
  if [ "$status" = RUNNING ]; then
    key=$(json_string "$(get "$1" key)")
    urls=
    for entry in AGENT_SERVER:8000 VSCODE:8001 WORKER_1:8011 WORKER_2:8012; do
      name=${entry%%:*} port=${entry#*:}
      url=$(printf '%s' "$OHM_URL_PATTERN" | sed "s|{port}|$(get "$1" "port_$port")|g")
      [ "$name" = VSCODE ] && url="$url/?tkn=$(get "$1" key)&folder=/workspace/project"
      urls="$urls${urls:+,}{\"name\":\"$name\",\"url\":$(json_string "$url"),\"port\":$port}"
    done
    urls="[$urls]"
    if [ "$2" = true ]; then
      health_url="$(replace_localhost_hostname_for_docker "$(agent_server_url "$1")")/health"
      if ! http_get "$health_url" 5 || [ "${HTTP_CODE#2}" = "$HTTP_CODE" ]; then
        reason=${HTTP_ERROR:-"HTTP $HTTP_CODE from $health_url"}
        put "$1" last_check "$reason"
        if [ $(($(date +%s) - $(get "$1" started))) -gt "$OHM_GRACE" ]; then
          log INFO openhands.app_server.sandbox.docker_sandbox_service docker_sandbox_service.py:273 \
            "Sandbox server not running: ${health_url%/health} : $reason"
          status=ERROR
        else
          log DEBUG openhands.app_server.sandbox.docker_sandbox_service docker_sandbox_service.py:278 \
            "Sandbox server not yet available (still starting): ${health_url%/health} : $reason"
          status=STARTING
        fi
        key=null urls=null
      fi
    fi
  fi
  printf '{"id":%s,"created_by_user_id":null,"sandbox_spec_id":%s,"status":"%s","session_api_key":%s,"exposed_urls":%s,"created_at":%s}' \
    "$(json_string "$1")" "$(json_string "$(get "$1" image)")" "$status" "$key" "$urls" \
    "$(json_string "$(docker inspect --format '{{.Created}}' "$1" 2>/dev/null)")"
}

# Background poller for one sandbox, modelled on SandboxService.wait_for_sandbox_running
# (R1.11 openhands/app_server/sandbox/sandbox_service.py lines 93-165): every 2 s for up to
# 120 s read the checked status; ERROR ends it ("Sandbox entered error state: <id>"); RUNNING
# is followed by GET <agent url>/alive with a 5 s timeout (lines 142-165; the URL through
# replace_localhost_hostname_for_docker, lines 167-186), and a 2xx there is "reached".
# Upstream runs this wait when a conversation starts (live_status_app_conversation_service.py
# lines 950-956), not after a bare POST /api/v1/sandboxes; the stand-in runs it after every
# start so that /status can tell whether the app reaches its sandbox.
poll_sandbox() {
  put "$1" status STARTING
  started=$(date +%s)
  while [ $(($(date +%s) - started)) -le 120 ]; do
    info=$(sandbox_info "$1" true)
    if [ -z "$info" ]; then
      put "$1" status MISSING
      put "$1" reached false
      put "$1" error "Sandbox not found: $1"
      set_error "Sandbox not found: $1"
      return 1
    fi
    status=$(printf '%s' "$info" | sed -n 's|.*"status":"\([A-Z]*\)".*|\1|p')
    put "$1" status "$status"
    case $status in
      ERROR)
        put "$1" reached false
        put "$1" error "Sandbox entered error state: $1 (last check: $(get "$1" last_check))"
        set_error "Sandbox entered error state: $1 (last check: $(get "$1" last_check))"
        stand_in_log "sandbox $1 not reached: $(get "$1" last_check)"
        return 1 ;;
      RUNNING)
        alive_url="$(replace_localhost_hostname_for_docker "$(agent_server_url "$1")")/alive"
        if http_get "$alive_url" 5 && [ "${HTTP_CODE#2}" != "$HTTP_CODE" ]; then
          put "$1" reached true
          # Harness hook, not upstream: where the agent-server stand-in's first write landed.
          if http_get "$(replace_localhost_hostname_for_docker "$(agent_server_url "$1")")/agent-write" 5 &&
            [ "$HTTP_CODE" = 200 ]; then
            put "$1" agent_write "$HTTP_BODY"
          fi
          stand_in_log "sandbox $1 reached at $alive_url"
          return 0
        fi ;;
    esac
    sleep 2
  done
  put "$1" reached false
  put "$1" error "Sandbox failed to start within 120s: $1"
  set_error "Sandbox failed to start within 120s: $1"
  stand_in_log "sandbox $1 not reached within 120 s"
  return 1
}

# The self-report served at GET /status (a harness hook, not an upstream endpoint).
status_json() {
  sandboxes=
  for name in $(sandbox_names); do
    ports=
    for p in 8000 8001 8011 8012; do ports="$ports${ports:+,}\"$p\":$(json_number "$(get "$name" "port_$p")")"; done
    mounts=$({ get "$name" mounts; echo; } | while IFS= read -r m; do [ -n "$m" ] && printf '%s,' "$(json_string "$m")"; done)
    mounts=${mounts%,}
    url=$(agent_server_url "$name")
    sandboxes="$sandboxes${sandboxes:+,}$(printf '{"container":%s,"image":%s,"status":%s,"ports":{%s},"url":%s,"checkedUrl":%s,"reached":%s,"webhookBaseUrl":%s,"sessionApiKey":%s,"mounts":[%s],"agentWrite":%s,"error":%s}' \
      "$(json_string "$name")" "$(json_string "$(get "$name" image)")" "$(json_string "$(get "$name" status)")" \
      "$ports" "$(json_string "$url")" "$(json_string "$(replace_localhost_hostname_for_docker "$url")")" \
      "$(json_bool "$(get "$name" reached)")" "$(json_string "$(get "$name" webhook)")" \
      "$(json_string "$(get "$name" key)")" "$mounts" "$(get "$name" agent_write | grep . || echo null)" \
      "$(json_string "$(get "$name" error)")")"
  done
  unmodelled=$(while IFS= read -r v; do [ -n "$v" ] && printf '%s,' "$(json_string "$v")"; done <"$OHM_STATE/unmodelled" 2>/dev/null)
  unmodelled=${unmodelled%,}
  in_docker=false
  is_running_in_docker && in_docker=true
  printf '{"uid":%s,"gid":%s,"groups":%s,"dockerHost":%s,"inDocker":%s,"agentServerImage":%s,"sandboxes":[%s],"notModelled":[%s],"error":%s}\n' \
    "$(id -u)" "$(id -g)" "$(json_string "$(id -G)")" \
    "$(json_string "${DOCKER_HOST:-unix:///var/run/docker.sock}")" "$in_docker" \
    "$(json_string "$OHM_IMAGE")" "$sandboxes" "$unmodelled" "$(json_string "$(cat "$OHM_STATE/error" 2>/dev/null)")"
}
