#!/bin/sh
# Stand-in for /usr/local/bin/openhands-agent-server, the PyInstaller binary of the
# agent-server image ghcr.io/openhands/agent-server:1.34.0-python. References:
#   SDK1.34 = OpenHands/software-agent-sdk@2eff609f9cd4ae31b219d36bd429f74f5348aeef (tag v1.34.0);
#   paths below are under openhands-agent-server/openhands/agent_server/.
# The app starts it with the command `--port 8000` (OpenHands R1.11
# openhands/app_server/sandbox/docker_sandbox_spec_service.py line 39).
#
# What it does:
# - arguments --host (default 0.0.0.0) and --port (default 8000) as __main__.py lines 187-193
#   define them; the start lines of __main__.py lines 246-255 on stdout;
# - serves HTTP on every address of the container at that port (busybox nc binds all
#   addresses; upstream binds --host, 0.0.0.0 by default, i.e. the same). Only this port
#   listens: the VS Code server upstream may start on 8001 (vscode_service.py, config.py
#   enable_vscode/vscode_port lines 193-202) and noVNC on 8002 are not modelled, and nothing
#   listens on 8011/8012 until an agent starts an application there;
# - "the agent's first file write", a harness hook: in its working directory (the container's
#   cwd: /workspace/project, the working_dir the app passes, unless a mount replaces it) it
#   creates openhands-agent-<hostname>.txt as its own uid (no uid switching exists in the
#   agent server) and records path, uid, gid, owner and error, served at GET /agent-write;
# - it never calls the webhook (OH_WEBHOOKS_0_BASE_URL) by itself: upstream posts there only
#   for conversation events, and there is no conversation here.
host=0.0.0.0
port=8000
unmodelled=
while [ "$#" -gt 0 ]; do
  case $1 in
    --host) host=$2; shift 2 ;;
    --host=*) host=${1#--host=}; shift ;;
    --port) port=$2; shift 2 ;;
    --port=*) port=${1#--port=}; shift ;;
    *) unmodelled="$unmodelled $1"; shift ;;
  esac
done

STATE=/tmp/agent-server-stand-in
mkdir -p "$STATE"

# __main__.py lines 246-255 (print, i.e. stdout). DEBUG: openhands-sdk logger.py line 29.
echo "Starting OpenHands Agent Server on $host:$port"
echo "API docs will be available at http://$host:$port/docs"
echo "Auto-reload: disabled"
case $(printf '%s' "${DEBUG:-false}" | tr A-Z a-z) in
  1 | true | yes) echo "DEBUG mode: ENABLED (stack traces will be shown)" ;;
  *) echo "DEBUG mode: DISABLED" ;;
esac
echo
[ -n "$unmodelled" ] && echo "agent-server stand-in: NOT MODELLED: arguments$unmodelled" >&2
[ "$host" = 0.0.0.0 ] || echo "agent-server stand-in: NOT MODELLED: --host $host (the stand-in binds every address)" >&2

# json_string: the shared /usr/local/lib/openhands-guide/json.sh.
. /usr/local/lib/openhands-guide/json.sh

# The agent's first file write (harness hook, see above).
dir=$(pwd)
file="$dir/openhands-agent-$(hostname).txt"
error=$({ echo "written by the agent-server stand-in as uid $(id -u) gid $(id -g)" >"$file"; } 2>&1)
owner=
if [ -z "$error" ]; then
  owner=$(stat -c '%u:%g' "$file" 2>/dev/null)
else
  error="cannot create $file as uid $(id -u): $error"
fi
printf '{"file":%s,"cwd":%s,"uid":%s,"gid":%s,"owner":%s,"error":%s}\n' \
  "$(json_string "$file")" "$(json_string "$dir")" "$(id -u)" "$(id -g)" \
  "$(json_string "$owner")" "$(json_string "$error")" >"$STATE/agent-write.json"
echo "agent-server stand-in: agent write: $(cat "$STATE/agent-write.json")" >&2

HTTP_HANDLER=/usr/local/lib/openhands-guide/agent-server-handler.sh
export HTTP_HANDLER STATE
exec nc -ll -p "$port" -e /usr/local/lib/openhands-guide/http-server.sh
