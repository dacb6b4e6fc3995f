#!/bin/sh
# Stand-in for the action execution server of the sandbox runtime image (All-Hands-AI/
# OpenHands@0.33.0 openhands/runtime/action_execution_server.py), started the way the app
# starts it (openhands/runtime/utils/command.py get_action_execution_server_startup_command):
#   openhands-runtime-stand-in.sh PORT --working-dir DIR --username NAME --user-id UID
# What it models:
# - it serves HTTP on 0.0.0.0:PORT, and GET /alive answers 200 as the real server's /alive
#   does: that is what the app polls before it uses a runtime;
# - it prepares the working directory as runtime_init.py init_user_and_working_directory does
#   (below: mkdir, a recursive chown to <username>:root, chmod g+rw, the user), which is where
#   the app mounts WORKSPACE_MOUNT_PATH (docker_runtime.py _init_container,
#   workspace_mount_path_in_sandbox = /workspace);
# - what an agent's first file write does there: the server writes the file, then gives it
#   mode 664 and the owner UID:UID (action_execution_server.py write(), `os.chmod(filepath,
#   0o664)` and `os.chown(filepath, self.user_id, self.user_id)` for a new file). So the file
#   belongs to the uid the app passed, and it reaches the host only through the mount.
# GET /agent-write answers where it wrote and as which uid, for the app's status.
PORT=${1:-${port:-8000}}
[ "$#" -gt 0 ] && shift
WORKING_DIR=/workspace
USERNAME=root
USER_ID=0
while [ "$#" -gt 0 ]; do
  case $1 in
    --working-dir) WORKING_DIR=$2; shift 2 ;;
    --username) USERNAME=$2; shift 2 ;;
    --user-id) USER_ID=$2; shift 2 ;;
    *) shift ;;
  esac
done

WEB_ROOT=/tmp/runtime-web
mkdir -p "$WEB_ROOT"

# At every start, as root (the container runs as root: docker_runtime.py line 300 passes no
# user), the server's __init__ (action_execution_server.py lines 155-157) calls
# init_user_and_working_directory (runtime_init.py), in this order:
# - lines 42-44: `umask 002; mkdir -p <working dir>`;
# - lines 46-48: `chown -R <username>:root <working dir>`, recursive, over the reader's mounted
#   folder; its failure is not checked. Before the user exists (the first start of a fresh
#   container as `openhands`: the image has no such user) it fails and changes nothing;
# - lines 50-52: `chmod g+rw <working dir>`, the directory only;
# - lines 55-57: nothing more for root; otherwise, when the user does not exist yet (lines
#   59-84), lines 87-105: a sudoers line and `useradd -rm -d /home/<username> -s /bin/bash
#   -g root -G sudo -u <uid> <username>`. The user stays in the container, so from the next
#   start of the same container (a restart) the chown above takes effect.
(umask 002; mkdir -p "$WORKING_DIR")
chown -R "$USERNAME:root" "$WORKING_DIR" 2>/dev/null
chmod g+rw "$WORKING_DIR"
if [ "$USERNAME" != root ] && ! grep -q "^$USERNAME:" /etc/passwd; then
  echo "$USERNAME:x:$USER_ID:0::/home/$USERNAME:/bin/sh" >>/etc/passwd
  sed -i "s/^sudo:x:27:\(.*\)$/sudo:x:27:\1,$USERNAME/; s/^sudo:x:27:,/sudo:x:27:/" /etc/group
  mkdir -p "/home/$USERNAME" && chown "$USER_ID:0" "/home/$USERNAME"
fi
echo '{"status":"ok"}' >"$WEB_ROOT/alive"
echo '<!doctype html><title>OpenHands runtime (stand-in)</title>' >"$WEB_ROOT/index.html"

file="$WORKING_DIR/openhands-agent-$(hostname).txt"
if echo "written by the sandbox runtime stand-in for $USERNAME (uid $USER_ID)" >"$file" 2>/dev/null &&
  chmod 664 "$file" && chown "$USER_ID:$USER_ID" "$file"; then
  printf '{"file":"%s","uid":%s,"error":null}\n' "$file" "$USER_ID" >"$WEB_ROOT/agent-write"
else
  printf '{"file":"%s","uid":%s,"error":"cannot write or chown the file"}\n' "$file" "$USER_ID" >"$WEB_ROOT/agent-write"
fi

echo "openhands-runtime-stand-in listening on 0.0.0.0:$PORT, working directory $WORKING_DIR"
exec httpd -f -p "0.0.0.0:$PORT" -h "$WEB_ROOT"
