#!/bin/sh
# Stand-in for `node /opt/agent-canvas/static-server.mjs` as docker/entrypoint.sh starts it
# (Agent Canvas 1.12.0, OpenHands/OpenHands release commit
# 4d0fe4983b6b8e52c104c7ffa4b7be8c7ab5a364, entrypoint.sh lines 254-270 and 281-297),
# modelling scripts/static-server.mjs and scripts/proxy-utils.mjs at the same commit. It takes
# the same flags (parseArgs, static-server.mjs lines 80-173) and serves with busybox nc + the
# harness's http-server.sh; ingress-handler.sh answers requests.
#
# Bind address: upstream listens on --host :: (server.listen(config.port, config.host),
# line 602), i.e. [::] dual-stack, every IPv4 and IPv6 address of the container. busybox nc has
# no address option and binds IPv4 0.0.0.0 only, so this stand-in answers on every IPv4 address
# of the container and not on IPv6.
PORT=3001
HOST=::
DIR=build
BASE_PATH=/
SESSION_API_KEY=
AUTH_REQUIRED=false
ROUTES=

# normalizeBasePath (lines 175-181): trim, "" and "/" mean "/", add a leading slash, drop
# trailing slashes.
normalize_base_path() {
  raw=$(printf '%s' "$1" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')
  case $raw in '' | /) echo /; return ;; esac
  case $raw in /*) ;; *) raw="/$raw" ;; esac
  printf '%s\n' "$raw" | sed 's|/*$||'
}

while [ "$#" -gt 0 ]; do
  case $1 in
    -p | --port) PORT=$2; shift 2 ;;
    -H | --host) HOST=$2; shift 2 ;;
    -d | --dir) DIR=$2; shift 2 ;;
    -r | --route)
      case $2 in
        /*=*) ROUTES="$ROUTES$2
" ;;
        *) echo "Invalid --route (expected /prefix=url): $2" >&2; exit 1 ;;
      esac
      shift 2 ;;
    --session-api-key) SESSION_API_KEY=$2; shift 2 ;;
    --base-path) BASE_PATH=$(normalize_base_path "$2"); shift 2 ;;
    --auth-required) AUTH_REQUIRED=true; shift ;;
    # --runtime-services-info, --lock-to-cloud and --reject-prefix are not modelled
    # (lines 127-132, 140-149; the entrypoint passes only the first, lines 260 and 287, and
    # the stand-in's entrypoint does not pass it).
    *) echo "Unknown flag: $1" >&2; exit 1 ;;
  esac
done

# lines 159-170: the two are mutually exclusive.
if [ -n "$SESSION_API_KEY" ] && [ "$AUTH_REQUIRED" = true ]; then
  printf '%s\n' "ERROR: --session-api-key and --auth-required are mutually exclusive." \
    "  Use --session-api-key for local mode (key auto-injected)." \
    "  Use --auth-required for public mode (user pastes key)." >&2
  exit 1
fi

# Routes, longest prefix first (createRouter, proxy-utils.mjs lines 22-35).
SORTED_ROUTES=$(printf '%s' "$ROUTES" | awk -F= 'NF { print -length($1) "\t" $0 }' | sort -n -s -k1,1 | cut -f2-)

export HTTP_HANDLER=/opt/agent-canvas-standin/ingress-handler.sh
export INGRESS_PORT=$PORT INGRESS_DIR=$DIR INGRESS_BASE_PATH=$BASE_PATH INGRESS_AUTH_REQUIRED=$AUTH_REQUIRED
export INGRESS_ROUTES="$SORTED_ROUTES"
export INGRESS_SESSION_KEY="$SESSION_API_KEY"

nc -ll -p "$PORT" -e /usr/local/lib/openhands-guide/http-server.sh &
NC_PID=$!
trap 'kill "$NC_PID" 2>/dev/null; exit 0' TERM INT

. /opt/agent-canvas-standin/standin-lib.sh
tries=0
while [ "$tries" -lt 50 ] && ! port_listening "$PORT"; do sleep 0.1; tries=$((tries + 1)); done

# The listen callback's console.log lines (lines 603-625), on stdout.
display_path=/
[ "$BASE_PATH" = / ] || display_path="$BASE_PATH/"
echo ""
echo "Static-server + proxy listening on http://$HOST:$PORT$display_path"
echo "  Static dir: $DIR"
echo "  Base path: $BASE_PATH"
printf '%s\n' "$SORTED_ROUTES" | while IFS= read -r route; do
  [ -n "$route" ] && echo "  ${route%%=*} -> ${route#*=}"
done
echo "  * (default) -> static files + SPA fallback"
echo ""
echo "agent-canvas-standin: the ingress stand-in binds IPv4 0.0.0.0:$PORT only (upstream: [$HOST]:$PORT dual-stack)" >&2

wait "$NC_PID"
