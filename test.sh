#!/usr/bin/env bash
# Runs every test of ItaBot. Installs what the tests need where it is missing:
# Debian's Chromium (browser tests, never a downloaded browser), a Thai font and an emoji font (so pages render), and
# Debian's PostgreSQL, of which a throw-away cluster on loopback serves the PostgreSQL tests (tests/postgres.sh).
set -euo pipefail
cd "$(dirname "$0")"

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'tlwg\|loma\|garuda' || need+=(fonts-thai-tlwg fontconfig)
fc-list 2>/dev/null | grep -qi 'color emoji' || need+=(fonts-noto-color-emoji)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The cluster is stopped and removed when this script exits, however it exits.
# shellcheck source=tests/postgres.sh
source tests/postgres.sh
[ -n "${ITABOT_TEST_POSTGRES:-}" ] || { echo "test.sh: could not start the PostgreSQL test cluster" >&2; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build ItaBot.sln -c Release
# The house rules (issue 17): no cycle between feature folders, LiteDB and Npgsql types only in their folders.
house=$(bench/house.sh) || { echo "$house"; echo "test.sh: a house rule is broken (bench/house.sh)" >&2; exit 1; }
echo "$house" | tail -n 1
# The LINE packages (issue 20): ItaBot.Line and ItaBot.Line.Testing pack with README, XML docs, symbols, no ItaBot dependency.
tests/packages.sh
# Every message a test sends through a LINE stand-in is checked against LINE's OpenAPI schema and documented limits
# (issue 20); each stand-in adds a line to this file when disposed, and a refused message fails the run.
LINE_STANDIN_TALLY=$(mktemp)
export LINE_STANDIN_TALLY
dotnet test --solution ItaBot.sln -c Release --no-build "$@"
awk '{ r += $1; m += $2; rr += $3; rm += $4; n++ } END {
  printf "LINE stand-in: %d messages in %d send requests from %d stand-ins checked against LINE'"'"'s schema and limits; %d refused\n", m, r, n, rm
  exit (rm > 0) }' "$LINE_STANDIN_TALLY" || { echo "test.sh: a test sent a message LINE would refuse (see above)" >&2; exit 1; }
rm -f "$LINE_STANDIN_TALLY"
