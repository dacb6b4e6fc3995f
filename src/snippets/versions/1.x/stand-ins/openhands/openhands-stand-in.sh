#!/bin/sh
# Stand-in for the OpenHands 1.11 app server (`uvicorn openhands.server.listen:app --host
# 0.0.0.0 --port 3000`, R1.11 containers/app/Dockerfile line 105; openhands/server/listen.py
# re-exports openhands.app_server.app:app). It reads the configuration the Docker sandbox
# service reads, logs what the app logs at start, then serves HTTP on 0.0.0.0:3000 with
# openhands-handler.sh (one process per request, through the harness's http-server.sh).
# It starts nothing by itself: like the real app, it starts a sandbox when asked to
# (POST /api/v1/sandboxes). Citations: see openhands-lib.sh for R1.11 / SDK1.34.
. /app/openhands-lib.sh

OHM_STATE=/tmp/openhands-stand-in-$(id -u)
rm -rf "$OHM_STATE"
mkdir -p "$OHM_STATE/sandboxes"
: >"$OHM_STATE/order"
: >"$OHM_STATE/error"
: >"$OHM_STATE/unmodelled"
: >"$OHM_STATE/config-error"
# The docker CLI wants a writable config directory; root's and enduser's HOME may have none.
DOCKER_CONFIG=/tmp/openhands-docker-config-$(id -u)
mkdir -p "$DOCKER_CONFIG"
export OHM_STATE DOCKER_CONFIG

stand_in_log "app stand-in (OpenHands 1.11.0) starting as uid $(id -u) gid $(id -g) groups $(id -G)"

# ---------------------------------------------------------------------------------------
# Agent-server image: R1.11 openhands/app_server/sandbox/sandbox_spec_service.py
# get_agent_server_image (lines 119-138). Repository AGENT_SERVER_IMAGE_REPOSITORY or
# ghcr.io/openhands/agent-server (line 17); tag AGENT_SERVER_IMAGE_TAG or
# "<bundled version>-python" (lines 20-35); the bundled openhands-agent-server is 1.34.0
# (R1.11 pyproject.toml lines 251-252). With the default repository, a tag whose part before
# the first "-" is not the bundled version gets the bundled version instead, with a warning
# (lines 125-136). The real app computes this when its configuration is built.
OHM_BUNDLED_VERSION=1.34.0
OHM_DEFAULT_REPOSITORY=ghcr.io/openhands/agent-server
repository=${AGENT_SERVER_IMAGE_REPOSITORY:-$OHM_DEFAULT_REPOSITORY}
tag=${AGENT_SERVER_IMAGE_TAG:-$OHM_BUNDLED_VERSION-python}
if [ "$repository" = "$OHM_DEFAULT_REPOSITORY" ]; then
  case $tag in
    *-*)
      if [ "${tag%%-*}" != "$OHM_BUNDLED_VERSION" ]; then
        updated_tag="$OHM_BUNDLED_VERSION-${tag#*-}"
        log WARNING openhands.app_server.sandbox.sandbox_spec_service sandbox_spec_service.py:130 \
          "AGENT_SERVER_IMAGE_TAG=$tag does not match the installed openhands-sdk (using $updated_tag instead). Pin to a custom image repository via AGENT_SERVER_IMAGE_REPOSITORY if you need to use a different build."
        tag=$updated_tag
      fi ;;
  esac
fi
OHM_IMAGE="$repository:$tag"

# ---------------------------------------------------------------------------------------
# Docker sandbox service settings, the legacy environment block of R1.11
# openhands/app_server/config.py config_from_env (lines 342-386), which applies when no
# OH_SANDBOX_* configuration is given and RUNTIME is not remote/local/process.
config_error() { echo "$1" >>"$OHM_STATE/config-error"; set_error "$1"; stand_in_log "$1"; }
# host_port: SANDBOX_HOST_PORT, default 3000 (lines 344-347; docker_sandbox_service.py 590-598).
OHM_HOST_PORT=${SANDBOX_HOST_PORT:-3000}
case $OHM_HOST_PORT in
  '' | *[!0-9]*) config_error "SANDBOX_HOST_PORT=$SANDBOX_HOST_PORT is not an integer (upstream: int() raises ValueError; where it fails is not modelled)" ;;
