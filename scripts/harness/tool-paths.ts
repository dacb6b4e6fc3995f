/**
 * Where scripts/docker/ensure-daemon.sh unpacks Debian packages whose binaries the harness
 * needs but whose installation would start a service on the host (haproxy,
 * docker-registry): `<UNPACKED_TOOLS>/<package>/` holds the package's files.
 */
export const UNPACKED_TOOLS = '/var/cache/openhands-guide/tools';
