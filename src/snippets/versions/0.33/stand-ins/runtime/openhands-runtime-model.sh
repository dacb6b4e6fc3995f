#!/bin/sh
# Stand-in for the action execution server of the sandbox runtime image (All-Hands-AI/
# OpenHands@0.33.0 openhands/runtime/action_execution_server.py), started the way the app
# starts it (openhands/runtime/utils/command.py get_action_execution_server_startup_command):
#   openhands-runtime-model.sh PORT --working-dir DIR --username NAME --user-id UID
# What it models:
# - it serves HTTP on 0.0.0.0:PORT, and GET /alive answers 200 as the real server's /alive
#   does: that is what the app polls before it uses a runtime;
# - it creates the working directory (runtime_init.py init_user_and_working_directory:
#   `mkdir -p`), which is where the app mounts WORKSPACE_MOUNT_PATH (docker_runtime.py
#   _init_container, workspace_mount_path_in_sandbox = /workspace);
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
mkdir -p "$WEB_ROOT" "$WORKING_DIR"
echo '{"status":"ok"}' >"$WEB_ROOT/alive"
echo '<!doctype html><title>OpenHands runtime (model)</title>' >"$WEB_ROOT/index.html"

file="$WORKING_DIR/openhands-agent-$(hostname).txt"
if echo "written by the sandbox runtime model for $USERNAME (uid $USER_ID)" >"$file" 2>/dev/null &&
  chmod 664 "$file" && chown "$USER_ID:$USER_ID" "$file"; then
  printf '{"file":"%s","uid":%s,"error":null}\n' "$file" "$USER_ID" >"$WEB_ROOT/agent-write"
else
  printf '{"file":"%s","uid":%s,"error":"cannot write or chown the file"}\n' "$file" "$USER_ID" >"$WEB_ROOT/agent-write"
fi

echo "openhands-runtime-model listening on 0.0.0.0:$PORT, working directory $WORKING_DIR"
exec httpd -f -p "0.0.0.0:$PORT" -h "$WEB_ROOT"
