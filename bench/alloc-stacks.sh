#!/usr/bin/env bash
# Where a micro benchmark's bytes are allocated, by stack (issue 19): runs the benchmark, attaches dotnet-trace with the
# gc-verbose profile (the runtime's AllocationTick sample every ~100 KB, with its stack) for a while, then groups the
# samples by type, by frame (inclusive) and by stack (bench/alloc-stacks/). Allocation shares hold on a busy machine.
#   bench/alloc-stacks.sh                                   # QandATurnBenchmarks, 40 s of trace
#   bench/alloc-stacks.sh '*QandATurn*' 40 CompleteTurnAsync  # only the samples with that frame on their stack
# (Launching the benchmark under dotnet-trace hung it at BenchmarkDotNet's export step; attaching to it works.)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
filter=${1:-*QandATurn*}; seconds=${2:-40}; frame=${3:-}
[ "$seconds" -le 59 ] || { echo "alloc-stacks: at most 59 seconds of trace" >&2; exit 1; }
export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-trace >/dev/null || dotnet tool install -g dotnet-trace >/dev/null
dotnet build bench/ItaBot.Benchmarks -c Release -nologo -v q >/dev/null
dotnet build bench/alloc-stacks -c Release -nologo -v q >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet bench/ItaBot.Benchmarks/bin/Release/net10.0/ItaBot.Benchmarks.dll micro --filter "$filter" --invocationCount 256 --unrollFactor 1 > "$out/bench.log" 2>&1 &
pid=$!
sleep 15        # set-up and the first warm-up iterations
dotnet-trace collect -p "$pid" --profile gc-verbose --duration "00:00:00:$(printf %02d "$seconds")" -o "$out/trace.nettrace" > "$out/trace.log" 2>&1
wait "$pid" || true
grep -E "per turn over|Allocated" "$out/bench.log" || true
dotnet bench/alloc-stacks/bin/Release/net10.0/AllocStacks.dll "$out/trace.nettrace" 8 40 ${frame:+"$frame"}
