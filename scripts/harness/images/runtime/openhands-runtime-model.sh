#!/bin/sh
# Serves HTTP on 0.0.0.0:$port (the action execution server's port); GET /alive answers 200
# as the real server's /alive does, which is what the app polls before it uses a runtime.
PORT=${port:-${1:-8000}}
WEB_ROOT=/tmp/runtime-web
mkdir -p "$WEB_ROOT"
echo '{"status":"ok"}' >"$WEB_ROOT/alive"
echo '<!doctype html><title>OpenHands runtime (model)</title>' >"$WEB_ROOT/index.html"
echo "openhands-runtime-model listening on 0.0.0.0:$PORT"
exec httpd -f -p "0.0.0.0:$PORT" -h "$WEB_ROOT"
