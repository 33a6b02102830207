#!/usr/bin/env bash
# BenchmarkDotNet micro-benchmarks (short in-process job, a few minutes in all):
#   WebhookBenchmarks      signature check, envelope split, menu validation on a ~600-byte one-event body
#   InboxAppendBenchmarks  InboxStore.AppendAsync through the StoreWriter group commit, real LiteDB file,
#                          1 / 8 / 64 concurrent writers; Ops/s = stored events per second
#   QandABenchmarks        Q&A ranking of one question over 2,000 entries, per method
#   QandATurnBenchmarks    one free-text question turn, webhook in to reply out (no LINE), real LiteDB file
#   UnderstandingBenchmarks  the understanding step of one typed message: intent rules alone, and with the Q&A check
#   PostgreSqlTurnBenchmarks  the same turn with the store on PostgreSQL: the script starts a throw-away durable cluster
#                          for it (bench/pg-cluster.sh) unless ITABOT_BENCH_POSTGRES already names a server
#   bench/micro.sh                        # everything
#   bench/micro.sh --filter '*Inbox*'     # any BenchmarkDotNet arguments
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/ItaBot.Benchmarks -c Release -nologo -v q
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--filter '*')
if [ -z "${ITABOT_BENCH_POSTGRES:-}" ] && [[ "${args[*]}" == *PostgreSql* || " ${args[*]} " == *" * "* ]]; then
  # shellcheck source=bench/pg-cluster.sh
  source bench/pg-cluster.sh
  mkdir -p bench/out
  trap bench_pg_stop EXIT INT TERM
  bench_pg_start bench/out
  export ITABOT_BENCH_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=itabot;Database=postgres"
fi
dotnet bench/ItaBot.Benchmarks/bin/Release/net10.0/ItaBot.Benchmarks.dll micro "${args[@]}"
