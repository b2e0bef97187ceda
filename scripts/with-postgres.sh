#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster: Debian's `postgresql` binaries
# (/usr/lib/postgresql/*/bin), a cluster in a temporary folder on a free port on 127.0.0.1,
# one database, its URL exported as COUNTERAPP_TEST_PORTAL_DB (what tests/sync/conftest.py and
# bench/portal_load.py read), then the cluster stopped and removed whatever the command did.
#   scripts/with-postgres.sh pytest tests/sync
# initdb refuses to run as root: as root the cluster runs as the `postgres` user (made by the
# package), or `nobody`. fsync is off: the cluster holds test data only.
set -euo pipefail
if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "PostgreSQL is not installed: apt-get install -y --no-install-recommends postgresql" >&2
    exit 2
fi
as_db=()
if [ "$(id -u)" = 0 ]; then
    if id postgres >/dev/null 2>&1; then as_db=(runuser -u postgres --); else as_db=(runuser -u nobody --); fi
fi
root="$(mktemp -d /tmp/counterapp-pg.XXXXXX)"
chmod 755 "$root"
[ "${#as_db[@]}" -eq 0 ] || chown "${as_db[2]}" "$root"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cleanup() {
    "${as_db[@]}" "$bindir/pg_ctl" -D "$root/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$root"
}
trap cleanup EXIT INT TERM
"${as_db[@]}" "$bindir/initdb" -D "$root/data" -U counter -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$root/initdb.log" 2>&1 \
    || { cat "$root/initdb.log" >&2; exit 2; }
"${as_db[@]}" "$bindir/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 30 start -o \
    "-p $port -k $root -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    >/dev/null || { cat "$root/server.log" >&2; exit 2; }
"${as_db[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U counter portal
export COUNTERAPP_TEST_PORTAL_DB="postgresql+psycopg://counter@127.0.0.1:$port/portal"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($COUNTERAPP_TEST_PORTAL_DB)" >&2
set +e
"$@"
rc=$?
set -e
exit "$rc"
