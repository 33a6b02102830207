#!/usr/bin/env bash
# Peak resident memory (VmHWM) of the service while four 6000 x 6000 PNGs of about 105 KB each are stripped at once
# (issue 15, item 11): four POST /report with one such photo each, in parallel, against the real service (Release,
# simulator mode) on loopback. Argon2id is set to 1 MiB so the receipt hashes (64 MiB each by default) do not hide the
# photos' share. Prints the peak before the four (after one warm-up report) and after them.
#   bench/photo-memory.sh
#   NO_BUILD=1 bench/photo-memory.sh     # measure the build that is there
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
port="${PORT:-5392}"
work="$(mktemp -d)"
pid=""
trap '[[ -n "$pid" ]] && kill "$pid" 2>/dev/null; [[ -n "$pid" ]] && wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
[[ "${NO_BUILD:-}" == 1 ]] || dotnet build src/ItaBot -c Release -nologo -v q
mkdir -p "$work/data"
head -c 32 /dev/urandom | base64 > "$work/kek"
# 6000 x 6000 RGB: grey rows with a little noise, so the file is about 105 KB yet inflates to 108 MB of pixels.
python3 - "$work/big.png" <<'PY'
import random, struct, sys, zlib
w = h = 6000
random.seed(15)
rows = []
for y in range(h):
    row = bytearray(b'\x00' + b'\x80' * (w * 3))
    if y % 7 == 0:
        for _ in range(12):
            row[1 + random.randrange(w * 3)] = random.randrange(256)
    rows.append(bytes(row))
data = zlib.compress(b''.join(rows), 9)
def chunk(kind, body):
    return struct.pack('>I', len(body)) + kind + body + struct.pack('>I', zlib.crc32(kind + body) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) + chunk(b'IDAT', data) + chunk(b'IEND', b'')
open(sys.argv[1], 'wb').write(png)
print(f"photo: {w} x {h} PNG, {len(png) / 1024:.0f} KB")
PY
ItaBot__Storage__DataDirectory="$work/data" ItaBot__Vault__KekFile="$work/kek" ItaBot__Vault__Argon2MemoryKiB=1024 ItaBot__Vault__Argon2Passes=1 \
  ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning dotnet src/ItaBot/bin/Release/net10.0/ItaBot.dll > "$work/service.log" 2>&1 &
pid=$!
for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$port/report" -o /dev/null && break; sleep 0.3; done
curl -fs -o /dev/null -F what=warm-up -F consent=yes "http://127.0.0.1:$port/report"
before=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
posts=()
for i in 1 2 3 4; do
  curl -s -o /dev/null -w "photo $i: %{http_code} in %{time_total} s\n" -F "what=photo $i" -F consent=yes -F "files=@$work/big.png;type=image/png" \
    "http://127.0.0.1:$port/report" &
  posts+=($!)
done
wait "${posts[@]}"
after=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
printf 'peak RSS (VmHWM): %d MB after warm-up, %d MB after four photos at once\n' $((before / 1024)) $((after / 1024))
