#!/usr/bin/env bash
# npm run test:engines [-- --engines=docker28,podman]: the matrix (scripts/engines/matrix.ts),
# then the tests of the matrix itself (test/engines: interrupts, two runs at once).
# The matrix's exit code wins: an unexpected result on an engine fails the command.
set -uo pipefail
cd "$(dirname "$0")/../.."
bash scripts/docker/ensure-daemon.sh || exit 1
bash scripts/engines/ensure-tools.sh || exit 1
node_modules/.bin/vite-node scripts/engines/matrix.ts "$@"
matrix=$?
node_modules/.bin/vitest run --project engines
tests=$?
[ "$matrix" -ne 0 ] && exit "$matrix"
exit "$tests"
