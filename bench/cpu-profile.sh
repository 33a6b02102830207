#!/usr/bin/env bash
# Where a LiteDB turn's CPU goes (issue 19, session 15): runs QandATurnBenchmarks (one free-text question turn, webhook
# in to reply sent and recorded, real LiteDB file, a LINE sink over loopback) and attaches `perf record -g` once the
# measured iterations start, then prints the share of samples per phase and the top frames (bench/cpu-phases.py).
# Needs Debian's `perf`; shares are meaningful on a busy machine even when times are not.
#   bench/cpu-profile.sh [OUTDIR] [invocationCount] [seconds]     # defaults: bench/out/cpu-profile 1024 30
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bench/out/cpu-profile}; n=${2:-1024}; secs=${3:-30}
mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/ItaBot.Benchmarks -c Release -nologo -v q >/dev/null
echo "load before: $(cat /proc/loadavg)"
# PerfMapEnabled writes /tmp/perf-PID.map (JIT code's names); EnableWriteXorExecute=0 keeps JIT code where perf finds it.
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 ITABOT_BENCH_PHASES=1 \
  dotnet bench/ItaBot.Benchmarks/bin/Release/net10.0/ItaBot.Benchmarks.dll micro --filter '*QandATurn*' \
  --invocationCount "$n" --unrollFactor 1 > "$out/bench.txt" 2>&1 &
bench=$!
until grep -q "WorkloadActual" "$out/bench.txt" 2>/dev/null; do kill -0 $bench 2>/dev/null || break; sleep 0.5; done
perf record -F 499 -g -p $bench -o "$out/perf.data" -- sleep "$secs" 2>/dev/null || true
wait $bench
echo "load after: $(cat /proc/loadavg)"
perf script -i "$out/perf.data" 2>/dev/null | python3 bench/cpu-phases.py --top 40 | tee "$out/phases.txt"
grep -E "ms per turn|over .* turns|^\| 'one" "$out/bench.txt"