esac
# container_url_pattern: SANDBOX_CONTAINER_URL_PATTERN, default http://localhost:{port}
# (lines 348-351; docker_sandbox_service.py 582-589).
OHM_URL_PATTERN=${SANDBOX_CONTAINER_URL_PATTERN:-'http://localhost:{port}'}
# startup_grace_seconds: SANDBOX_STARTUP_GRACE_SECONDS, default 15 (lines 355-358;
# docker_sandbox_service.py line 46).
OHM_GRACE=${SANDBOX_STARTUP_GRACE_SECONDS:-15}
case $OHM_GRACE in '' | *[!0-9]*) config_error "SANDBOX_STARTUP_GRACE_SECONDS=$OHM_GRACE is not an integer (upstream: int() raises ValueError; where it fails is not modelled)"; OHM_GRACE=15 ;; esac
# mounts: SANDBOX_VOLUMES (lines 359-385): comma-separated; each item stripped, empty items
# skipped, split on ":"; at least 2 parts -> host_path:container_path[:mode], mode default rw,
# parts after the third ignored; fewer than 2 parts skipped silently. The service turns them
# into a dict keyed by host path (docker_sandbox_service.py lines 461-467), so a repeated host
# path keeps its last container path and mode. One "host:container:mode" per line.
: >"$OHM_STATE/mounts"
if [ -n "$SANDBOX_VOLUMES" ]; then
  printf '%s' "$SANDBOX_VOLUMES" | tr ',' '\n' | awk -F: '
    { gsub(/^[ \t\r\n]+|[ \t\r\n]+$/, "") }
    $0 == "" || NF < 2 { next }
    { host = $1; mode = (NF > 2 ? $3 : "rw")
      if (!(host in spec)) order[++n] = host
      spec[host] = host ":" $2 ":" mode }
    END { for (i = 1; i <= n; i++) print spec[order[i]] }' >"$OHM_STATE/mounts"
fi
export OHM_IMAGE OHM_HOST_PORT OHM_URL_PATTERN OHM_GRACE

# Inputs the real app reads but the stand-in does not model: reported in /status
# ("notModelled") and logged, so that a test using them cannot pass by accident.
note_unmodelled() { echo "$1" >>"$OHM_STATE/unmodelled"; stand_in_log "NOT MODELLED: $1"; }
case $RUNTIME in remote | local | process) note_unmodelled "RUNTIME=$RUNTIME (config.py lines 334-340: a non-Docker sandbox service)" ;; esac
env | grep -q '^OH_SANDBOX_' && note_unmodelled "OH_SANDBOX_* (sandbox service configured through OH_SANDBOX_KIND and env_parser; config.py line 285, 332)"
case $(printf '%s' "$AGENT_SERVER_USE_HOST_NETWORK" | tr A-Z a-z) in true | 1 | yes) note_unmodelled "AGENT_SERVER_USE_HOST_NETWORK (docker_sandbox_service.py lines 49-56, 442-447, 470)" ;; esac
case $(printf '%s' "$SANDBOX_KVM_ENABLED" | tr A-Z a-z) in true | 1 | yes) note_unmodelled "SANDBOX_KVM_ENABLED (docker_sandbox_service.py lines 59-62, 476)" ;; esac
for v in WEB_HOST OH_WEB_URL PERMITTED_CORS_ORIGINS OH_AGENT_SERVER_ENV LOG_JSON; do
  eval "value=\${$v-}"
  [ -n "$value" ] && note_unmodelled "$v (CORS origins / agent-server env overrides / JSON logs)"
done
env | grep -q '^OH_PERMITTED_CORS_ORIGINS_' && note_unmodelled "OH_PERMITTED_CORS_ORIGINS_* (OH_ALLOW_CORS_ORIGINS_n in the sandbox, docker_sandbox_service.py lines 423-437)"
case $OHM_URL_PATTERN in https:*) note_unmodelled "https in SANDBOX_CONTAINER_URL_PATTERN (the stand-in polls over plain http)" ;; esac

stand_in_log "agent-server image $OHM_IMAGE, webhook port $OHM_HOST_PORT, url pattern $OHM_URL_PATTERN, in Docker: $(is_running_in_docker && echo yes || echo no)"
# Not read by R1.11 at all (git grep of the tree: no hit), so it changes nothing here either.
[ -n "$SANDBOX_RUNTIME_BINDING_ADDRESS" ] && stand_in_log "SANDBOX_RUNTIME_BINDING_ADDRESS=$SANDBOX_RUNTIME_BINDING_ADDRESS is set; OpenHands 1.11 never reads it"

# uvicorn logs its start to stderr (uvicorn's default logging config; R1.11 logger.py lines
# 697-747 replicate it with stream ext://sys.stderr for the "uvicorn" logger).
echo "INFO:     openhands-stand-in: serving on http://0.0.0.0:3000 (stand-in for uvicorn)" >&2

# Serves on every address of the container, port 3000, before any sandbox exists.
HTTP_HANDLER=/app/openhands-handler.sh
export HTTP_HANDLER
exec nc -ll -p 3000 -e /usr/local/lib/openhands-guide/http-server.sh
