#!/usr/bin/env bash
# Side by side on the same machine, in the same run: LINE's official Node SDK echo bot (express + @line/bot-sdk
# middleware, replying before it answers 200) and ItaBot (durable inbox, answers 200 after the commit), both
# against the same Node LINE stand-in, both driven by wrk -t2 -c32 -d10s with pre-signed unique-event bodies.
# The peer's code is used from ../shared/peer at run time, copied to a scratch directory outside the repository
# (npm install there); nothing of it is committed.
#
# With --provider postgresql ItaBot runs on a throw-away PostgreSQL cluster (bench/pg-cluster.sh: the server's durable
# defaults, a fresh database), with --nodes 2 as two processes on the same database (each its own port and data
# directory, the same key-ring key and vault KEK), wrk's two threads one per node (bench/wrk-nodes.lua): 16 connections
# each, as a load balancer spreading connections would. ItaBot's CPU is summed over the nodes, PostgreSQL's own CPU
# (postmaster, backends, background workers) is printed beside it, and exactly-once is checked against the database:
# every event in the inbox table answered once (replies + pushes = rows, no rejected reply, no duplicate push).
#
#   bench/peer-compare.sh
#   bench/peer-compare.sh --provider postgresql --nodes 1
#   bench/peer-compare.sh --provider postgresql --nodes 2
#   PEER_SCRATCH=/tmp/x WRK_DURATION=10s bench/peer-compare.sh
#   PG_STATEMENTS=1 WRK_DURATION=3s bench/peer-compare.sh --provider postgresql --nodes 1   # + the server's statements in the drain
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
PROVIDER=litedb
NODES=1
while [ $# -gt 0 ]; do
  case "$1" in
    --provider) PROVIDER=$(echo "$2" | tr '[:upper:]' '[:lower:]'); shift 2 ;;
    --nodes) NODES=$2; shift 2 ;;
    *) echo "usage: $0 [--provider litedb|postgresql] [--nodes 1|2]" >&2; exit 2 ;;
  esac
done
case "$PROVIDER" in litedb|postgresql) ;; *) echo "--provider litedb|postgresql" >&2; exit 2 ;; esac
# wrk runs two threads (as for the echo bot); the peer's script starts them half the bodies apart, so at most two nodes.
case "$NODES" in 1|2) ;; *) echo "--nodes 1|2" >&2; exit 2 ;; esac
if [ "$PROVIDER" != postgresql ] && [ "$NODES" != 1 ]; then echo "--nodes 2 needs --provider postgresql" >&2; exit 2; fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
PEER_SRC=${PEER_SRC:-$REPO/../shared/peer}
SCRATCH=${PEER_SCRATCH:-/tmp/itabot-peer}
LINE_PORT=${LINE_PORT:-18181}
PEER_PORT=${PEER_PORT:-18180}
ITABOT_PORT=${ITABOT_PORT:-18182}
WRK_DURATION=${WRK_DURATION:-10s}
SECRET=bench-secret
OUT=bench/out
mkdir -p "$OUT"

command -v wrk >/dev/null || { echo "installing wrk from Debian"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

# shellcheck source=bench/pg-cluster.sh
source bench/pg-cluster.sh
PIDS=()
DATA=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for dir in "${DATA[@]}"; do rm -rf "$dir"; done
  bench_pg_stop
}
trap cleanup EXIT INT TERM

