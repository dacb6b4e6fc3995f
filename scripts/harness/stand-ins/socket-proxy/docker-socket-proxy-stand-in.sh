#!/bin/sh
# Writes an HAProxy configuration from the environment and runs HAProxy with it, modelling
# what Tecnativa/docker-socket-proxy v0.4.1 documents (README "Grant or revoke access to
# certain API sections") and configures (haproxy.cfg, Dockerfile ENV, docker-entrypoint.sh),
# all at tag v0.4.1, commit a6fbf3835b0554c12be4bccdea4299e14ecb05e8:
# - it listens on 2375 and forwards to $SOCKET_PATH;
# - a request whose method is not GET or HEAD is refused with 403 unless POST is on;
# - a request is let through when its path, URL-decoded and with an optional API version
#   prefix (/v1.41), starts with the path of a section whose variable is on; matching is
#   case-insensitive, and /containers matches /containers/create and /containers/x/start;
# - ALLOW_START, ALLOW_STOP and ALLOW_RESTARTS open only those container actions;
# - every other request is refused with 403;
# - /events is streamed without a server timeout.
# The variables are read as HAProxy reads `env(NAME) -m bool`: a number other than 0 is on.
set -eu

CONFIG=/tmp/haproxy.cfg
# The section variables and the API path each one opens (v0.4.1 haproxy.cfg).
SECTIONS='AUTH:auth BUILD:build COMMIT:commit CONFIGS:configs CONTAINERS:containers
DISTRIBUTION:distribution EVENTS:events EXEC:exec GRPC:grpc IMAGES:images INFO:info
NETWORKS:networks NODES:nodes PING:_ping PLUGINS:plugins SECRETS:secrets SERVICES:services
SESSION:session SWARM:swarm SYSTEM:system TASKS:tasks VERSION:version VOLUMES:volumes'
VERSIONED='^(/v[0-9.]+)?'

{
  echo 'global'
  echo '    log stdout format raw local0 info'
  echo '    maxconn 1000'
  echo 'defaults'
  echo '    mode http'
  echo '    log global'
  echo '    option httplog'
  echo '    timeout connect 10s'
  echo '    timeout client 10m'
  echo '    timeout server 10m'
  echo '    timeout http-request 10s'
  echo 'frontend api'
  echo '    bind :2375'
  echo '    acl write_allowed env(POST) -m bool'
  echo '    http-request deny deny_status 403 if !METH_GET !write_allowed'
  echo "    acl action_start path,url_dec -m reg -i ${VERSIONED}/containers/[a-zA-Z0-9_.-]+/start"
  echo "    acl action_stop path,url_dec -m reg -i ${VERSIONED}/containers/[a-zA-Z0-9_.-]+/stop"
  echo "    acl action_restart path,url_dec -m reg -i ${VERSIONED}/containers/[a-zA-Z0-9_.-]+/(stop|restart|kill)"
  echo '    http-request allow if action_start { env(ALLOW_START) -m bool }'
  echo '    http-request allow if action_stop { env(ALLOW_STOP) -m bool }'
  echo '    http-request allow if action_restart { env(ALLOW_RESTARTS) -m bool }'
  for entry in $SECTIONS; do
    name=${entry%%:*}
    path=${entry#*:}
    echo "    http-request allow if { path,url_dec -m reg -i ${VERSIONED}/${path} } { env(${name}) -m bool }"
  done
  echo '    http-request deny deny_status 403'
  echo "    use_backend events if { path,url_dec -m reg -i ${VERSIONED}/events }"
  echo '    default_backend engine'
  echo 'backend engine'
  echo "    server socket ${SOCKET_PATH}"
  echo 'backend events'
  echo '    timeout server 0'
  echo "    server socket ${SOCKET_PATH}"
} >"$CONFIG"

echo "docker-socket-proxy stand-in: HAProxy on :2375 for ${SOCKET_PATH}"
exec haproxy -db -f "$CONFIG"
