# shellcheck shell=bash
# Shared definitions of the engine scripts (sourced). The engine table itself is
# src/engines/index.ts; engines.ts passes each script the kind, suite and packages.
# The recipe (debootstrap of Debian's packages, the inner daemon's flags in start.sh) was worked
# out by trial on these machines: no upstream source describes it.

OHG_MIRROR="${OHG_MIRROR:-http://deb.debian.org/debian}"
# Bump when a build post-step changes: it is part of the cache hash, as are the inputs.
OHG_ENGINE_RECIPE=4

ohg_die() { echo "engines: $*" >&2; exit 1; }

# ohg_image_tag KIND SUITE "PKGS" -> openhands-guide/engine-KIND:HASH, HASH over every input of the build.
ohg_image_tag() {
  local sorted hash
  sorted=$(printf '%s\n' $3 | sort -u | tr '\n' ' ')
  hash=$( { printf 'kind=%s\nsuite=%s\npkgs=%s\nrecipe=%s\nmirror=%s\n' "$1" "$2" "$sorted" "$OHG_ENGINE_RECIPE" "$OHG_MIRROR"; cat "$(dirname "${BASH_SOURCE[0]}")/build.sh"; } \
         | sha256sum | cut -c1-16)
  echo "openhands-guide/engine-$1:$hash"
}
