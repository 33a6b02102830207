#!/usr/bin/env bash
# The LiteDB store's page I/O per event in a short flood (issue 19, session 16): runs one closed-loop
# bench/webhook-load.sh (32 connections, DURATION s after the 2 s warm-up, then the drain), attaches `perf stat` to the
# ItaBot process it starts and counts its page writes (pwrite64: the log's pages at each commit and the checkpoint's
# copies into the data file), page reads (pread64: the checkpoint reading the log back, cache misses), log truncations
# (ftruncate: one per checkpoint), fsyncs, futex and sched_yield calls and context switches; samples the size of
# messaging-log.db every 0.5 s; prints them per event (acknowledged in the load and the warm-up, each also turned).
#
#   bench/store-syscalls.sh                                              # the defaults
#   bench/store-syscalls.sh ItaBot__Processing__Lanes=8           # an A/B
#   DURATION=10 CONNECTIONS=64 bench/store-syscalls.sh DOTNET_TieredPGO=1
#
# Needs perf (linux-perf) and root or perf_event_paranoid <= 1 for the syscall tracepoints. Prints `uptime` before and
# after: on a shared machine the rates are the load's, the counts per event much less so.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
stamp=$(date -u +%Y%m%d-%H%M%S)
log="$OUT/store-syscalls-$stamp"
echo "uptime before: $(uptime)"
before=$(ls "$OUT"/pids.* 2>/dev/null || true)
( env "$@" MODES=closed CONNECTIONS="${CONNECTIONS:-32}" DURATION="${DURATION:-4}" WARMUP=2 DRAIN_TIMEOUT="${DRAIN_TIMEOUT:-300}" \
    bench/webhook-load.sh > "$log.out" 2> "$log.err" ) &
load=$!
pid=
for _ in $(seq 1 1200); do
  pf=$(ls -t "$OUT"/pids.* 2>/dev/null | grep -vxF "${before:-none}" | head -1)
  [ -n "$pf" ] && pid=$(head -1 "$pf" 2>/dev/null)
  [ -n "$pid" ] && [ -d "/proc/$pid" ] && break
  sleep 0.5
done
if [ -z "$pid" ] || [ ! -d "/proc/$pid" ]; then echo "ItaBot did not start; see $log.err" >&2; wait "$load"; exit 1; fi
perf stat -x, -o "$log.perf" -p "$pid" -e syscalls:sys_enter_pwrite64,syscalls:sys_enter_pread64,syscalls:sys_enter_ftruncate,syscalls:sys_enter_fsync,syscalls:sys_enter_futex,syscalls:sys_enter_sched_yield,context-switches 2>/dev/null &
perf=$!
(
  largest=0
  while [ -d "/proc/$pid" ]; do
    for fd in /proc/"$pid"/fd/*; do
      case "$(readlink "$fd" 2>/dev/null)" in
        *messaging-log.db) size=$(stat -L -c %s "$fd" 2>/dev/null || echo 0); [ "$size" -gt "$largest" ] && largest=$size ;;
      esac
    done
    echo "$largest" > "$log.maxlog"
    sleep 0.5
  done
) &
sampler=$!
wait "$load"; status=$?
kill -INT "$perf" 2>/dev/null; wait "$perf" 2>/dev/null
wait "$sampler" 2>/dev/null
cat "$log.out"
grep -E "^\s+\[" "$log.err" || true
echo "uptime after: $(uptime)"
acked=$(grep -o 'acked [0-9,]* (measured' "$log.out" | head -1 | tr -dc 0-9)
warm=$(grep -o 'warm-up acked [0-9,]*' "$log.err" | head -1 | tr -dc 0-9)
events=$(( ${acked:-0} + ${warm:-0} ))
echo "ItaBot's system calls over warm-up + load + drain, ${events} events (perf stat -p $pid):"
awk -F, -v n="$events" '$1 ~ /^[0-9]+$/ { name=$3; sub(/^syscalls:sys_enter_/, "", name); printf "  %-16s %10d  %7.2f per event\n", name, $1, (n > 0 ? $1 / n : 0) }' "$log.perf"
echo "  largest messaging-log.db: $(( $(cat "$log.maxlog" 2>/dev/null || echo 0) / 1048576 )) MB"
exit "$status"
