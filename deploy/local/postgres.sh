#!/usr/bin/env bash
# A PostgreSQL server for the tests and benchmarks on 127.0.0.1:5432, database "test".
#
# Uses a server that already answers there; otherwise installs Debian's postgresql when
# it is missing, creates a cluster "duuni" that trusts local connections (a test server:
# nothing in it is kept) and starts it. Prints the DATABASE_URL to use.
set -euo pipefail

PORT="${DUUNI_TEST_PG_PORT:-5432}"
URL="postgresql+psycopg://postgres@127.0.0.1:${PORT}/test"
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

answers() { pg_isready -q -h 127.0.0.1 -p "$PORT" 2>/dev/null; }

if ! command -v pg_isready >/dev/null 2>&1 || ! command -v pg_createcluster >/dev/null 2>&1; then
    echo "installing PostgreSQL (Debian's postgresql)…" >&2
    $SUDO apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi

if ! answers; then
    VERSION="$(ls /usr/lib/postgresql | sort -V | tail -1)"
    # Debian's own cluster may hold the port in its configuration without running.
    if ! pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "duuni" { found = 1 } END { exit !found }'; then
        echo "creating the PostgreSQL $VERSION cluster 'duuni' on port $PORT…" >&2
        $SUDO pg_createcluster "$VERSION" duuni -p "$PORT" -- --auth=trust >/dev/null
    fi
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$VERSION" duuni start
    for _ in $(seq 1 50); do answers && break; sleep 0.2; done
    answers || { echo "PostgreSQL did not start on port $PORT" >&2; exit 1; }
fi

if ! psql -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" postgres | grep -q 1; then
    psql -q -h 127.0.0.1 -p "$PORT" -U postgres -c "CREATE DATABASE test" postgres
fi
echo "$URL"
