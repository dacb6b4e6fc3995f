#!/bin/sh
# Stand-in for the automation server, which docker/entrypoint.sh (Agent Canvas 1.12.0,
# OpenHands/OpenHands release commit 4d0fe4983b6b8e52c104c7ffa4b7be8c7ab5a364, lines 201-214)
# starts as
#   uvicorn openhands.automation.app:app --host 0.0.0.0 --port $AUTOMATION_PORT
# (openhands-automation==1.6.0: config/defaults.json line 6, versions.automation, installed by
# docker/Dockerfile lines 106-107).
# Modelled: only that it listens on 0.0.0.0:$AUTOMATION_PORT (18001), all interfaces of the
# container. NOT modelled, because the openhands-automation source was not checked: its routes,
# its authentication (the entrypoint comments, lines 24-26 and 105-107, say it shares the
# X-Session-API-Key value, but that is not confirmed in its code), its start-up under an
# unwritable ~/.openhands (the stand-in always listens), its logs. Every request gets a 501
# "harness stand-in" answer.
HOST=0.0.0.0
PORT=18001
while [ "$#" -gt 0 ]; do
  case $1 in
    --host) HOST=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    *) shift ;;
  esac
done
echo "agent-canvas-standin: automation server stand-in listening on $HOST:$PORT (routes and auth not modelled)" >&2
export HTTP_HANDLER=/opt/agent-canvas-standin/automation-handler.sh
nc -ll -p "$PORT" -e /usr/local/lib/openhands-guide/http-server.sh &
NC_PID=$!
trap 'kill "$NC_PID" 2>/dev/null; exit 0' TERM INT
wait "$NC_PID"
