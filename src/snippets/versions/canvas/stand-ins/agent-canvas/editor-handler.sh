# Request handler of the editor stand-in (openvscode-server), sourced by http-server.sh once
# per connection. Modelled from VS Code's server, which openvscode-server is built from
# (microsoft/vscode 029fcb70dbd56e8e96a2fbb9dce08c4ebbd66c3b
# src/vs/server/node/remoteExtensionHostAgentServer.ts, handleRequest): only GET is served
# (405 otherwise); /version answers without a token; every other path needs the connection
# token, as the query parameter tkn or the cookie vscode-tkn
# (src/vs/server/node/serverConnectionToken.ts), else 403 "Forbidden.". That commit is VS
# Code's, not the one openvscode-server v1.98.2 was built from: openvscode-server's own source
# could not be read here (its snapshot is over this machine's size limit). With a valid token
# the real server sets the cookie and redirects, or serves the workbench; here it answers 200
# with a stand-in page. Claims read only "403 without the token, not 403 with it".

handle() {
  if [ "$REQUEST_METHOD" != GET ]; then
    respond 405 text/plain "Unsupported method $REQUEST_METHOD"
    return
  fi
  if [ "$REQUEST_PATH" = /version ]; then
    respond 200 text/plain 'openvscode-server stand-in'
    return
  fi
  tkn=$(printf '&%s' "$QUERY_STRING" | sed -n 's/.*&tkn=\([^&]*\).*/\1/p')
  cookie=$(printf '; %s' "${HEADER_COOKIE:-}" | sed -n 's/.*; *vscode-tkn=\([^;]*\).*/\1/p')
  if [ -n "$EDITOR_CONNECTION_TOKEN" ] && { [ "$tkn" = "$EDITOR_CONNECTION_TOKEN" ] || [ "$cookie" = "$EDITOR_CONNECTION_TOKEN" ]; }; then
    respond 200 text/html '<!doctype html><title>openvscode-server stand-in</title>'
  else
    respond 403 text/plain 'Forbidden.'
  fi
}
