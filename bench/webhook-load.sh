#!/usr/bin/env bash
# Durable webhook throughput and acknowledgement latency of ItaBot, with an exactly-once check.
#
#   bench/webhook-load.sh                 # both modes: closed loop (max throughput) and open loop at 2,000 events/s
#   MODES=closed bench/webhook-load.sh    # one mode
#   CONNECTIONS=32 DURATION=10 RATE=2000 OPEN_CONNECTIONS=32 DRAIN_TIMEOUT=300 bench/webhook-load.sh
#   ItaBot__Storage__MaxBatch=64 bench/webhook-load.sh   # any ItaBot__* setting is passed on to the service
#   bench/webhook-load.sh --provider postgresql --nodes 2  # the same load on PostgreSQL, spread over 2 nodes (issue 18)
#
# With --provider postgresql the script starts a throw-away PostgreSQL cluster of its own on loopback (bench/pg-cluster.sh:
# Debian's postgresql, the server's durable defaults; PG_DURABLE=0 turns fsync and synchronous_commit off), a fresh
# database per mode, and removes it at the end.
#
# Per mode the load tool (bench/ItaBot.Benchmarks, command "load") starts our LINE stand-in (LineStandIn, real HTTP
# on 127.0.0.1) in its own process, starts a fresh ItaBot (Release build, empty temp data directory, Warning logs)
# pointed at it, sends signed one-event webhooks with unique webhookEventIds and reply tokens over raw keep-alive
# HTTP/1.1 connections, waits until /healthz shows nothing pending, checks per reply token that every acknowledged
# (HTTP 200) event got exactly one reply (or a push), reads ItaBot's VmHWM and prints one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

PROVIDER=litedb
NODES=1
while [ $# -gt 0 ]; do
  case "$1" in
    --provider) PROVIDER=$(echo "$2" | tr '[:upper:]' '[:lower:]'); shift 2 ;;
    --nodes) NODES=$2; shift 2 ;;
    *) echo "usage: $0 [--provider litedb|postgresql] [--nodes N]" >&2; exit 2 ;;
  esac
done
if [ "$PROVIDER" != postgresql ] && [ "$NODES" != 1 ]; then echo "--nodes above 1 needs --provider postgresql" >&2; exit 2; fi
MODES=${MODES:-"closed open"}
CONNECTIONS=${CONNECTIONS:-64}
OPEN_CONNECTIONS=${OPEN_CONNECTIONS:-32}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
RATE=${RATE:-2000}
DRAIN_TIMEOUT=${DRAIN_TIMEOUT:-300}
OUT=bench/out
mkdir -p "$OUT"
PIDS="$OUT/pids.$$"
# shellcheck source=bench/pg-cluster.sh
source bench/pg-cluster.sh
: > "$PIDS"

cleanup() {
  # Only what this script started: the load tool (its own process group) and the ItaBot processes it recorded.
  [ -n "${LOAD_PID:-}" ] && kill "$LOAD_PID" 2>/dev/null || true
  while read -r pid; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done < "$PIDS"
  rm -f "$PIDS"
  bench_pg_stop
}
trap cleanup EXIT INT TERM

build() {
  local tries=0
  until dotnet build src/ItaBot -c Release -nologo -v q >"$OUT/build-itabot.log" 2>&1 \
     && dotnet build bench/ItaBot.Benchmarks -c Release -nologo -v q >"$OUT/build-bench.log" 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -ge 5 ]; then echo "build failed, see $OUT/build-*.log" >&2; exit 1; fi
    echo "build failed (others may be mid-edit); retrying in 60 s" >&2
    sleep 60
  done
}
build

if [ "$PROVIDER" = postgresql ]; then bench_pg_start "$OUT"; fi

TOOL=bench/ItaBot.Benchmarks/bin/Release/net10.0/ItaBot.Benchmarks.dll
DLL=src/ItaBot/bin/Release/net10.0/ItaBot.dll
status=0
for mode in $MODES; do
  if [ "$mode" = open ]; then
    args=(--mode open --rate "$RATE" --connections "$OPEN_CONNECTIONS")
  else
    args=(--mode closed --connections "$CONNECTIONS")
  fi
  if [ "$PROVIDER" = postgresql ]; then
    args+=(--nodes "$NODES" --connection-string "$(bench_pg_create_db "bench_${mode}_$$")")
  fi
  dotnet "$TOOL" load "${args[@]}" --duration "$DURATION" --warmup "$WARMUP" --drain-timeout "$DRAIN_TIMEOUT" \
    --itabot-dll "$DLL" --pid-file "$PIDS" --log-dir "$OUT" ${LABEL:+--label "$LABEL"} &
  LOAD_PID=$!
  wait "$LOAD_PID" || status=$?
  LOAD_PID=
done
exit "$status"
