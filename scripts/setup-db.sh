#!/usr/bin/env bash
# Makes the local database ready: starts PostgreSQL when it is down, gives the current user a
# role, creates the `fabrique` database with the postgis, unaccent and pg_trgm extensions
# (also in template1, so that test databases have them). Idempotent.
# With DATABASE_URL set, the database is yours to provide: nothing is done here.
set -euo pipefail
DB_NAME=${DB_NAME:-fabrique}
EXTENSIONS="CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;"

if [ -n "${DATABASE_URL:-}" ]; then
  echo "==> DATABASE_URL is set: using that database as it is"
  exit 0
fi

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sudo -u postgres sh -c "$*"; fi
}
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q .; then
  echo "==> creating the PostgreSQL $version cluster"
  as_root pg_createcluster "$version" main
fi
pg_lsclusters -h | while read -r ver cluster _port status _rest; do
  if [ "$status" != "online" ]; then
    echo "==> starting PostgreSQL $ver/$cluster"
    as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$cluster" start
  fi
done
for _ in $(seq 1 30); do pg_isready -q && break; sleep 0.5; done

me=$(id -un)
if ! psql -d postgres -Atqc "SELECT 1" >/dev/null 2>&1; then
  echo "==> creating the PostgreSQL role $me"
  as_postgres "createuser --superuser '$me'" 2>/dev/null || true
  psql -d postgres -Atqc "SELECT 1" >/dev/null
fi

if [ "$(psql -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != "1" ]; then
  echo "==> creating the database $DB_NAME"
  createdb "$DB_NAME"
fi
for db in template1 "$DB_NAME"; do
  PGOPTIONS="-c client_min_messages=warning" psql -d "$db" -q -v ON_ERROR_STOP=1 -c "$EXTENSIONS"
done
echo "==> database $DB_NAME ready (PostGIS $(psql -d "$DB_NAME" -Atqc 'SELECT postgis_lib_version()'))"
