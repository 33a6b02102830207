#!/usr/bin/env bash
# The staff case list on 100,000 seeded cases (CaseListBenchmarks): first page of 50, newest first, for the
# default filter, department+status, a rare pair, category+channel, overdue, a number search and a third page.
# Seeding takes a minute or two before BenchmarkDotNet starts.   CASES=20000 bench/cases-list.sh  for a smaller store.
set -euo pipefail
cd "$(dirname "$0")/.."
exec bench/micro.sh --filter '*CaseListBenchmarks*' "$@"
