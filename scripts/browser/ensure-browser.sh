#!/usr/bin/env bash
# Make sure the browser tests have a browser: Debian's chromium (never a downloaded one)
# and a Japanese font, so the ja screenshots show text instead of boxes.
# - A browser at OPENHANDS_GUIDE_CHROMIUM (default /usr/bin/chromium) is used as it is.
# - What is missing is installed with apt-get when run as root on Debian/Ubuntu.
# - Otherwise it exits 1 (no browser) or warns (no font) and says what to install.
set -euo pipefail

readonly BROWSER="${OPENHANDS_GUIDE_CHROMIUM:-/usr/bin/chromium}"
readonly FONT_PACKAGE=fonts-ipafont-gothic

say() { printf 'ensure-browser: %s\n' "$*"; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
can_apt() { [ "$(id -u)" -eq 0 ] && [ -r /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; }

missing=()
[ -x "$BROWSER" ] || missing+=(chromium)
installed "$FONT_PACKAGE" || missing+=("$FONT_PACKAGE")

if [ "${#missing[@]}" -gt 0 ] && can_apt; then
  say "installing ${missing[*]} with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif [ "${#missing[@]}" -gt 0 ]; then
  if [ ! -x "$BROWSER" ]; then
    say "no browser at $BROWSER. Install Debian's chromium (sudo apt-get install chromium $FONT_PACKAGE) or set OPENHANDS_GUIDE_CHROMIUM to a Chromium binary." >&2
    exit 1
  fi
  say "no $FONT_PACKAGE: Japanese screenshots may show boxes (sudo apt-get install $FONT_PACKAGE)"
fi

say "browser: $("$BROWSER" --version 2>/dev/null || echo "$BROWSER")"
