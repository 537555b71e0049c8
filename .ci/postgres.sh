# Sourced by .ci/run and tests/load/run.sh: start a throwaway PostgreSQL cluster on
# 127.0.0.1:$PG_PORT, export DATABASE_URL for its database "idd", and stop it on exit.
# Installs the server as root if missing. PostgreSQL refuses to run as root: as root,
# the server runs as the postgres user.
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$PG_BIN" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  else
    echo "PostgreSQL server binaries are missing: apt-get install -y postgresql" >&2; exit 1
  fi
fi

PGDIR=$(mktemp -d)
PG_PORT=${PG_PORT:-54329}
PG_AS=()
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGDIR"; PG_AS=(runuser -u postgres --); fi
"${PG_AS[@]}" "$PG_BIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
"${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
  -o "-p $PG_PORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
  start >/dev/null
stop_postgres() { "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null || true; rm -rf "$PGDIR"; }
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres idd
export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/idd"
echo "== PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT"
