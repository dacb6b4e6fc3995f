#!/usr/bin/env bash
# start.sh KIND TAG NAME DIR [--label k=v ...]
# Starts one engine in a container of the host daemon, isolated from the host's daemon and
# firewall: its own network namespace, data root (tmpfs) and iptables or nftables.
#   DIR/api     is the engine's /ohg-engine: the harness reaches the API at DIR/api/docker.sock.
#   DIR/shared  is mounted at the same path inside, so a path a command names (the reader's
#               folders, $XDG_RUNTIME_DIR for rootless) means the same folder to the engine.
# Readers' sockets are where each engine keeps them on a real machine: /var/run/docker.sock
# (Docker), $XDG_RUNTIME_DIR/docker.sock (rootless Docker, XDG_RUNTIME_DIR=DIR/shared/xdg),
# /run/podman/podman.sock and the /run/docker.sock link podman-docker makes (Podman).
# The engine shares the host's pid namespace (--pid host): its containers' State.Pid are host
# pids, so the harness enters their network namespaces as it does on the host.
# Prints the engine container's id; exits 1 with the engine's log when its API does not answer.
set -euo pipefail
unset DOCKER_HOST DOCKER_CONTEXT
. "$(dirname "$0")/lib.sh"
KIND=${1:?usage: start.sh KIND TAG NAME DIR [--label k=v ...]}; TAG=${2:?}; NAME=${3:?}; DIR=${4:?}
shift 4
SOCK_GID=$(getent group docker | cut -d: -f3); SOCK_GID=${SOCK_GID:-0}
mkdir -p "$DIR/api" "$DIR/shared"
chgrp "$SOCK_GID" "$DIR/api"; chmod 0750 "$DIR/api"
chmod 0755 "$DIR" "$DIR/shared"
if [ "$KIND" = rootless ]; then chown 1000 "$DIR/api"; chmod 0770 "$DIR/api"; fi

args=(
  -d --name "$NAME" --hostname "$NAME" "$@"
  # --privileged fails here (CAP_SYS_RESOURCE is outside the bounding set): everything else.
  --cap-add ALL --cap-drop SYS_RESOURCE
  --security-opt seccomp=unconfined --security-opt apparmor=unconfined --security-opt systempaths=unconfined
  --device-cgroup-rule 'a *:* rwm'
  --init --pid host --memory "${OHG_ENGINE_MEM:-3g}"
  -v "$DIR/api:/ohg-engine" -v "$DIR/shared:$DIR/shared"
  -e "OHG_SOCK_GID=$SOCK_GID" -e "OHG_SHARED=$DIR/shared"
)
# cgroups. Docker kinds: the host's v1 hierarchy and a cgroup parent under the engine's own
# cgroup, removed with the engine. Podman (crun refuses the host's hybrid layout, and podman
# has no daemon-wide cgroup parent): a private cgroup namespace with the v1 hierarchies
# mounted afresh, rooted at the engine's own cgroup.
if [ "$KIND" = podman ]; then args+=(--cgroupns private); else args+=(-v /sys/fs/cgroup:/sys/fs/cgroup:rw --cgroupns host); fi
read -r -d '' CGROUPS <<'EOS' || true
if [ "$OHG_KIND" = podman ]; then
  mount -t tmpfs -o mode=0755 ohg-cgroup /sys/fs/cgroup
  for c in $(awk -F: '$2 != "" {print $2}' /proc/self/cgroup); do
    d=${c#name=}; mkdir -p /sys/fs/cgroup/$d
    case "$c" in name=*) o="none,$c";; *) o="$c";; esac
    mount -t cgroup -o "$o" cgroup /sys/fs/cgroup/$d
  done