# --- scratch copy of the peer, outside the repository ---
mkdir -p "$SCRATCH"
cp -f "$PEER_SRC"/*.js "$PEER_SRC"/*.lua "$PEER_SRC"/package.json "$SCRATCH"/
chmod u+w "$SCRATCH"/*
[ -d "$SCRATCH/node_modules/@line/bot-sdk" ] || (cd "$SCRATCH" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
# Separate bodies for each target, each made just before its run: every event unique, no reply token used twice,
# and event timestamps fresh (ItaBot pushes instead of replying when a token is older than its reply window, 50 s).
(cd "$SCRATCH" && node gen-bodies.js 150000 "$SECRET" bodies-peer.txt)

dotnet build src/ItaBot -c Release -nologo -v q >"$OUT/build-itabot.log" 2>&1 || { echo "ItaBot build failed, see $OUT/build-itabot.log" >&2; exit 1; }

wait_http() { # url: any HTTP answer will do (the echo bot has no GET route)
  for _ in $(seq 1 600); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "no answer from $1" >&2; return 1
}

# "name: N acked/s, p50 X, p99 Y" from wrk's output; acked = requests that were not non-2xx.
summarize() { # name wrk-output-file stand-in-counts [seconds from the load's start to the last answer]
  python3 - "$@" <<'PY'
import re, sys, json
name, path, counts = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
text = open(path).read()
req, secs = re.search(r"(\d+) requests in ([\d.]+)(m?s)", text).groups()[:2], None
m = re.search(r"(\d+) requests in ([\d.]+)(ms|s|m)\b", text)
requests = int(m.group(1)); dur = float(m.group(2)) * {"ms": 0.001, "s": 1, "m": 60}[m.group(3)]
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors = re.search(r"Socket errors: (.*)", text)
acked = requests - (int(bad.group(1)) if bad else 0)
def lat(p):
    v = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)" % p, text, re.M)
    return float(v.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[v.group(2)]
answered = counts.get("replies", 0) + counts.get("pushes", 0)
# answered/s: from the start of the load to the last answer (the echo bot answers inside its requests: the load's span).
last = float(sys.argv[4]) if len(sys.argv) > 4 else dur
print(f"{name}: {acked / dur:,.0f} acked/s, p50 {lat(50):.2f} ms, p99 {lat(99):.2f} ms, acked {acked:,}"
      f"{', non-2xx ' + bad.group(1) if bad else ''}{', socket errors ' + errors.group(1) if errors else ''}"
      f", answered {answered:,} at {answered / last:,.0f}/s (last answer {last:.1f} s after the load began; replies {counts.get('replies', 0):,}, pushes {counts.get('pushes', 0):,},"
      f" rejected {counts.get('rejectedReplies', 0):,}, duplicate pushes {counts.get('duplicatePushes', 0):,})")
PY
}

# --- the LINE stand-in (Node, from the peer folder), shared by both bots ---
(cd "$SCRATCH" && RECORD=0 PORT=$LINE_PORT exec node fake-line-api.js) >"$OUT/standin.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$LINE_PORT/__count"

# --- the Node SDK echo bot ---
(cd "$SCRATCH" && PORT=$PEER_PORT LINE_API=http://127.0.0.1:$LINE_PORT CHANNEL_SECRET=$SECRET exec node echo-bot.js) >"$OUT/peer.log" 2>&1 &
PEER_PID=$!
PIDS+=($PEER_PID)
wait_http "http://127.0.0.1:$PEER_PORT/webhook"
(cd "$SCRATCH" && wrk -t2 -c32 -d"$WRK_DURATION" --latency -s post-signed.lua "http://127.0.0.1:$PEER_PORT" -- /webhook bodies-peer.txt) >"$OUT/wrk-peer.txt"
sleep 1
PEER_COUNTS=$(curl -fs "http://127.0.0.1:$LINE_PORT/__count")
kill "$PEER_PID" 2>/dev/null || true
curl -fs -X POST "http://127.0.0.1:$LINE_PORT/__reset" >/dev/null

# --- ItaBot, fresh data directory per node (and a fresh PostgreSQL database) ---
STORE=()
if [ "$PROVIDER" = postgresql ]; then
  bench_pg_start "$OUT"
  PG_CONNECTION=$(bench_pg_create_db "bench_peer_$$")
  # PG_CONNECTION_EXTRA: settings appended to ItaBot's connection string (e.g. "Max Auto Prepare=64"), for an A/B.
  STORE=(ItaBot__Storage__Provider=PostgreSql "ConnectionStrings__ItaBot=$PG_CONNECTION${PG_CONNECTION_EXTRA:+;$PG_CONNECTION_EXTRA}")
fi
KEY_RING=$(head -c 32 /dev/urandom | base64)
KEK=$(head -c 32 /dev/urandom | base64)
ITABOT_PIDS=()
PORTS=()
for node in $(seq 1 "$NODES"); do
  port=$((ITABOT_PORT + node - 1))
  dir=$(mktemp -d /tmp/itabot-peer-data.XXXXXX)
  DATA+=("$dir")
  log="$OUT/itabot-peer-compare.log"
  if [ "$NODES" -gt 1 ]; then log="$OUT/itabot-peer-compare-node$node.log"; fi
  env ItaBot__Line__ChannelSecret=$SECRET ItaBot__Line__ChannelAccessToken=bench-token ItaBot__Staff__KeyRingKey="$KEY_RING" \
    ItaBot__Vault__Kek="$KEK" ASPNETCORE_ENVIRONMENT=Production "${STORE[@]}" \
    ItaBot__Line__ApiBaseUrl=http://127.0.0.1:$LINE_PORT/ ItaBot__Line__DataApiBaseUrl=http://127.0.0.1:$LINE_PORT/ \
    ItaBot__Storage__DataDirectory="$dir" ASPNETCORE_URLS=http://127.0.0.1:$port Logging__LogLevel__Default=Warning \
    dotnet src/ItaBot/bin/Release/net10.0/ItaBot.dll >"$log" 2>&1 &
  ITABOT_PIDS+=($!)
  PIDS+=($!)
  PORTS+=("$port")
  # One node at a time: the first creates the schema, the second finds it.
  wait_http "http://127.0.0.1:$port/healthz"
done
# Made once ItaBot is up: a start slowed by a busy machine must not age the events' reply tokens before the load begins.
(cd "$SCRATCH" && node gen-bodies.js 150000 "$SECRET" bodies-itabot.txt)
cpu_ms() { # summed over the ItaBot nodes
  local total=0 pid
  for pid in "${ITABOT_PIDS[@]}"; do
    total=$(( total + $(awk '{ printf "%d", ($14 + $15) * 1000 / '"$(getconf CLK_TCK)"' }' "/proc/$pid/stat") ))
  done
  echo "$total"
}
pg_cpu_ms() { if [ "$PROVIDER" = postgresql ]; then bench_pg_cpu_ms; else echo 0; fi; }
answered() { curl -fs "http://127.0.0.1:$LINE_PORT/__count" | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["replies"]+c["pushes"])'; }
drained() { # every node: inbox and outbox pending 0 (the database's, on PostgreSQL) and its processor's backlog 0
  local port h
  for port in "${PORTS[@]}"; do
    h=$(curl -fs "http://127.0.0.1:$port/healthz" || true)
    echo "$h" | python3 -c 'import json,sys; h=json.load(sys.stdin); sys.exit(0 if h["inbox"]["pending"]==0 and h["outbox"]["pending"]==0 and h["processor"]["backlog"]==0 else 1)' 2>/dev/null || return 1
  done
}
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
CPU_START=$(cpu_ms)
PG_CPU_START=$(pg_cpu_ms)
START_NS=$(date +%s%N)
(cd "$SCRATCH" && ITABOT_NODE_PORTS="${PORTS[*]}" wrk -t2 -c32 -d"$WRK_DURATION" --latency -s "$REPO/bench/wrk-nodes.lua" "http://127.0.0.1:$ITABOT_PORT" -- /webhook bodies-itabot.txt) >"$OUT/wrk-itabot.txt"
WRK_END_NS=$(date +%s%N)
CPU_LOAD=$(( $(cpu_ms) - CPU_START ))
PG_CPU_LOAD=$(( $(pg_cpu_ms) - PG_CPU_START ))
ANSWERED_IN_LOAD=$(answered)
# PG_STATEMENTS=1: the server's counters from here on cover the drain alone (turns and the drain loop's /healthz polls).
if [ "$PROVIDER" = postgresql ] && [ "${PG_STATEMENTS:-0}" = 1 ]; then bench_pg_stats_reset "bench_peer_$$"; fi
# Drain: nothing pending in the inbox, outbox or processor; the last answer is when the stand-in's count stopped growing.
LAST_NS=$WRK_END_NS; LAST_COUNT=$ANSWERED_IN_LOAD
for _ in $(seq 1 9000); do
  n=$(answered); [ "$n" != "$LAST_COUNT" ] && { LAST_COUNT=$n; LAST_NS=$(date +%s%N); }
  drained && break
  sleep 0.2
done
sleep 1
ITABOT_COUNTS=$(curl -fs "http://127.0.0.1:$LINE_PORT/__count")
CPU_DRAIN=$(( $(cpu_ms) - CPU_START - CPU_LOAD ))
PG_CPU_DRAIN=$(( $(pg_cpu_ms) - PG_CPU_START - PG_CPU_LOAD ))
RSS=0
for pid in "${ITABOT_PIDS[@]}"; do
  r=$(awk '/VmHWM/ {printf "%d", $2/1024}' "/proc/$pid/status")
  if [ "$r" -gt "$RSS" ]; then RSS=$r; fi
done
STORED=0
if [ "$PROVIDER" = postgresql ]; then
  STORED=$($PG_AS "$PG_BIN/psql" -qAt -h 127.0.0.1 -p "$PG_PORT" -U itabot -d "bench_peer_$$" -c "select count(*) from inbox")
fi
LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)

WHAT="itabot durable-inbox (peak RSS ${RSS} MB)"
if [ "$PROVIDER" = postgresql ] && [ "$NODES" -gt 1 ]; then WHAT="itabot on PostgreSQL, $NODES nodes (peak RSS ${RSS} MB, the highest node's)"
elif [ "$PROVIDER" = postgresql ]; then WHAT="itabot on PostgreSQL, 1 node (peak RSS ${RSS} MB)"; fi
echo "same machine ($(nproc) cores), wrk -t2 -c32 -d$WRK_DURATION, one-event signed bodies, Node LINE stand-in on loopback:"
summarize "node @line/bot-sdk echo bot (express)" "$OUT/wrk-peer.txt" "$PEER_COUNTS"
summarize "$WHAT" "$OUT/wrk-itabot.txt" "$ITABOT_COUNTS" "$(python3 -c "print(($LAST_NS - $START_NS) / 1e9)")"
RESULT=0
python3 - "$CPU_LOAD" "$CPU_DRAIN" "$ANSWERED_IN_LOAD" "$ITABOT_COUNTS" "$LOAD_BEFORE" "$LOAD_AFTER" "$PROVIDER" "$NODES" "$PG_CPU_LOAD" "$PG_CPU_DRAIN" "$STORED" "$OUT/wrk-itabot.txt" <<'PY' || RESULT=$?
import json, re, sys
load_ms, drain_ms, in_load, counts = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4])
provider, nodes, pg_load, pg_drain, rows = sys.argv[7], int(sys.argv[8]), int(sys.argv[9]), int(sys.argv[10]), int(sys.argv[11])
answered = counts["replies"] + counts["pushes"]
drained = answered - in_load
def per(ms, n): return f"{ms * 1000 / n:,.0f} us" if n > 0 else "-"
summed = ", summed over both nodes" if nodes > 1 else ""
print(f"  itabot CPU{summed}: {load_ms:,} ms during the load ({in_load:,} answered meanwhile), {drain_ms:,} ms in the drain for {drained:,} answers"
      f" ({per(drain_ms, drained) + ' CPU per turn in the drain' if drained > 0 else 'no drain'}); machine load (uptime) {sys.argv[5]} before, {sys.argv[6]} after")
if provider == "postgresql":
    print(f"  postgresql server CPU: {pg_load:,} ms during the load, {pg_drain:,} ms in the drain ({per(pg_drain, drained)} per turn in the drain);"
          f" itabot + server {per(drain_ms + pg_drain, drained)} per turn in the drain")
    text = open(sys.argv[12]).read()
    m = re.search(r"(\d+) requests in", text)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    acked = int(m.group(1)) - (int(bad.group(1)) if bad else 0)
    ok = answered == rows and rows >= acked and counts.get("rejectedReplies", 0) == 0 and counts.get("duplicatePushes", 0) == 0
    print(f"  exactly once: {'yes' if ok else 'NO'} ({rows:,} events in the inbox table, {acked:,} acknowledged to wrk, {answered:,} answered;"
          f" rejected replies {counts.get('rejectedReplies', 0)}, duplicate pushes {counts.get('duplicatePushes', 0)})")
    sys.exit(0 if ok else 1)
PY
if [ "$PROVIDER" = postgresql ] && [ "${PG_STATEMENTS:-0}" = 1 ]; then
  DRAINED=$(python3 -c "import json; c=json.loads('$ITABOT_COUNTS'); print(max(1, c['replies'] + c['pushes'] - $ANSWERED_IN_LOAD))")
  echo "  the server in the drain, per turn ($DRAINED turns; pg_stat_statements, pg_stat_wal, pg_stat_database):"
  bench_pg_stats_print "bench_peer_$$" "$DRAINED"
fi
exit $RESULT
