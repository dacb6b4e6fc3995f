#!/usr/bin/env bash
# Make sure a Docker daemon answers before the harness runs snippets against it.
#
# - A daemon that already answers (DOCKER_HOST, or the default socket) is used as it is:
#   this script never restarts or reconfigures a daemon it did not start.
# - Otherwise, as root on Debian/Ubuntu, it installs docker.io and starts dockerd in the
#   background, logging to /var/log/openhands-guide/dockerd.log.
# - Otherwise it exits 1 and says what to install or start.
# As root it also makes sure the helpers the harness uses on the host are installed:
# busybox-static (probes), iproute2 (network namespaces), iptables (firewall rules), acl
# (setfacl, which the 1.x and Agent Canvas pages give the reader), dnsmasq-base (the stand-in
# internet's resolver: the binary alone, the package that starts a service is dnsmasq), socat
# (the egress proxy image carries the web port off its internal network with it), and
# unpacks Debian packages without installing them, because installing them would start
# a service on this machine: haproxy (the socket proxy stand-in), docker-registry (a
# registry on loopback that gives stand-in images a digest) and squid with its data (the
# egress proxy's image), into $TOOLS_DIR.
# Running it twice does nothing the second time.
set -euo pipefail

readonly LOG_DIR=/var/log/openhands-guide
readonly LOG_FILE="$LOG_DIR/dockerd.log"
readonly PID_FILE=/run/openhands-guide-dockerd.pid
readonly HELPER_PACKAGES=(busybox-static iproute2 iptables file acl dnsmasq-base socat)
# Libraries the unpacked haproxy and squid link that a minimal Debian lacks (libraries only: no service).
readonly LIBRARY_PACKAGES=(liblua5.3-0 libopentracing-c-wrapper0 libecap3 libltdl7)
readonly TOOLS_DIR=/var/cache/openhands-guide/tools
# squid-common and squid-langpack: the configuration defaults, icons and error pages squid reads at start.
readonly UNPACKED_TOOLS=(haproxy docker-registry squid squid-common squid-langpack)
readonly WAIT_SECONDS=60

say() { printf 'ensure-daemon: %s\n' "$*"; }
fail() { printf 'ensure-daemon: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }
is_debian_like() { [ -r /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; }

daemon_answers() {
  command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1
}

report_daemon() {
  local server client
  server=$(docker version --format '{{.Server.Version}}' 2>/dev/null || echo unknown)
  client=$(docker version --format '{{.Client.Version}}' 2>/dev/null || echo unknown)
  say "Docker daemon answers at ${DOCKER_HOST:-the default socket}: Engine $server (CLI $client)"
}

apt_updated=false
apt_install() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  say "installing ${missing[*]} with apt-get"
  if [ "$apt_updated" = false ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=true
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# apt-get download + dpkg-deb -x: the binary without the package's service. Each tool is
# unpacked into its own folder, keyed by the candidate version, so an update replaces it.
unpack_tool() {
  local pkg=$1 version dir tmp
  version=$(apt-cache policy "$pkg" 2>/dev/null | awk '/Candidate:/ { print $2 }')
  [ -n "$version" ] && [ "$version" != "(none)" ] || fail "apt has no candidate for $pkg"
  dir="$TOOLS_DIR/$pkg"
  [ "$(cat "$dir/.version" 2>/dev/null)" = "$version" ] && return 0
  say "unpacking Debian's $pkg $version into $dir (not installed: no service is started)"
  tmp=$(mktemp -d "$TOOLS_DIR/.unpack-$pkg-XXXXXX")
  (cd "$tmp" && apt-get download -qq "$pkg=$version" >/dev/null 2>&1) || { rm -rf "$tmp"; fail "apt-get download $pkg failed"; }
  rm -rf "$dir"
  dpkg-deb -x "$tmp"/*.deb "$dir"
  echo "$version" >"$dir/.version"
  rm -rf "$tmp"
}

ensure_helpers() {
  if is_root && is_debian_like; then
    apt_install "${HELPER_PACKAGES[@]}" "${LIBRARY_PACKAGES[@]}"
    mkdir -p "$TOOLS_DIR"
    chmod 755 "$TOOLS_DIR"
    local tool
    for tool in "${UNPACKED_TOOLS[@]}"; do unpack_tool "$tool"; done
  fi
}

our_dockerd_running() {
  [ -s "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null
}

foreign_dockerd_running() {
  local pid
  for pid in $(pgrep -x dockerd || true); do
    [ -s "$PID_FILE" ] && [ "$pid" = "$(cat "$PID_FILE")" ] && continue
    return 0
  done
  return 1
}

# A dockerd someone else started (systemd, by hand) may still be starting; a second one
# would fight it for /var/run/docker.pid, so wait for it instead.
wait_for_foreign_dockerd() {
  local waited=0
  say "a dockerd this script did not start is running; waiting for it to answer"
  until daemon_answers; do
    if [ "$waited" -ge "$WAIT_SECONDS" ]; then
      fail "the running dockerd (pid $(pgrep -x dockerd | tr '\n' ' ')) did not answer within ${WAIT_SECONDS}s. Check its log (journalctl -u docker) and restart it yourself."
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

start_dockerd() {
  mkdir -p "$LOG_DIR"
  if our_dockerd_running; then
    say "dockerd started earlier by this script (pid $(cat "$PID_FILE")) is still starting"
  else
    say "starting dockerd in the background"
    # Not with the caller's TMPDIR: npm test gives its steps a temp directory that it removes
    # at the end (scripts/temp-guard), and the daemon outlives the run.
    env -u TMPDIR -u TMP -u TEMP nohup dockerd >>"$LOG_FILE" 2>&1 &
    echo $! >"$PID_FILE"
  fi
  local waited=0
  until daemon_answers; do
    if ! our_dockerd_running; then
      fail "dockerd exited during start-up; see $LOG_FILE"
    fi
    if [ "$waited" -ge "$WAIT_SECONDS" ]; then
      fail "dockerd (pid $(cat "$PID_FILE")) did not answer within ${WAIT_SECONDS}s; see $LOG_FILE"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  say "dockerd (pid $(cat "$PID_FILE")) logs to $LOG_FILE"
}

main() {
  ensure_helpers
  if daemon_answers; then
    report_daemon
    exit 0
  fi
  if [ -n "${DOCKER_HOST:-}" ]; then
    # Starting a local daemon would not make the daemon the reader chose answer.
    fail "DOCKER_HOST=$DOCKER_HOST does not answer 'docker info'. Start that daemon, or unset DOCKER_HOST to use the local one."
  fi
  if ! is_root || ! is_debian_like; then
    fail "no Docker daemon answers 'docker info'. Install Docker Engine 20.10 or later (Debian/Ubuntu: 'sudo apt-get install docker.io busybox-static iproute2 iptables file'), start it ('sudo systemctl start docker', or 'sudo dockerd &'), make sure your user may use it (member of group docker), then run this again. As root on Debian/Ubuntu this script does all of that itself."
  fi
  apt_install docker.io
  if foreign_dockerd_running; then
    wait_for_foreign_dockerd
  else
    start_dockerd
  fi
  report_daemon
}

main "$@"
