#!/usr/bin/env bash
# build.sh KIND SUITE "PACKAGES" -> prints openhands-guide/engine-KIND:HASH
# A Debian root filesystem made here with debootstrap (no container registry), imported as an
# image of the host daemon. An image with that tag is reused as it is: the hash covers the
# kind, suite, packages, mirror, recipe version and this script, so it is rebuilt only when
# one of them changes. Needs root and debootstrap (scripts/engines/ensure-tools.sh).
set -euo pipefail
unset DOCKER_HOST DOCKER_CONTEXT   # the host daemon builds and keeps the engine images
. "$(dirname "$0")/lib.sh"
KIND=${1:?usage: build.sh KIND SUITE PACKAGES}; SUITE=${2:?}; PKGS=${3:?}
TAG=$(ohg_image_tag "$KIND" "$SUITE" "$PKGS")
if docker image inspect "$TAG" >/dev/null 2>&1; then echo "$TAG"; exit 0; fi
command -v debootstrap >/dev/null || ohg_die "debootstrap is missing: run scripts/engines/ensure-tools.sh as root"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ohg-engbuild-$KIND-XXXXXX")
trap 'rm -rf --one-file-system "$WORK"' EXIT INT TERM
ROOT="$WORK/root"
echo "engines: debootstrap $SUITE for $KIND ($PKGS)" >&2
if ! debootstrap --variant=minbase --include="$(echo $PKGS | tr ' ' ,)" "$SUITE" "$ROOT" "$OHG_MIRROR" >"$WORK/debootstrap.log" 2>&1; then
  tail -30 "$WORK/debootstrap.log" >&2
  ohg_die "debootstrap of $SUITE for $KIND failed (log above)"
fi
rm -rf "$ROOT"/var/cache/apt/archives/*.deb "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/log/*.log
if [ "$KIND" = rootless ]; then
  # The reader's own account runs rootless Docker: uid 1000, with subordinate ids.
  chroot "$ROOT" useradd -m -u 1000 -s /bin/bash rootless
  echo "rootless:100000:65536" >"$ROOT/etc/subuid"
  echo "rootless:100000:65536" >"$ROOT/etc/subgid"
fi
tar -C "$ROOT" --numeric-owner -c . | docker import \
  -c "LABEL org.openhands-guide.engine.kind=$KIND" -c "LABEL org.openhands-guide.engine.suite=$SUITE" - "$TAG" >/dev/null
# The images of this engine built from older inputs are ours and never used again: remove them
# (not forced, so one that a running engine still uses stays).
REPO=${TAG%:*}
docker image ls --format '{{.Repository}}:{{.Tag}}' "$REPO" | grep -vxF "$TAG" | xargs -r docker rmi >/dev/null 2>&1 || true
echo "$TAG"
