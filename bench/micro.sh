#!/usr/bin/env bash
# BenchmarkDotNet micro-benchmarks (short in-process job, a few minutes in all):
#   WebhookBenchmarks      signature check, envelope split, menu validation on a ~600-byte one-event body
#   InboxAppendBenchmarks  InboxStore.AppendAsync through the StoreWriter group commit, real LiteDB file,
#                          1 / 8 / 64 concurrent writers; Ops/s = stored events per second
#   QandABenchmarks        Q&A ranking of one question over 2,000 entries, per method
#   QandATurnBenchmarks    one free-text question turn, webhook in to reply out (no LINE), real LiteDB file
#   UnderstandingBenchmarks  the understanding step of one typed message: intent rules alone, and with the Q&A check
#   bench/micro.sh                        # everything
#   bench/micro.sh --filter '*Inbox*'     # any BenchmarkDotNet arguments
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/ItaBot.Benchmarks -c Release -nologo -v q
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--filter '*')
dotnet bench/ItaBot.Benchmarks/bin/Release/net10.0/ItaBot.Benchmarks.dll micro "${args[@]}"
