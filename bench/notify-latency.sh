#!/usr/bin/env bash
# Notification delivery latency: case change commit -> LINE stand-in accepted the push (p50/p90/p99/max).
#   bench/notify-latency.sh                      # 300 new cases at 20/s
#   bench/notify-latency.sh --count 1000 --rate 50
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/ItaBot.Benchmarks -c Release -nologo -v q
dotnet bench/ItaBot.Benchmarks/bin/Release/net10.0/ItaBot.Benchmarks.dll notify "$@"
