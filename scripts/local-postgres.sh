#!/usr/bin/env bash
# Starts (once) a project-local PostgreSQL cluster and creates the databases we need.
# Usage: scripts/local-postgres.sh [database ...]   prints nothing but errors; safe to run repeatedly.
#
# Data lives in $PG_HOME (default: .local/postgres in the project): data/ and server.log.
# It listens on 127.0.0.1:$PG_PORT (default 5433) only, with trust authentication, which is fine
# for a loopback-only development database and keeps the set-up free of secrets.
# Works as root (runs PostgreSQL as the `postgres` system user, as initdb requires) and as a
# normal user (runs it as that user).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
PG_HOME=${PG_HOME:-$root/.local/postgres}
PG_PORT=${PG_PORT:-5433}
data="$PG_HOME/data"

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ]; then
  echo "PostgreSQL server binaries not found; run scripts/install-packages.sh postgresql" >&2
  exit 1
fi

if [ "$(id -u)" = 0 ]; then
  as_pg() { runuser -u postgres -- "$@"; }
  mkdir -p "$PG_HOME"
  chown postgres:postgres "$PG_HOME"
else
  as_pg() { "$@"; }
  mkdir -p "$PG_HOME"
fi

if [ ! -s "$data/PG_VERSION" ]; then
  echo "Creating a PostgreSQL cluster in $data" >&2
  as_pg "$pg_bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi

if ! as_pg "$pg_bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  echo "Starting PostgreSQL on 127.0.0.1:$PG_PORT (log: $PG_HOME/server.log)" >&2
  as_pg "$pg_bin/pg_ctl" -D "$data" -l "$PG_HOME/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_HOME -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
fi

for db in "$@"; do
  exists=$("$pg_bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atc \
    "SELECT 1 FROM pg_database WHERE datname = '$db'")
  if [ "$exists" != 1 ]; then
    "$pg_bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$db"
  fi
done
