#!/usr/bin/env bash
# Compiling a fiscal year over N general cases (issue 6). Per size: a fresh data directory is seeded with N cases, all
# filed in FY 2568, by the `seed` command (CaseStore.ImportAsync: the full case documents with every list index, and
# their case facts, as the service writes them); then `reports compile --period fy2568 --no-store` runs twice in fresh
# processes. Prints the seed time and file size, the compile's own time (measured inside the process, start-up
# excluded), and the whole process's wall time and peak RSS (GNU time's maximum resident set size).
#   bench/report-compile.sh                          # 10,000 and 100,000 cases
#   SIZES=1000000 bench/report-compile.sh            # the issue's figure: under 10 s and 500 MB (seeding 1M takes a while)
#   SOURCE=complaints bench/report-compile.sh        # the general-complaint source alone (no other source needed)
#   FACTS_ONLY=1 SIZES=1000000 SOURCE=complaints bench/report-compile.sh
#                                                    # seed only the case facts the compile reads (minutes, not hours)
#   KEEP=1 ...                                       # keep the data directories (printed) for more runs
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
sizes="${SIZES:-10000 100000}"
period="${PERIOD:-fy2568}"
years="${YEARS:-2568}"
source_args=()
if [[ -n "${SOURCE:-}" ]]; then source_args=(--source "$SOURCE"); fi
work="$(mktemp -d)"
if [[ -z "${KEEP:-}" ]]; then trap 'rm -rf "$work"' EXIT; fi
[[ -x /usr/bin/time ]] || { echo "GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 1; }
dotnet build src/ItaBot -c Release -nologo -v q > "$work/build.log" || { cat "$work/build.log"; exit 1; }
dll=src/ItaBot/bin/Release/net10.0/ItaBot.dll
export Logging__LogLevel__Default=Warning
for n in $sizes; do
  data="$work/data-$n"
  mkdir -p "$data"
  export ItaBot__Storage__DataDirectory="$data"
  t0=$(date +%s.%N)
  dotnet "$dll" seed --cases "$n" --fiscal-years "$years" ${FACTS_ONLY:+--facts-only} > "$work/seed-$n.log"
  t1=$(date +%s.%N)
  mib=$(( $(stat -c %s "$data/messaging.db") / 1048576 ))
  for run in 1 2; do
    /usr/bin/time -f '%e %M' -o "$work/time-$n-$run" dotnet "$dll" reports compile --period "$period" --no-store "${source_args[@]}" > "$work/compile-$n-$run.log"
  done
  inside1=$(grep -o 'compiled in [0-9]* ms' "$work/compile-$n-1.log" | grep -o '[0-9]*')
  inside2=$(grep -o 'compiled in [0-9]* ms' "$work/compile-$n-2.log" | grep -o '[0-9]*')
  read -r wall2 rss2 < "$work/time-$n-2"
  read -r wall1 rss1 < "$work/time-$n-1"
  printf '%9d cases: seed %.1f s, messaging.db %d MiB | compile %s: %s ms, %s ms (in process); process %.1f s / %.1f s, peak RSS %d / %d MiB\n' \
    "$n" "$(echo "$t1 - $t0" | bc)" "$mib" "$period${SOURCE:+ ($SOURCE only)}" "$inside1" "$inside2" "$wall1" "$wall2" $((rss1 / 1024)) $((rss2 / 1024))
  head -1 "$work/compile-$n-2.log"
  if [[ -n "${KEEP:-}" ]]; then echo "  kept: $data"; fi
done
