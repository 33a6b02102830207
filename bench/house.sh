#!/usr/bin/env bash
# The house rules of the code (issue 17), read from the compiled assemblies (IL + portable PDB, no Roslyn):
#   - no reference cycle between the service's feature folders (src/ItaBot/<Feature>/; Program, the composition
#     root, is exempt);
#   - no LiteDB type used outside a folder named LiteDb (or a project whose name ends in .LiteDb), and no Npgsql or
#     Hangfire.PostgreSql type outside a folder named PostgreSql, in the service and in the vault.
# Prints each folder's references (with example type pairs for every edge inside a cycle); exits 1 on a broken rule.
#   bench/house.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/ItaBot -c Release -nologo -v q >/dev/null
dotnet build bench/House -c Release -nologo -v q >/dev/null
out=src/ItaBot/bin/Release/net10.0
dotnet bench/House/bin/Release/net10.0/House.dll "$out/ItaBot.dll" "$out/ItaBot.Vault.dll" "$out/ItaBot.Dialogs.dll" "$out/ItaBot.Line.dll"
