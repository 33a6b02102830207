# Starts a throw-away PostgreSQL cluster on loopback for the tests and exports ITABOT_TEST_POSTGRES (an Npgsql connection
# string to its "postgres" database). Sourced by ./test.sh; a developer sources it too before a filtered test run:
#   source tests/postgres.sh        # prints the export line; the cluster stops when this shell exits
#   itabot_postgres_stop            # or stops it now
# Debian's PostgreSQL refuses to run as root: as root the cluster belongs to the postgres user (runuser), otherwise to
# the caller. Data, socket and log live in one temporary folder, removed at stop. fsync is off: nothing here must survive.

itabot_postgres_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

itabot_postgres_start() {
  local bin port as=()
  bin=$(itabot_postgres_bin) || { echo "tests/postgres.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2; return 1; }
  ITABOT_PG_DIR=$(mktemp -d /tmp/itabot-pg.XXXXXX)
  chmod 755 "$ITABOT_PG_DIR"
  if [ "$(id -u)" -eq 0 ]; then
    as=(runuser -u postgres --)
    chown postgres "$ITABOT_PG_DIR"
  fi
  # A free port: ask the kernel for one, then hope nobody takes it in the next second (pg_ctl fails clearly if so).
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null) \
    || port=$((20000 + RANDOM % 20000))
  "${as[@]}" "$bin/initdb" -D "$ITABOT_PG_DIR/data" -A trust -U itabot -E UTF8 --locale=C.UTF-8 >"$ITABOT_PG_DIR/initdb.log" 2>&1 \
    || { cat "$ITABOT_PG_DIR/initdb.log" >&2; return 1; }
  "${as[@]}" "$bin/pg_ctl" -D "$ITABOT_PG_DIR/data" -l "$ITABOT_PG_DIR/server.log" -w -t 60 \
    -o "-p $port -k $ITABOT_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null || { cat "$ITABOT_PG_DIR/server.log" >&2; return 1; }
  ITABOT_PG_BIN=$bin
  ITABOT_PG_AS="${as[*]}"
  export ITABOT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=itabot;Database=postgres"
  echo "export ITABOT_TEST_POSTGRES=\"$ITABOT_TEST_POSTGRES\""
}

itabot_postgres_stop() {
  [ -n "${ITABOT_PG_DIR:-}" ] || return 0
  # shellcheck disable=SC2086
  $ITABOT_PG_AS "$ITABOT_PG_BIN/pg_ctl" -D "$ITABOT_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$ITABOT_PG_DIR"
  unset ITABOT_PG_DIR ITABOT_TEST_POSTGRES
}

itabot_postgres_start && trap itabot_postgres_stop EXIT
