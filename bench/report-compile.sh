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
#   PROVIDER=postgresql FACTS_ONLY=1 SIZES=1000000 SOURCE=complaints bench/report-compile.sh
#                                                    # the same on PostgreSQL (issue 18): a throw-away cluster of its own on
#                                                    # loopback (durable defaults), a fresh database per size; the size shown
#                                                    # is the agency's tables (pg_total_relation_size of cases and case_facts)
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
pg_as=""
if [[ "${PROVIDER:-litedb}" == postgresql ]]; then
  for dir in /usr/lib/postgresql/*/bin; do [[ -x "$dir/initdb" ]] && pg_bin=$dir; done
  [[ -n "${pg_bin:-}" ]] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
  chmod 755 "$work"
  if [[ "$(id -u)" -eq 0 ]]; then pg_as="runuser -u postgres --"; mkdir "$work/pg"; chown postgres "$work/pg"; else mkdir "$work/pg"; fi
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  $pg_as "$pg_bin/initdb" -D "$work/pg/data" -A trust -U itabot -E UTF8 --locale=C.UTF-8 > "$work/initdb.log" 2>&1
  $pg_as "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -t 60 -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1" start > /dev/null
  trap '$pg_as "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast -w stop > /dev/null 2>&1 || true; rm -rf "$work"' EXIT
  export ItaBot__Storage__Provider=PostgreSql
  # A PostgreSQL node starts with these; the compile never reads them.
  ItaBot__Staff__KeyRingKey=$(head -c 32 /dev/urandom | base64); export ItaBot__Staff__KeyRingKey
  ItaBot__Vault__Kek=$(head -c 32 /dev/urandom | base64); export ItaBot__Vault__Kek
fi
for n in $sizes; do
  data="$work/data-$n"
  mkdir -p "$data"
  export ItaBot__Storage__DataDirectory="$data"
  if [[ -n "${pg_port:-}" ]]; then
    $pg_as "$pg_bin/psql" -q -h 127.0.0.1 -p "$pg_port" -U itabot -d postgres -c "create database compile_$n" > /dev/null
    export ConnectionStrings__ItaBot="Host=127.0.0.1;Port=$pg_port;Username=itabot;Database=compile_$n"
  fi
  t0=$(date +%s.%N)
  dotnet "$dll" seed --cases "$n" --fiscal-years "$years" ${FACTS_ONLY:+--facts-only} > "$work/seed-$n.log"
  t1=$(date +%s.%N)
  if [[ -n "${pg_port:-}" ]]; then
    mib=$($pg_as "$pg_bin/psql" -At -h 127.0.0.1 -p "$pg_port" -U itabot -d "compile_$n" \
      -c "select (coalesce(pg_total_relation_size('cases'), 0) + pg_total_relation_size('case_facts')) / 1048576")
  else
    mib=$(( $(stat -c %s "$data/messaging.db") / 1048576 ))
  fi
  for run in 1 2; do
    /usr/bin/time -f '%e %M' -o "$work/time-$n-$run" dotnet "$dll" reports compile --period "$period" --no-store "${source_args[@]}" > "$work/compile-$n-$run.log"
  done
  inside1=$(grep -o 'compiled in [0-9]* ms' "$work/compile-$n-1.log" | grep -o '[0-9]*')
  inside2=$(grep -o 'compiled in [0-9]* ms' "$work/compile-$n-2.log" | grep -o '[0-9]*')
  read -r wall2 rss2 < "$work/time-$n-2"
  read -r wall1 rss1 < "$work/time-$n-1"
  printf '%9d cases: seed %.1f s, %s %d MiB | compile %s: %s ms, %s ms (in process); process %.1f s / %.1f s, peak RSS %d / %d MiB\n' \
    "$n" "$(echo "$t1 - $t0" | bc)" "$([[ -n "${pg_port:-}" ]] && echo cases+case_facts || echo messaging.db)" "$mib" "$period${SOURCE:+ ($SOURCE only)}" "$inside1" "$inside2" "$wall1" "$wall2" $((rss1 / 1024)) $((rss2 / 1024))
  head -1 "$work/compile-$n-2.log"
  if [[ -n "${KEEP:-}" ]]; then echo "  kept: $data"; fi
done
