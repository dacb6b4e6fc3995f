#!/bin/sh
# Stand-in for All-Hands-AI/OpenHands@0.33.0 containers/app/entrypoint.sh (facts.md "OpenHands
# app image"), in busybox sh: useradd/groupadd/usermod become edits of /etc/passwd and
# /etc/group, and su is busybox su. Messages are upstream's, so a reader's terminal shows
# what the real image prints.
set -eo pipefail

echo "Starting OpenHands..."

# upstream: "if [ "$(id -u)" -ne 0 ]" - the image only works when started as root.
if [ "$(id -u)" -ne 0 ]; then
  echo "The OpenHands entrypoint.sh must run as root"
  exit 1
fi

if [ -z "$SANDBOX_USER_ID" ]; then
  echo "SANDBOX_USER_ID is not set"
  exit 1
fi

# upstream: without WORKSPACE_MOUNT_PATH the app must not mount a workspace at all.
if [ -z "$WORKSPACE_MOUNT_PATH" ]; then
  unset WORKSPACE_BASE
fi

if [ "$SANDBOX_USER_ID" -eq 0 ]; then
  echo "Running OpenHands as root"
  export RUN_AS_OPENHANDS=false
  exec "$@"
fi

user_exists() { grep -q "^$1:" /etc/passwd; }
uid_taken() { awk -F: -v id="$1" '$3 == id { found = 1 } END { exit !found }' /etc/passwd; }
gid_taken() { awk -F: -v id="$1" '$3 == id { found = 1 } END { exit !found }' /etc/group; }
# usermod -aG GROUP USER, where GROUP is a name or a gid.
add_to_group() {
  awk -F: -v OFS=: -v g="$1" -v u="$2" '
    ($1 == g || $3 == g) && ("," $4 ",") !~ ("," u ",") { $4 = ($4 == "" ? u : $4 "," u) }
    { print }' /etc/group >/etc/group.new
  cat /etc/group.new >/etc/group
  rm -f /etc/group.new
}
# useradd -l -m -u UID -s /bin/bash enduser, with Debian's rule for its user group's gid
# (the shared /usr/local/lib/openhands-guide/useradd.sh).
. /usr/local/lib/openhands-guide/useradd.sh
add_enduser() { useradd_with_group enduser "$1"; }

echo "Setting up enduser with id $SANDBOX_USER_ID"
if user_exists enduser; then
  echo "User enduser already exists. Skipping creation."
elif uid_taken "$SANDBOX_USER_ID"; then
  # upstream: useradd fails on a taken uid, so it moves openhands to uid+1 and tries again.
  echo "Failed to create user enduser with id $SANDBOX_USER_ID. Moving openhands user."
  incremented_id=$((SANDBOX_USER_ID + 1))
  sed -i "s/^openhands:x:$SANDBOX_USER_ID:/openhands:x:$incremented_id:/" /etc/passwd
  if uid_taken "$SANDBOX_USER_ID"; then
    echo "Failed to create user enduser with id $SANDBOX_USER_ID for a second time. Exiting."
    exit 1
  fi
  add_enduser "$SANDBOX_USER_ID"
else
  add_enduser "$SANDBOX_USER_ID"
fi
add_to_group app enduser

# upstream: `stat -c '%g' /var/run/docker.sock` under set -e, so without a mounted socket the
# container exits here (OpenHands issues #4933, #1732), even when DOCKER_HOST points elsewhere.
DOCKER_SOCKET_GID=$(stat -c '%g' /var/run/docker.sock)
echo "Docker socket group id: $DOCKER_SOCKET_GID"
if gid_taken "$DOCKER_SOCKET_GID"; then
  echo "Group with id $DOCKER_SOCKET_GID already exists"
else
  echo "Creating group with id $DOCKER_SOCKET_GID"
  echo "docker:x:$DOCKER_SOCKET_GID:" >>/etc/group
fi

mkdir -p /home/enduser/.cache/huggingface/hub/

add_to_group "$DOCKER_SOCKET_GID" enduser
echo "Running as enduser"
# upstream: su enduser /bin/bash -c "${*@Q}" - the environment is kept (no login shell).
exec su enduser -s /bin/sh -c 'exec "$@"' openhands "$@"
