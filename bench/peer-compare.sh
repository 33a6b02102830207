#!/usr/bin/env bash
# Side by side on the same machine, in the same run: LINE's official Node SDK echo bot (express + @line/bot-sdk
# middleware, replying before it answers 200) and ItaBot (durable inbox, answers 200 after the commit), both
# against the same Node LINE stand-in, both driven by wrk -t2 -c32 -d10s with pre-signed unique-event bodies.
# The peer's code is used from ../shared/peer at run time, copied to a scratch directory outside the repository
# (npm install there); nothing of it is committed.
#
#   bench/peer-compare.sh
#   PEER_SCRATCH=/tmp/x WRK_DURATION=10s bench/peer-compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
PEER_SRC=${PEER_SRC:-$REPO/../shared/peer}
SCRATCH=${PEER_SCRATCH:-/tmp/itabot-peer}
LINE_PORT=${LINE_PORT:-18181}
PEER_PORT=${PEER_PORT:-18180}
ITABOT_PORT=${ITABOT_PORT:-18182}
WRK_DURATION=${WRK_DURATION:-10s}
SECRET=bench-secret
OUT=bench/out
mkdir -p "$OUT"

command -v wrk >/dev/null || { echo "installing wrk from Debian"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

PIDS=()
DATA=""
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "$DATA" ] && rm -rf "$DATA"
}
trap cleanup EXIT INT TERM