fi
CG=$(awk -F: '$2 ~ /(^|,)memory(,|$)/ {print $3}' /proc/self/cgroup)
# The harness enters the engine's network namespace through this process, never through the
# engine's own: Podman makes each container's namespace on a Go thread it never unlocks
# (containers/common@50870e9b pkg/netns/netns_linux.go, newNSPath), and when that thread is
# the main one Go keeps it, so /proc/<engine pid>/ns/net then names a container's namespace.
sleep infinity & echo $! >/ohg-engine/netns-anchor.pid
EOS
args+=(-e "OHG_KIND=$KIND")

case "$KIND" in
  docker*)
    args+=(--tmpfs /var/lib/docker:exec)
    INNER="$CGROUPS
exec dockerd -H unix:///var/run/docker.sock -H unix:///ohg-engine/docker.sock --group \"\$OHG_SOCK_GID\" \\
  --cgroup-parent \"\$CG/inner\" --data-root /var/lib/docker"
    ;;
  podman)
    args+=(--tmpfs /var/lib/containers:exec --tmpfs /run/containers)
    # containers/podman@c6580b4a52 contrib/systemd/system/podman-docker.conf: /run/docker.sock -> /run/podman/podman.sock.
    INNER="$CGROUPS
mkdir -p /etc/containers/containers.conf.d /run/podman
printf '[engine]\ncgroup_manager = \"cgroupfs\"\nevents_logger = \"file\"\n[containers]\nlog_driver = \"k8s-file\"\n' >/etc/containers/containers.conf.d/50-ohg.conf
# The harness gives its stand-in images a digest from a registry on this engine's loopback (http).
mkdir -p /etc/containers/registries.conf.d
printf '[[registry]]\nlocation = \"127.0.0.1\"\ninsecure = true\n' >/etc/containers/registries.conf.d/50-ohg-loopback.conf
ln -sf /ohg-engine/docker.sock /run/podman/podman.sock
ln -sf /run/podman/podman.sock /run/docker.sock
exec podman system service --time=0 unix:///ohg-engine/docker.sock"
    ;;
  rootless)
    # /dev/net/tun for slirp4netns; the host node is 0600 root and the rootless user opens it.
    args+=(--tmpfs /home/rootless/.local/share/docker:exec,uid=1000,gid=1000,mode=0700 --device /dev/net/tun)
    INNER="$CGROUPS
XDG=\$OHG_SHARED/xdg; mkdir -p \"\$XDG\"; chown 1000:1000 \"\$XDG\"; chmod 700 \"\$XDG\"
chmod 0666 /dev/net/tun
RL=\$(command -v dockerd-rootless.sh || echo /usr/share/docker.io/contrib/dockerd-rootless.sh)
exec setpriv --reuid 1000 --regid 1000 --init-groups env -i HOME=/home/rootless USER=rootless \\
  XDG_RUNTIME_DIR=\"\$XDG\" PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \\
  DOCKERD_ROOTLESS_ROOTLESSKIT_NET=slirp4netns DOCKERD_ROOTLESS_ROOTLESSKIT_PORT_DRIVER=builtin \\
  \"\$RL\" -H \"unix://\$XDG/docker.sock\" -H unix:///ohg-engine/docker.sock"
    ;;
  *) ohg_die "unknown engine kind $KIND" ;;
esac

CID=$(docker run "${args[@]}" "$TAG" /bin/sh -c "$INNER")
for _ in $(seq 1 240); do
  if [ -S "$DIR/api/docker.sock" ] && DOCKER_HOST="unix://$DIR/api/docker.sock" docker version >/dev/null 2>&1; then
    # Podman and rootless make the socket with their own owner: the host's docker group may use it, as on the host.
    chgrp "$SOCK_GID" "$DIR/api/docker.sock"; chmod 0660 "$DIR/api/docker.sock"
    echo "$CID"; exit 0
  fi
  [ "$(docker inspect -f '{{.State.Running}}' "$CID" 2>/dev/null)" = true ] || break
  sleep 0.25
done
echo "engines: $KIND did not answer on $DIR/api/docker.sock; its log:" >&2
docker logs "$CID" 2>&1 | tail -40 >&2
exit 1
