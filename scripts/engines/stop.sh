#!/usr/bin/env bash
# stop.sh NAME DIR: removes one engine and what it leaves on the host. Its containers,
# networks, firewall rules and data live in the engine's own namespaces and tmpfs and go
# with it; its cgroup (and the inner cgroup parent under it) is removed by the host's runc,
# and whatever a killed engine left there is removed here, leaves first. Then DIR.
set -uo pipefail
unset DOCKER_HOST DOCKER_CONTEXT
NAME=${1:?usage: stop.sh NAME DIR}; DIR=${2:?}
CID=$(docker inspect -f '{{.Id}}' "$NAME" 2>/dev/null || true)
if [ -n "$CID" ]; then
  # The harness removed the engine's containers already: no need to wait for a graceful stop.
  docker rm -f -v "$NAME" >/dev/null 2>&1 || true
  for d in /sys/fs/cgroup/*/docker/"$CID"; do
    [ -d "$d" ] && find "$d" -depth -type d -exec rmdir {} \; 2>/dev/null
  done
fi
case "$DIR" in
  */ohg-*-engine-*) rm -rf --one-file-system "$DIR" ;;
  *) echo "engines: not removing $DIR (not an engine folder)" >&2 ;;
esac
