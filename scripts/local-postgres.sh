#!/usr/bin/env bash
# Starts (once) a project-local PostgreSQL cluster and creates the databases we need.
# Usage: scripts/local-postgres.sh [database ...]        start, create missing databases
#        scripts/local-postgres.sh --recreate database   drop and create it afresh (for e2e runs)
#        scripts/local-postgres.sh --stop                stop the server
# Safe to run repeatedly; quiet when there is nothing to do.
#
# Data lives in $PG_HOME: data/ and server.log. Default: .local/postgres in the project; as root,
# when the `postgres` user cannot reach the project directory (e.g. under /root), it is
# /var/lib/postgresql/interview-simulator instead.
# It listens on 127.0.0.1:$PG_PORT (default 5433) only, with trust authentication, which is fine
# for a loopback-only development database and keeps the set-up free of secrets.
# Works as root (runs PostgreSQL as the `postgres` system user, as initdb requires) and as a
# normal user (runs it as that user).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
PG_PORT=${PG_PORT:-5433}

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ]; then
  echo "PostgreSQL server binaries not found; run scripts/install-packages.sh postgresql" >&2
  exit 1
fi

if [ "$(id -u)" = 0 ]; then
  as_pg() { runuser -u postgres -- "$@"; }
  if [ -z "${PG_HOME:-}" ]; then
    PG_HOME=$root/.local/postgres
    runuser -u postgres -- test -x "$root" || PG_HOME=/var/lib/postgresql/interview-simulator
  fi
  mkdir -p "$PG_HOME"
  chown postgres:postgres "$PG_HOME"
else
  as_pg() { "$@"; }
  PG_HOME=${PG_HOME:-$root/.local/postgres}
  mkdir -p "$PG_HOME"
fi
data="$PG_HOME/data"

if [ "${1:-}" = --stop ]; then
  if [ -s "$data/PG_VERSION" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
  fi
  exit 0
fi
recreate=no
if [ "${1:-}" = --recreate ]; then
  recreate=yes
  shift
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

psql_admin() { PGOPTIONS='-c client_min_messages=warning' "$pg_bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -Atq "$@"; }
for db in "$@"; do
  if [ "$recreate" = yes ]; then
    psql_admin -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
  fi
  exists=$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$db'")
  if [ "$exists" != 1 ]; then
    "$pg_bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$db"
  fi
done
