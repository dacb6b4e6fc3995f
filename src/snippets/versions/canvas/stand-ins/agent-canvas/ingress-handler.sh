# Request handler of the ingress stand-in (static-server-stand-in.sh), sourced by http-server.sh
# once per connection. It models Agent Canvas 1.12.0 (OpenHands/OpenHands release commit
# 4d0fe4983b6b8e52c104c7ffa4b7be8c7ab5a364) scripts/static-server.mjs and
# scripts/proxy-utils.mjs; "line N" means a line of static-server.mjs unless said otherwise.
#
# Order, as upstream's request handler (lines 560-589): a path matching a --route prefix is
# proxied; everything else is static. Two harness hooks come first and are NOT upstream
# endpoints: GET /status and GET /agent-write (on the real image both would be 308 redirects
# to /canvas/status and /canvas/agent-write).
# Not modelled: GET/HEAD /server_info, which 1.12.0 no longer passes through as is when the
# entrypoint gives --runtime-services-info (it always does): the ingress fetches the agent
# server's answer and adds a runtime_services field, the JSON of that flag, with
# Cache-Control no-store (lines 563-570; proxy-utils.mjs lines 64-185), and a refused
# connection there gives the same "Bad Gateway: <message>" body without a Content-Type
# (proxy-utils.mjs lines 158-168). Here /server_info is proxied like any other path, so it
# lacks that field and keeps the other paths' 502.

. /opt/agent-canvas-standin/standin-lib.sh

# Writes a response with optional extra header lines; no body for HEAD.
respond_with() {
  r_status=$1 r_type=$2 r_body=$3
  shift 3
  r_length=$(printf '%s' "$r_body" | wc -c)
  printf 'HTTP/1.0 %s\r\n' "$r_status"
  [ -n "$r_type" ] && printf 'Content-Type: %s\r\n' "$r_type"
  for r_header in "$@"; do printf '%s\r\n' "$r_header"; done
  printf 'Content-Length: %s\r\nConnection: close\r\n\r\n' "$r_length"
  [ "$REQUEST_METHOD" = HEAD ] || printf '%s' "$r_body"
}

is_get_or_head() { [ "$REQUEST_METHOD" = GET ] || [ "$REQUEST_METHOD" = HEAD ]; }

# matchesPathPrefix (proxy-utils.mjs lines 14-20), on the raw URL with its query.
matches_prefix() {
  case $1 in "$2" | "$2"/* | "$2"\?*) return 0 ;; esac
  return 1
}

# looksLikeAssetRequest (lines 49-74, 413-416): the last path segment has a known extension.
looks_like_asset() {
  last=${1##*/}
  case $last in *.*) ;; *) return 1 ;; esac
  ext=$(printf '%s' ".${last##*.}" | tr 'A-Z' 'a-z')
  case $ext in
    .br | .css | .gif | .gz | .html | .htm | .ico | .jpeg | .jpg | .js | .json | .map | .mjs | .mp3 | .png | .svg | .ttf | .txt | .wav | .webmanifest | .webp | .woff | .woff2 | .xml) return 0 ;;
  esac
  return 1
}

# notFound (lines 427-430)
not_found() { respond_with '404 Not Found' 'text/plain; charset=utf-8' 'Not Found'; }

not_modelled() {
  respond_with '501 Not Implemented' 'application/json' \
    "{\"standin\":\"harness stand-in answer: $1 is not modelled by the agent-canvas stand-in\"}"
}

# makeConfigInjectionScript (lines 272-330): the key as a window global and in localStorage,
# the auth-required flag, the base path. (runtimeServicesInfo, lines 305-313, which the real
# image always injects, and lockToCloud: not modelled.)
injection_script() {
  parts=
  if [ -n "$INGRESS_SESSION_KEY" ]; then
    lit=$(json_string_always "$INGRESS_SESSION_KEY")
    parts="window.__AGENT_CANVAS_SESSION_API_KEY__=$lit;"
    parts="${parts}try{var _k='openhands-agent-server-config',_c=JSON.parse(localStorage.getItem(_k)||'{}');if(_c.sessionApiKey!==$lit){_c.sessionApiKey=$lit;localStorage.setItem(_k,JSON.stringify(_c));}}catch(e){}"
  fi
  [ "$INGRESS_AUTH_REQUIRED" = true ] && parts="${parts}window.__AGENT_CANVAS_AUTH_REQUIRED__=true;"
  [ "$INGRESS_BASE_PATH" != / ] && parts="${parts}window.__AGENT_CANVAS_BASE_PATH__=$(json_string_always "$INGRESS_BASE_PATH");"
  [ -n "$parts" ] && printf '<script>(function(){%s}());</script>' "$parts"
}

