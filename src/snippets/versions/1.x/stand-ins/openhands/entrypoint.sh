#!/bin/sh
# Stand-in for containers/app/entrypoint.sh of OpenHands release 1.11.0
# (OpenHands/OpenHands@11ca68ab2e15dcd85c21e4d7d3409e7a259369ac, "R1.11" below), in busybox sh:
# useradd/groupadd/usermod become edits of /etc/passwd and /etc/group, getent becomes a grep,
# and su is busybox su. The echo texts are upstream's, so a reader's terminal shows what the
# real image prints. Line numbers are those of entrypoint.sh at R1.11.
# Differences kept on purpose (see "Not modelled" in the Dockerfile): enduser's login shell is
# /bin/sh (upstream /bin/bash, which this image does not have); the stat error text is
# busybox's ("can't stat"), not GNU stat's.
set -eo pipefail # R1.11 line 2

echo "Starting OpenHands..." # line 4

# Lines 5-9: NO_SETUP=true skips everything and runs the command as whoever started the
# container. Under `set -e` a failing command ends the script with its status, so `exit 0` is
# reached only when the command succeeded - the same here.
if [ "$NO_SETUP" = "true" ]; then
  echo "Skipping setup, running as $(whoami)"
  "$@"
  exit 0
fi

# Lines 11-14: everything else needs root (the image's last USER is root, Dockerfile line 100).
if [ "$(id -u)" -ne 0 ]; then
  echo "The OpenHands entrypoint.sh must run as root"
  exit 1
fi

# Lines 16-19: SANDBOX_USER_ID is required; the image sets it to 0 (Dockerfile line 47).
if [ -z "$SANDBOX_USER_ID" ]; then
  echo "SANDBOX_USER_ID is not set"
  exit 1
fi

# Lines 21-24: without WORKSPACE_MOUNT_PATH, WORKSPACE_BASE is unset.
if [ -z "$WORKSPACE_MOUNT_PATH" ]; then
  unset WORKSPACE_BASE
fi

# Lines 26-29: SANDBOX_USER_ID=0 runs the app as root, as a child of this shell (no exec), so
# this shell stays PID 1 as upstream's bash does.
if [ "$SANDBOX_USER_ID" -eq 0 ]; then
  echo "Running OpenHands as root"
  export RUN_AS_OPENHANDS=false
  "$@"
  exit 0
fi

user_exists() { grep -q "^$1:" /etc/passwd; }
uid_taken() { awk -F: -v id="$1" '$3 == id { found = 1 } END { exit !found }' /etc/passwd; }
gid_line() { awk -F: -v id="$1" '$3 == id { print; found = 1; exit } END { exit !found }' /etc/group; }
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

# Lines 30-44.
echo "Setting up enduser with id $SANDBOX_USER_ID"
if user_exists enduser; then
  echo "User enduser already exists. Skipping creation."
elif uid_taken "$SANDBOX_USER_ID"; then
  # useradd fails on a taken uid (e.g. 42420, openhands' own): upstream moves openhands to
  # uid+1 (usermod -u, line 38) and tries once more.
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
# Line 45: usermod -aG openhands enduser (group openhands, gid 42420, owns /app).
add_to_group openhands enduser

# Lines 46-48: `stat -c '%g' /var/run/docker.sock` under set -e: without a socket mounted at
# that path the container exits here, even when DOCKER_HOST points elsewhere.
DOCKER_SOCKET_GID=$(stat -c '%g' /var/run/docker.sock)
echo "Docker socket group id: $DOCKER_SOCKET_GID"
# Lines 49-54: `getent group GID` prints the group's line when it exists.
if gid_line "$DOCKER_SOCKET_GID"; then
  echo "Group with id $DOCKER_SOCKET_GID already exists"
else
  echo "Creating group with id $DOCKER_SOCKET_GID"
  echo "docker:x:$DOCKER_SOCKET_GID:" >>/etc/group
fi

# Line 56: created by root, so owned by root.
mkdir -p /home/enduser/.cache/huggingface/hub/

# Lines 58-60: enduser joins the socket's group, and su runs the command as enduser with the
# environment kept (no login shell). busybox su sets the supplementary groups (initgroups).
add_to_group "$DOCKER_SOCKET_GID" enduser
echo "Running as enduser"
su enduser -s /bin/sh -c 'exec "$@"' openhands "$@"
