# A throw-away PostgreSQL cluster for the bench scripts (sourced, not run): webhook-load.sh, peer-compare.sh and
# micro.sh's PostgreSQL benchmarks. Unlike the tests' cluster (tests/postgres.sh) it keeps the server's durable defaults
# (fsync and synchronous_commit on: LiteDB's figures are durable too); PG_DURABLE=0 turns them off, to see what the disk
# costs. Debian's PostgreSQL refuses to run as root: as root the cluster belongs to the postgres user (runuser).
#
#   source bench/pg-cluster.sh
#   bench_pg_start "$OUT"           # sets PG_BIN, PG_DIR, PG_PORT, PG_AS; initdb's log goes to $OUT/pg-initdb.log
#   bench_pg_create_db NAME         # prints the Npgsql connection string of a fresh database NAME
#   bench_pg_cpu_ms                 # the server's CPU so far in ms: the postmaster, its live backends and the reaped ones
#   bench_pg_stop                   # stops the cluster and removes its folder (call it from the script's EXIT trap)

bench_pg_start() {
  local out=${1:-bench/out} dir durable=""
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && PG_BIN=$dir; done
  [ -n "${PG_BIN:-}" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; return 1; }
  PG_DIR=$(mktemp -d /tmp/itabot-bench-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  PG_AS=""
  if [ "$(id -u)" -eq 0 ]; then PG_AS="runuser -u postgres --"; chown postgres "$PG_DIR"; fi
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  [ "${PG_DURABLE:-1}" = 0 ] && durable="-c fsync=off -c synchronous_commit=off"
  $PG_AS "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U itabot -E UTF8 --locale=C.UTF-8 >"$out/pg-initdb.log" 2>&1
  $PG_AS "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 $durable" start >/dev/null
}

bench_pg_create_db() {
  $PG_AS "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U itabot -d postgres -c "create database $1" >/dev/null
  echo "Host=127.0.0.1;Port=$PG_PORT;Username=itabot;Database=$1"
}

bench_pg_cpu_ms() {
  # utime+stime+cutime+cstime of the postmaster (a backend's CPU is added to cutime when it exits and is reaped) plus
  # utime+stime of its live children (backends, checkpointer, WAL writer, ...).
  local pm
  pm=$(head -1 "$PG_DIR/data/postmaster.pid" 2>/dev/null) || { echo 0; return; }
  python3 - "$pm" "$(getconf CLK_TCK)" <<'PY'
import os, sys
pm, hz = sys.argv[1], int(sys.argv[2])
def fields(pid):
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()
ticks = 0
try:
    s = fields(pm)
    ticks = sum(int(x) for x in s[11:15])
except OSError:
    pass
for pid in os.listdir("/proc"):
    if not pid.isdigit():
        continue
    try:
        s = fields(pid)
    except OSError:
        continue
    if s[1] == pm:
        ticks += int(s[11]) + int(s[12])
print(ticks * 1000 // hz)
PY
}

bench_pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  $PG_AS "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=""
}
