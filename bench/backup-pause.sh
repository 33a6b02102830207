#!/usr/bin/env bash
# How long a backup holds the store writer (issue 15): intake (webhook acknowledgements, turns, staff writes) waits this
# long while messaging.db and its log are copied between two commits. Per size: a fresh data directory is seeded with N
# cases by `seed --cases-only`, the service is started on it (simulator mode, Warning logs), and `backup --out` runs
# RUNS times against it; each backup's manifest (itabot-backup.json) records the writer's hold as messagingCopyMs.
#   bench/backup-pause.sh                     # 10,000 and 100,000 cases, 3 backups each
#   SIZES=1000 RUNS=5 bench/backup-pause.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
sizes="${SIZES:-10000 100000}"
runs="${RUNS:-3}"
work="$(mktemp -d)"
pid=""
cleanup() {
  if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
dotnet build src/ItaBot -c Release -nologo -v q > "$work/build.log" || { cat "$work/build.log"; exit 1; }
dll=src/ItaBot/bin/Release/net10.0/ItaBot.dll
export Logging__LogLevel__Default=Warning
for n in $sizes; do
  data="$work/data-$n"
  mkdir -p "$data"
  export ItaBot__Storage__DataDirectory="$data"
  dotnet "$dll" seed --cases "$n" --fiscal-years 2568 --cases-only > "$work/seed-$n.log"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet "$dll" > "$work/service-$n.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 1; done
  mib=$(( $(stat -c %s "$data/messaging.db") / 1048576 ))
  holds=()
  for run in $(seq 1 "$runs"); do
    dotnet "$dll" backup --out "$work/backup-$n-$run.zip" --service "http://127.0.0.1:$port" > "$work/backup-$n-$run.log"
    holds+=("$(unzip -p "$work/backup-$n-$run.zip" itabot-backup.json | python3 -c 'import json,sys; print("%.1f" % json.load(sys.stdin)["messagingCopyMs"])')")
  done
  zip_mib=$(( $(stat -c %s "$work/backup-$n-1.zip") / 1048576 ))
  printf '%9d cases: messaging.db %d MiB, backup %d MiB | store writer held %s ms (%d backups)\n' "$n" "$mib" "$zip_mib" "$(joined=$(printf ' / %s' "${holds[@]}"); echo "${joined:3}")" "$runs"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
done
