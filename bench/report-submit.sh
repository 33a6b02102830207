#!/usr/bin/env bash
# Protected report submission end-to-end (issue 5): POST /report (form with one photo) -> Argon2id receipt hash,
# encryption, vault.db commit -> the receipt page, against the real service (Release, simulator mode, default vault
# settings: Argon2id 64 MiB, 3 passes) on loopback, one request at a time. Prints p50/p90/max. A temp data directory
# and key file are used and removed.
#   bench/report-submit.sh        # 30 submissions
#   bench/report-submit.sh 100
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
count="${1:-30}"
port="${PORT:-5391}"
work="$(mktemp -d)"
pid=""
trap '[[ -n "$pid" ]] && kill "$pid" 2>/dev/null; [[ -n "$pid" ]] && wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
dotnet build src/ItaBot -c Release -nologo -v q
mkdir -p "$work/data"
head -c 32 /dev/urandom | base64 > "$work/kek"
# PHOTO=file.jpg attaches that photo to every report (the service strips it; the original is kept encrypted).
if [[ -n "${PHOTO:-}" ]]; then photo=(-F "files=@$PHOTO;type=image/jpeg"); else photo=(); fi
ItaBot__Storage__DataDirectory="$work/data" ItaBot__Vault__KekFile="$work/kek" ASPNETCORE_URLS="http://127.0.0.1:$port" \
  Logging__LogLevel__Default=Warning dotnet src/ItaBot/bin/Release/net10.0/ItaBot.dll > "$work/service.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/report" -o /dev/null && break; sleep 0.3; done
curl -fs "http://127.0.0.1:$port/report" -o /dev/null
: > "$work/times"
for i in $(seq 1 "$count"); do
  curl -fs -o /dev/null -w '%{time_total}\n' \
    -F "officials=เจ้าหน้าที่ทดสอบ $i" -F "what=เหตุการณ์ทดสอบสำหรับวัดเวลาการส่งเบาะแสครั้งที่ $i" -F "when=วันนี้" -F "where=สำนักงาน" \
    -F identity=anonymous -F consent=yes "${photo[@]}" \
    "http://127.0.0.1:$port/report" >> "$work/times"
done
sort -n "$work/times" | awk -v n="$count" '{ t[NR] = $1 * 1000 } END {
  p50 = t[int((n + 1) * 0.5)]; p90 = t[int(n * 0.9) > 0 ? int(n * 0.9) : 1];
  printf "report submissions: %d, p50 %.0f ms, p90 %.0f ms, max %.0f ms\n", n, p50, p90, t[n] }'
