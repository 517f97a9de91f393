#!/usr/bin/env bash
# Property-based tests of the JSON API with schemathesis (scripts/install-schemathesis.sh):
# starts the server binary on a free loopback port against a database of its own, lets
# schemathesis generate requests from /api/v1/openapi.json, and fails on any 5xx or any
# response the document does not describe (status, content type, headers, body schema).
#
# Environment:
#   SERVER_BIN             the server binary (default target/release/server)
#   SITE_ROOT              its site directory (default target/site; the API needs no bundle)
#   API_FUZZ_DATABASE_URL  a database it may fill; when unset, the local PostgreSQL's
#                          interview_simulator_apifuzz, recreated on every run
#   API_FUZZ_EXAMPLES      test cases per operation and phase (default 100)
#   API_FUZZ_SEED          a seed, to replay a run (default: random; the run prints it)
#   API_FUZZ_PHASES        schemathesis phases (default examples,coverage,fuzzing,stateful)
#   API_FUZZ_REPORTS       report formats (default junit,ndjson; `vcr` records every request)
# Output: target/api-fuzz/ (the server log, and schemathesis's JUnit and NDJSON reports).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
schemathesis="$root/.local/tools/schemathesis/bin/schemathesis"
python="$root/.local/tools/schemathesis/bin/python"
server_bin=${SERVER_BIN:-$root/target/release/server}
examples=${API_FUZZ_EXAMPLES:-100}
out="$root/target/api-fuzz"

[ -x "$schemathesis" ] || { echo "schemathesis missing: run scripts/install-schemathesis.sh" >&2; exit 1; }
[ -x "$server_bin" ] || { echo "no server binary at $server_bin (make build)" >&2; exit 1; }

if [ -z "${API_FUZZ_DATABASE_URL:-}" ]; then
  "$root/scripts/local-postgres.sh" --recreate interview_simulator_apifuzz
  API_FUZZ_DATABASE_URL="postgres://postgres@127.0.0.1:${PG_PORT:-5433}/interview_simulator_apifuzz"
fi

# Reports of the last run only; schemathesis keeps its cache of failures found (replayed
# first on the next run) in $out/.schemathesis.
mkdir -p "$out"
rm -f "$out"/*.xml "$out"/*.ndjson "$out"/*.yaml "$out"/*.har "$out/server.log"
log="$out/server.log"
. "$root/scripts/lib/serve-release.sh"
# RATE_LIMITS=off: schemathesis sends far more requests than one person may.
serve_release "$API_FUZZ_DATABASE_URL" "$log" RATE_LIMITS=off

# One owner for the whole run, so interviews created by one request are found by the next
# (without it every request would be a new anonymous owner and meet only 404s).
owner=$("$python" -c 'import base64, secrets; print(base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode())')

seed_args=()
[ -n "${API_FUZZ_SEED:-}" ] && seed_args=(--seed "$API_FUZZ_SEED")

status=0
started=$(date +%s)
# Checks: a 5xx, a status, content type, header or body the document does not describe; in
# chains, a resource deleted that is still there, or one created that cannot be read.
# Phases: examples, coverage (boundary and invalid values of every parameter), fuzzing and
# stateful (chains of calls through the document's links). One worker: with two threads,
# hypothesis parses sources for its lambda descriptions concurrently, and Python 3.11's ast
# module keeps its recursion depth in state the threads share ("AST constructor recursion depth
# mismatch", a crash of the tool, not a finding); one worker takes as long here.
(cd "$out" && timeout 300 "$schemathesis" --config-file "$root/scripts/api-fuzz.toml" run "$base/api/v1/openapi.json" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,use_after_free,ensure_resource_availability \
  --phases ${API_FUZZ_PHASES:-examples,coverage,fuzzing,stateful} \
  --max-examples "$examples" \
  --workers 1 \
  --request-timeout 30 \
  --generation-database none \
  --header "Cookie: owner=$owner" \
  --suppress-health-check too_slow,filter_too_much \
  --report ${API_FUZZ_REPORTS:-junit,ndjson} --report-dir "$out" \
  --no-color \
  "${seed_args[@]}") || status=$?
echo "schemathesis ran for $(( $(date +%s) - started )) s"

finish_run api-fuzz "$status" "api-fuzz passed: no 5xx, every response as documented"
