# Sourced by the scripts that drive the release server over HTTP (api-fuzz.sh, api-client.sh).
# Needs $root, $python and $server_bin. `serve_release DATABASE_URL LOG [VAR=value ...]` starts
# the server on a free loopback port with the built-in offline interviewer only (nothing
# leaves the machine) and the given extra settings, waits until it is ready, sets $base, and
# stops the server when the script exits.

stop_server() {
  if [ -n "${server_pid:-}" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
}

serve_release() {
  local database_url=$1 log=$2
  shift 2
  local port
  port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  base="http://127.0.0.1:$port"
  env DATABASE_URL="$database_url" BIND_ADDR="127.0.0.1:$port" PUBLIC_URL="$base" \
    SITE_ROOT="${SITE_ROOT:-$root/target/site}" RUST_LOG=warn LOG_FORMAT=text \
    LLM_PROVIDERS= "$@" \
    "$server_bin" >"$log" 2>&1 &
  server_pid=$!
  trap stop_server EXIT
  local attempt
  for attempt in $(seq 1 300); do
    server_ready && return 0
    kill -0 "$server_pid" 2>/dev/null || { echo "the server exited:" >&2; tail -n 40 "$log" >&2; exit 1; }
    sleep 0.1
  done
  server_ready || { echo "the server did not become ready" >&2; tail -n 40 "$log" >&2; exit 1; }
}

server_ready() {
  "$python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$base/readyz" 2>/dev/null
}

# `finish_run NAME STATUS SUCCESS_LINE`: fails the run when STATUS is not 0, the server died, or
# it logged an error; shows the log's tail then.
finish_run() {
  local name=$1 status=$2 passed=$3
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "the server died during the run" >&2
    status=1
  fi
  if grep -qE 'ERROR|panicked' "$log"; then
    echo "the server logged errors during the run" >&2
    status=1
  fi
  if [ "$status" != 0 ]; then
    echo "$name FAILED (exit $status); server log tail ($log):" >&2
    tail -n 60 "$log" >&2
    exit "$status"
  fi
  echo "$passed"
}