# serveInjectedIndexHtml (lines 336-382): the script goes right before the first </head>
# (else </body>, else in front), for every client - no check of who is asking.
serve_injected_index() {
  index="$INGRESS_DIR/index.html"
  [ -r "$index" ] || return 1
  page=$(SCRIPT=$(injection_script) awk '
    BEGIN { s = ENVIRON["SCRIPT"] }
    { text = (NR > 1 ? text "\n" : "") $0 }
    END {
      p = index(text, "</head>"); if (!p) p = index(text, "</body>")
      if (p) text = substr(text, 1, p - 1) s "\n" substr(text, p)
      else text = s text
      printf "%s", text
    }' "$index")
  respond_with '200 OK' 'text/html; charset=utf-8' "$page" 'Cache-Control: no-cache'
}

# proxyHttp (proxy-utils.mjs lines 239-266): forward to the backend; a backend that refuses
# the connection gives 502 "Bad Gateway: <error message>" (writeProxyError, lines 196-204). The
# message is Node's for a refused connect ("connect ECONNREFUSED 127.0.0.1:<port>", as Node
# prints it). Forwarded: method, URL, body, and the headers the modelled backends read
# (X-Session-API-Key, Cookie, Content-Type); Host becomes the target (changeOrigin: true).
proxy_to() {
  backend=$1
  hostport=${backend#*://}
  hostport=${hostport%%/*}
  b_host=${hostport%:*}
  b_port=${hostport##*:}
  if ! port_listening "$b_port"; then
    message="connect ECONNREFUSED $b_host:$b_port"
    echo "[static:$INGRESS_PORT] Proxy error -> $backend: $message" >&2
    respond_with '502 Bad Gateway' 'text/plain; charset=utf-8' "Bad Gateway: $message"
    return
  fi
  {
    printf '%s %s HTTP/1.0\r\n' "$REQUEST_METHOD" "$url"
    printf 'Host: %s\r\n' "$hostport"
    [ -n "${HEADER_X_SESSION_API_KEY+set}" ] && printf 'X-Session-API-Key: %s\r\n' "$HEADER_X_SESSION_API_KEY"
    [ -n "${HEADER_COOKIE+set}" ] && printf 'Cookie: %s\r\n' "$HEADER_COOKIE"
    [ -n "${HEADER_CONTENT_TYPE+set}" ] && printf 'Content-Type: %s\r\n' "$HEADER_CONTENT_TYPE"
    printf 'Content-Length: %s\r\n\r\n' "$(printf '%s' "$REQUEST_BODY" | wc -c)"
    printf '%s' "$REQUEST_BODY"
  } | timeout 130 nc "$b_host" "$b_port"
}

handle() {
  url=$REQUEST_PATH
  [ -n "$QUERY_STRING" ] && url="$REQUEST_PATH?$QUERY_STRING"

  # Harness hooks (not upstream).
  if [ "$REQUEST_METHOD" = GET ] && [ "$REQUEST_PATH" = /status ]; then
    respond_with '200 OK' application/json "$(status_json)"
    return
  fi
  if [ "$REQUEST_METHOD" = GET ] && [ "$REQUEST_PATH" = /agent-write ]; then
    respond_with '200 OK' application/json "$(cat "$STANDIN_STATE/agent-writes.json" 2>/dev/null || echo '[]')"
    return
  fi

  # Proxied prefixes, longest first (createRouter).
  backend=$(printf '%s\n' "$INGRESS_ROUTES" | while IFS= read -r route; do
    [ -n "$route" ] || continue
    if matches_prefix "$url" "${route%%=*}"; then printf '%s' "${route#*=}"; break; fi
  done)
  if [ -n "$backend" ]; then
    proxy_to "$backend"
    return
  fi

  # handleStatic (lines 483-537). Percent-decoding of the path (parseUrlPath) is not modelled.
  base=$INGRESS_BASE_PATH
  path=$REQUEST_PATH
  mounted=false
  if [ "$base" = / ] || [ "$path" = "$base" ]; then mounted=true; else case $path in "$base"/*) mounted=true ;; esac; fi

  if [ "$mounted" = false ]; then
    # redirectToMountedPath (lines 449-460): GET/HEAD of a non-asset path gets 308 to
    # <base><path>[?query]; anything else outside the mount is 404.
    if is_get_or_head && ! looks_like_asset "$path"; then
      location="$base$path"
      [ -n "$QUERY_STRING" ] && location="$location?$QUERY_STRING"
      respond_with '308 Permanent Redirect' '' '' "Location: $location"
    else
      not_found
    fi
    return
  fi

  mounted_path=${path#"$base"}
  [ "$base" = / ] && mounted_path=$path
  [ -z "$mounted_path" ] && mounted_path=/
  case $mounted_path in /*) ;; *) mounted_path="/$mounted_path" ;; esac

  if ! is_get_or_head; then
    not_modelled "$REQUEST_METHOD under the static mount"
    return
  fi
  # index.html with the runtime config injected (lines 508-518), and the SPA fallback for
  # any non-asset path (lines 523-536). The stand-in's frontend holds only index.html, so an
  # asset path (the real build's JS, CSS, icons, locales) is 404 here.
  if [ "$mounted_path" = / ] || [ "$mounted_path" = /index.html ] || ! looks_like_asset "$mounted_path"; then
    serve_injected_index || not_found
    return
  fi
  not_found
}
