#!/usr/bin/env bash
# Runs the docusaurus CLI with the project's own temp folder. Docusaurus loads its config
# with jiti and asks it for a transpile cache (`cache: true`, @docusaurus/utils
# moduleUtils.js), which jiti keeps in the system temp directory as node-jiti; that would
# outlive every build. TMPDIR moves it into node_modules/.cache, where caches belong.
set -euo pipefail
cd "$(dirname "$0")/../.."
export TMPDIR="$PWD/node_modules/.cache/openhands-guide-tmp"
mkdir -p "$TMPDIR"
exec npx --no-install docusaurus "$@"