# --- scratch copy of the peer, outside the repository ---
mkdir -p "$SCRATCH"
cp -f "$PEER_SRC"/*.js "$PEER_SRC"/*.lua "$PEER_SRC"/package.json "$SCRATCH"/
chmod u+w "$SCRATCH"/*
[ -d "$SCRATCH/node_modules/@line/bot-sdk" ] || (cd "$SCRATCH" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
# Separate bodies for each target, each made just before its run: every event unique, no reply token used twice,
# and event timestamps fresh (ItaBot pushes instead of replying when a token is older than its reply window, 50 s).
(cd "$SCRATCH" && node gen-bodies.js 150000 "$SECRET" bodies-peer.txt)

dotnet build src/ItaBot -c Release -nologo -v q >"$OUT/build-itabot.log" 2>&1 || { echo "ItaBot build failed, see $OUT/build-itabot.log" >&2; exit 1; }

wait_http() { # url: any HTTP answer will do (the echo bot has no GET route)
  for _ in $(seq 1 600); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "no answer from $1" >&2; return 1
}

# "name: N acked/s, p50 X, p99 Y" from wrk's output; acked = requests that were not non-2xx.
summarize() { # name wrk-output-file stand-in-counts [seconds from the load's start to the last answer]
  python3 - "$@" <<'PY'
import re, sys, json
name, path, counts = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
text = open(path).read()
req, secs = re.search(r"(\d+) requests in ([\d.]+)(m?s)", text).groups()[:2], None
m = re.search(r"(\d+) requests in ([\d.]+)(ms|s|m)\b", text)
requests = int(m.group(1)); dur = float(m.group(2)) * {"ms": 0.001, "s": 1, "m": 60}[m.group(3)]
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors = re.search(r"Socket errors: (.*)", text)
acked = requests - (int(bad.group(1)) if bad else 0)
def lat(p):
    v = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)" % p, text, re.M)
    return float(v.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[v.group(2)]
answered = counts.get("replies", 0) + counts.get("pushes", 0)
# answered/s: from the start of the load to the last answer (the echo bot answers inside its requests: the load's span).
last = float(sys.argv[4]) if len(sys.argv) > 4 else dur
print(f"{name}: {acked / dur:,.0f} acked/s, p50 {lat(50):.2f} ms, p99 {lat(99):.2f} ms, acked {acked:,}"
      f"{', non-2xx ' + bad.group(1) if bad else ''}{', socket errors ' + errors.group(1) if errors else ''}"
      f", answered {answered:,} at {answered / last:,.0f}/s (last answer {last:.1f} s after the load began; replies {counts.get('replies', 0):,}, pushes {counts.get('pushes', 0):,},"
      f" rejected {counts.get('rejectedReplies', 0):,}, duplicate pushes {counts.get('duplicatePushes', 0):,})")
PY
}

# --- the LINE stand-in (Node, from the peer folder), shared by both bots ---
(cd "$SCRATCH" && RECORD=0 PORT=$LINE_PORT exec node fake-line-api.js) >"$OUT/standin.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$LINE_PORT/__count"

# --- the Node SDK echo bot ---
(cd "$SCRATCH" && PORT=$PEER_PORT LINE_API=http://127.0.0.1:$LINE_PORT CHANNEL_SECRET=$SECRET exec node echo-bot.js) >"$OUT/peer.log" 2>&1 &
PEER_PID=$!
PIDS+=($PEER_PID)
wait_http "http://127.0.0.1:$PEER_PORT/webhook"
(cd "$SCRATCH" && wrk -t2 -c32 -d"$WRK_DURATION" --latency -s post-signed.lua "http://127.0.0.1:$PEER_PORT" -- /webhook bodies-peer.txt) >"$OUT/wrk-peer.txt"
sleep 1
PEER_COUNTS=$(curl -fs "http://127.0.0.1:$LINE_PORT/__count")
kill "$PEER_PID" 2>/dev/null || true
curl -fs -X POST "http://127.0.0.1:$LINE_PORT/__reset" >/dev/null

# --- ItaBot, fresh data directory ---
DATA=$(mktemp -d /tmp/itabot-peer-data.XXXXXX)
ItaBot__Line__ChannelSecret=$SECRET ItaBot__Line__ChannelAccessToken=bench-token ItaBot__Staff__KeyRingKey=$(head -c 32 /dev/urandom | base64) \
ItaBot__Vault__Kek=$(head -c 32 /dev/urandom | base64) ASPNETCORE_ENVIRONMENT=Production \
ItaBot__Line__ApiBaseUrl=http://127.0.0.1:$LINE_PORT/ ItaBot__Line__DataApiBaseUrl=http://127.0.0.1:$LINE_PORT/ \
ItaBot__Storage__DataDirectory=$DATA ASPNETCORE_URLS=http://127.0.0.1:$ITABOT_PORT Logging__LogLevel__Default=Warning \
  dotnet src/ItaBot/bin/Release/net10.0/ItaBot.dll >"$OUT/itabot-peer-compare.log" 2>&1 &
ITABOT_PID=$!
PIDS+=($ITABOT_PID)
wait_http "http://127.0.0.1:$ITABOT_PORT/healthz"
# Made once ItaBot is up: a start slowed by a busy machine must not age the events' reply tokens before the load begins.
(cd "$SCRATCH" && node gen-bodies.js 150000 "$SECRET" bodies-itabot.txt)
cpu_ms() { awk '{ printf "%d", ($14 + $15) * 1000 / '"$(getconf CLK_TCK)"' }' "/proc/$1/stat"; }
answered() { curl -fs "http://127.0.0.1:$LINE_PORT/__count" | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["replies"]+c["pushes"])'; }
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
CPU_START=$(cpu_ms "$ITABOT_PID")
START_NS=$(date +%s%N)
(cd "$SCRATCH" && wrk -t2 -c32 -d"$WRK_DURATION" --latency -s post-signed.lua "http://127.0.0.1:$ITABOT_PORT" -- /webhook bodies-itabot.txt) >"$OUT/wrk-itabot.txt"
WRK_END_NS=$(date +%s%N)
CPU_LOAD=$(( $(cpu_ms "$ITABOT_PID") - CPU_START ))
ANSWERED_IN_LOAD=$(answered)
# Drain: nothing pending in the inbox, outbox or processor; the last answer is when the stand-in's count stopped growing.
LAST_NS=$WRK_END_NS; LAST_COUNT=$ANSWERED_IN_LOAD
for _ in $(seq 1 9000); do
  n=$(answered); [ "$n" != "$LAST_COUNT" ] && { LAST_COUNT=$n; LAST_NS=$(date +%s%N); }
  h=$(curl -fs "http://127.0.0.1:$ITABOT_PORT/healthz" || true)
  if echo "$h" | python3 -c 'import json,sys; h=json.load(sys.stdin); sys.exit(0 if h["inbox"]["pending"]==0 and h["outbox"]["pending"]==0 and h["processor"]["backlog"]==0 else 1)' 2>/dev/null; then break; fi
  sleep 0.2
done
sleep 1
ITABOT_COUNTS=$(curl -fs "http://127.0.0.1:$LINE_PORT/__count")
CPU_DRAIN=$(( $(cpu_ms "$ITABOT_PID") - CPU_START - CPU_LOAD ))
RSS=$(awk '/VmHWM/ {printf "%d", $2/1024}' "/proc/$ITABOT_PID/status")
LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)

echo "same machine ($(nproc) cores), wrk -t2 -c32 -d$WRK_DURATION, one-event signed bodies, Node LINE stand-in on loopback:"
summarize "node @line/bot-sdk echo bot (express)" "$OUT/wrk-peer.txt" "$PEER_COUNTS"
summarize "itabot durable-inbox (peak RSS ${RSS} MB)" "$OUT/wrk-itabot.txt" "$ITABOT_COUNTS" "$(python3 -c "print(($LAST_NS - $START_NS) / 1e9)")"
python3 - "$CPU_LOAD" "$CPU_DRAIN" "$ANSWERED_IN_LOAD" "$ITABOT_COUNTS" "$LOAD_BEFORE" "$LOAD_AFTER" <<'PY'
import json, sys
load_ms, drain_ms, in_load, counts = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4])
drained = counts["replies"] + counts["pushes"] - in_load
per_turn = f"{drain_ms * 1000 / drained:,.0f} us CPU per turn in the drain" if drained > 0 else "no drain"
print(f"  itabot CPU: {load_ms:,} ms during the load ({in_load:,} answered meanwhile), {drain_ms:,} ms in the drain for {drained:,} answers ({per_turn});"
      f" machine load (uptime) {sys.argv[5]} before, {sys.argv[6]} after")
PY
