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
#
# PG_STATEMENTS=1 loads pg_stat_statements (with planning times, utility statements and I/O timing) for a look at where the
# server's time goes; it costs the server a little, so figures taken with it are not the plain run's:
#   bench_pg_stats_reset DB         # zeroes the statement, WAL and database counters (creates the extension in DB)
#   bench_pg_stats_print DB TURNS   # per statement per turn: calls, exec and plan time, rows, WAL bytes; commits and WAL flushes

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
  [ "${PG_STATEMENTS:-0}" = 1 ] && durable="$durable -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on \
    -c pg_stat_statements.track_utility=on -c pg_stat_statements.max=2000 -c track_io_timing=on -c track_wal_io_timing=on"
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

bench_pg_psql() { # DB SQL...: unaligned, tab-separated, no headers
  local db=$1; shift
  $PG_AS "$PG_BIN/psql" -qAtX -F $'\t' -h 127.0.0.1 -p "$PG_PORT" -U itabot -d "$db" "$@"
}

bench_pg_stats_reset() {
  bench_pg_psql "$1" -c "create extension if not exists pg_stat_statements" \
    -c "select pg_stat_statements_reset()" -c "select pg_stat_reset_shared('wal')" -c "select pg_stat_reset()" >/dev/null
}

bench_pg_stats_print() { # DB TURNS
  bench_pg_psql "$1" -v turns="$2" <<'SQL' | python3 -c '
import sys
rows = [l.rstrip("\n").split("\t") for l in sys.stdin if l.strip()]
print("%10s %12s %12s %12s %9s %10s %9s  %s" % ("calls/turn", "exec us/turn", "plan us/turn", "mean exec us", "rows/call", "WAL B/turn", "blks/call", "statement"))
for r in rows:
    if r[0] == "S":
        print(f"{float(r[1]):10.3f} {float(r[2]):12.1f} {float(r[3]):12.1f} {float(r[4]):12.1f} {float(r[5]):9.1f} {float(r[6]):10.0f} {float(r[7]):9.1f}  {r[8]}")
    else:
        print("  " + "  ".join(r[1:]))
'
\set t :turns
select 'S', calls::float8 / :t, total_exec_time * 1000 / :t, total_plan_time * 1000 / :t, mean_exec_time * 1000,
       rows::float8 / greatest(calls, 1), wal_bytes::float8 / :t, (shared_blks_hit + shared_blks_read)::float8 / greatest(calls, 1),
       case when length(q) <= 150 then q else left(q, 95) || ' … ' || right(q, 50) end
from pg_stat_statements, lateral (select regexp_replace(query, '\s+', ' ', 'g') as q) n
where dbid = (select oid from pg_database where datname = current_database()) and query not like '%pg_stat_%'
order by total_exec_time + total_plan_time desc limit 30;
select 'T', 'all statements per turn:', round((sum(calls)::float8 / :t)::numeric, 2) || ' calls', round((sum(total_exec_time) * 1000 / :t)::numeric, 0) || ' us exec',
       round((sum(total_plan_time) * 1000 / :t)::numeric, 0) || ' us plan', round((sum(wal_bytes)::float8 / :t)::numeric, 0) || ' WAL bytes'
from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database()) and query not like '%pg_stat_%';
select 'D', 'per turn:', round(xact_commit::numeric / :t, 2) || ' commits', round(xact_rollback::numeric / :t, 3) || ' rollbacks',
       round(tup_inserted::numeric / :t, 2) || ' rows inserted', round(tup_updated::numeric / :t, 2) || ' updated',
       round(tup_deleted::numeric / :t, 2) || ' deleted', round(tup_returned::numeric / :t, 0) || ' rows scanned', round(tup_fetched::numeric / :t, 1) || ' fetched'
from pg_stat_database where datname = current_database();
select 'W', 'WAL per turn:', round(wal_records::numeric / :t, 1) || ' records', round(wal_bytes::numeric / :t, 0) || ' bytes', round(wal_fpi::numeric / :t, 2) || ' full pages',
       round(wal_write::numeric / :t, 2) || ' writes', round(wal_sync::numeric / :t, 2) || ' flushes', round((wal_sync_time * 1000 / :t)::numeric, 0) || ' us flushing'
from pg_stat_wal;
select 'U', relname || ':', n_tup_ins || ' ins', n_tup_upd || ' upd (' || n_tup_hot_upd || ' HOT)', n_tup_del || ' del', autovacuum_count || ' autovacuums',
       autoanalyze_count || ' autoanalyzes', coalesce(seq_scan, 0) || ' seq scans (' || coalesce(seq_tup_read, 0) || ' rows)', coalesce(idx_scan, 0) || ' index scans'
from pg_stat_user_tables where n_tup_ins + n_tup_upd + n_tup_del + coalesce(seq_scan, 0) + coalesce(idx_scan, 0) > 0 order by relname;
select 'I', indexrelname || ':', idx_scan || ' scans', idx_tup_read || ' entries read' from pg_stat_user_indexes where relname in ('inbox', 'outbox', 'conversations', 'qa_log', 'lane_leases') order by relname, indexrelname;
SQL
}

bench_pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  $PG_AS "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=""
}
