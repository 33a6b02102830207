#!/usr/bin/env bash
# Packs the two LINE packages (issue 20) from the Release build and checks what a consumer gets: the assembly, its XML
# documentation, the README shown on the package page, a 0.x semantic version, symbols, and no dependency on ItaBot
# (ItaBot.Line.Testing may depend on ItaBot.Line only). Prints one line per package; exits non-zero on the first miss.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for id in ItaBot.Line ItaBot.Line.Testing; do
  dotnet pack "src/$id/$id.csproj" -c Release --no-build -o "$out" -v q -nologo >/dev/null
  pkg=$(ls "$out/$id".0.*.nupkg 2>/dev/null | grep -v snupkg | head -n 1) || true
  [ -n "$pkg" ] || { echo "packages: $id did not pack a 0.x version" >&2; exit 1; }
  files=$(unzip -Z1 "$pkg")
  for want in README.md "lib/net10.0/$id.dll" "lib/net10.0/$id.xml"; do
    grep -qx "$want" <<<"$files" || { echo "packages: $pkg lacks $want" >&2; exit 1; }
  done
  nuspec=$(unzip -p "$pkg" "$id.nuspec")
  grep -q '<readme>README.md</readme>' <<<"$nuspec" || { echo "packages: $id's nuspec names no README" >&2; exit 1; }
  deps=$( (grep -o 'dependency id="ItaBot[^"]*"' <<<"$nuspec" || true) | sed 's/dependency id=//; s/"//g' | tr '\n' ' ')
  case "$id:$deps" in
    "ItaBot.Line:" | "ItaBot.Line.Testing:ItaBot.Line ") ;;
    *) echo "packages: $id depends on ItaBot packages it must not: $deps" >&2; exit 1 ;;
  esac
  members=$(grep -c '<member name=' < <(unzip -p "$pkg" "lib/net10.0/$id.xml"))
  [ -f "${pkg%.nupkg}.snupkg" ] || { echo "packages: $id has no symbol package" >&2; exit 1; }
  echo "packages: $(basename "$pkg") with README, symbols and $members documented members"
done
