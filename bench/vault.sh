#!/usr/bin/env bash
# The whistleblower vault's figures (issue 5): receipt check cost, officer read p50, submission cost, KEK rotation of
# 10,000 reports, against real vault.db files in a temp directory (removed afterwards). A few minutes.
#   bench/vault.sh            # 10,000 reports rotated
#   bench/vault.sh 2000       # fewer
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/ItaBot.Benchmarks -c Release -nologo -v q
dotnet bench/ItaBot.Benchmarks/bin/Release/net10.0/ItaBot.Benchmarks.dll vault "$@"
