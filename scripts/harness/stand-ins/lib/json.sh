# JSON for the stand-ins' status and API answers, in busybox sh (sourced from
# /usr/local/lib/openhands-guide/json.sh). One copy for every version: the copies that lived in
# each stand-in had drifted (one escaped ESC, the others did not).

# A JSON string literal of $1, or null when it is empty: backslash, quote and tab escaped,
# newlines as \n, CR dropped, ESC (the colour codes of a log line) as \u001b, as JSON requires
# of control characters.
json_string() {
  if [ -z "$1" ]; then echo null; return; fi
  printf '%s' "$1" | awk 'BEGIN { ORS = ""; printf "\"" }
    { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\r/, ""); gsub(/\033/, "\\u001b"); if (NR > 1) printf "\\n"; printf "%s", $0 }
    END { printf "\"" }'
}
