#!/usr/bin/env bash
# A generated client drives one whole interview: proof that /api/v1/openapi.json describes an
# API that clients generated from it can use. Installs openapi-python-client
# $OPENAPI_PYTHON_CLIENT_VERSION (PyPI) into a venv at .local/tools/openapi-python-client
# (once), starts the server binary on a free loopback port against a database of its own,
# generates a Python client from the served document and runs scripts/api-client.py with it:
# create, paste the CV, upload the job description, start, answer every question, end, ask
# for the report, poll until it is ready, read it, share it and open the shared link.
#
# Environment:
#   SERVER_BIN               the server binary (default target/release/server)
#   SITE_ROOT                its site directory (default target/site; the API needs no bundle)
#   API_CLIENT_DATABASE_URL  a database it may fill; when unset, the local PostgreSQL's
#                            interview_simulator_apiclient, recreated on every run
# Output: target/api-client/ (the document, the generated client, the server log).
set -euo pipefail

OPENAPI_PYTHON_CLIENT_VERSION=${OPENAPI_PYTHON_CLIENT_VERSION:-0.29.1}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
venv="$root/.local/tools/openapi-python-client"
python="$venv/bin/python"
server_bin=${SERVER_BIN:-$root/target/release/server}
out="$root/target/api-client"

# The generator, pinned; its dependencies (httpx, attrs, python-dateutil) are also what the
# generated client needs, so the client runs in the same venv.
if [ "$("$venv/bin/openapi-python-client" --version 2>/dev/null)" != "openapi-python-client version: $OPENAPI_PYTHON_CLIENT_VERSION" ]; then
  command -v python3 >/dev/null || "$root/scripts/install-packages.sh" python3
  if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
    "$root/scripts/install-packages.sh" python3-venv
  fi
  echo "Installing openapi-python-client $OPENAPI_PYTHON_CLIENT_VERSION into $venv (a minute, once)" >&2
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "openapi-python-client==$OPENAPI_PYTHON_CLIENT_VERSION"
fi

[ -x "$server_bin" ] || { echo "no server binary at $server_bin (make build)" >&2; exit 1; }

if [ -z "${API_CLIENT_DATABASE_URL:-}" ]; then
  "$root/scripts/local-postgres.sh" --recreate interview_simulator_apiclient
  API_CLIENT_DATABASE_URL="postgres://postgres@127.0.0.1:${PG_PORT:-5433}/interview_simulator_apiclient"
fi

rm -rf "$out"
mkdir -p "$out"
log="$out/server.log"
. "$root/scripts/lib/serve-release.sh"
# The rate limits stay on: one interview is well within them, as it must be for a person.
serve_release "$API_CLIENT_DATABASE_URL" "$log"

# The document as served, and a client from it. The generator's warnings (a schema or an
# operation it skipped) fail the run: a client missing a piece is not a working client.
"$python" -c 'import sys, urllib.request; sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[1]).read())' \
  "$base/api/v1/openapi.json" >"$out/openapi.json"
generated=$(cd "$out" && PATH="$venv/bin:$PATH" "$venv/bin/openapi-python-client" generate \
  --path "$out/openapi.json" --meta none --output-path "$out/interview_simulator_client" 2>&1) || {
  echo "$generated" >&2
  echo "api-client FAILED: the client could not be generated" >&2
  exit 1
}
if grep -qi 'warning' <<<"$generated"; then
  echo "$generated" >&2
  echo "api-client FAILED: the generator skipped parts of the document" >&2
  exit 1
fi

status=0
PYTHONPATH="$out" "$python" "$root/scripts/api-client.py" "$base" || status=$?

finish_run api-client "$status" "api-client passed: a client generated from the OpenAPI document ran a whole interview"
