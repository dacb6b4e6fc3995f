#!/usr/bin/env bash
# What `npm run test:engines` needs on the host besides the Docker daemon (ensure-daemon.sh):
# debootstrap, to make each engine's Debian root filesystem. As root on Debian or Ubuntu it
# installs it; otherwise it says what to install. Running it twice does nothing the second time.
set -euo pipefail
command -v debootstrap >/dev/null 2>&1 && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-tools: installing debootstrap with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null 2>&1 || {
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  }
  exit 0
fi
echo "ensure-tools: debootstrap is missing: install it (Debian/Ubuntu: apt-get install debootstrap) and run as root" >&2
exit 1
