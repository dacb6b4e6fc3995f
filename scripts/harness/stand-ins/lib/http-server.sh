#!/bin/sh
# A small HTTP/1.0 server for the stand-in images, in busybox sh: `busybox nc -ll -p PORT -e`
# runs this file once per connection, with the connection on stdin and stdout. It reads the
# request line, the headers and a body of Content-Length bytes, then calls the image's own
# `handle` function (sourced from $HTTP_HANDLER) with these set:
#   REQUEST_METHOD, REQUEST_PATH (without the query), QUERY_STRING, REQUEST_BODY,
#   HEADER_<NAME> for each header (upper case, - as _), e.g. HEADER_X_SESSION_API_KEY.
# `handle` answers with `respond STATUS CONTENT_TYPE BODY`.
# Usage in an image: HTTP_HANDLER=/app/handler.sh exec nc -ll -p 3000 -e /lib/http-server.sh
# (busybox nc binds every address of the container; it has no option to choose one).

respond() {
  status=$1
  type=$2
  body=$3
  length=$(printf '%s' "$body" | wc -c)
  printf 'HTTP/1.0 %s\r\nContent-Type: %s\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s' "$status" "$type" "$length" "$body"
}

IFS= read -r line || exit 0
line=$(printf '%s' "$line" | tr -d '\r')
REQUEST_METHOD=${line%% *}
rest=${line#* }
target=${rest%% *}
REQUEST_PATH=${target%%\?*}
QUERY_STRING=
case $target in *\?*) QUERY_STRING=${target#*\?} ;; esac
length=0
while IFS= read -r header; do
  header=$(printf '%s' "$header" | tr -d '\r')
  [ -z "$header" ] && break
  name=$(printf '%s' "${header%%:*}" | tr 'a-z-' 'A-Z_' | tr -cd 'A-Z0-9_')
  value=${header#*:}
  value=${value# }
  eval "HEADER_$name=\$value"
  [ "$name" = CONTENT_LENGTH ] && length=$value
done
REQUEST_BODY=
if [ "$length" -gt 0 ] 2>/dev/null; then REQUEST_BODY=$(head -c "$length"); fi
export REQUEST_METHOD REQUEST_PATH QUERY_STRING REQUEST_BODY

. "$HTTP_HANDLER"
handle
