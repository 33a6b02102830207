#!/usr/bin/env bash
# Renders every DOCX report (issue 6) with LibreOffice headless to PDF and to one PNG per page, so that a person can
# look at the pages: Thai vowels and tone marks in place, tables inside the page, emblem and signature block.
# Installs LibreOffice Writer, poppler-utils and the Thai fonts from Debian when missing (this script, not ./test.sh).
# TH Sarabun New is not packaged by Debian: fontconfig (fonts-tlwg-laksaman) maps it to Laksaman, a TH Sarabun
# derivative with the same metrics; the script prints the font LibreOffice actually embedded.
#   bench/render-docs.sh              # into bench/out/docs
#   bench/render-docs.sh /tmp/docs    # elsewhere
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out="$(realpath -m "${1:-bench/out/docs}")"

missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
# grep reads all of fc-list (no -q): an early exit would fail the pipeline under pipefail.
fc-list : family | grep -i laksaman >/dev/null || missing+=(fonts-thai-tlwg)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing from Debian: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt_get=(apt-get); [ "$(id -u)" -eq 0 ] || apt_get=(sudo apt-get)
  "${apt_get[@]}" update -qq
  "${apt_get[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

rm -rf "$out"
mkdir -p "$out"
dotnet build bench/ItaBot.Benchmarks -c Release -nologo -v q
mapfile -t docs < <(dotnet bench/ItaBot.Benchmarks/bin/Release/net10.0/ItaBot.Benchmarks.dll docx --out "$out")

# A private LibreOffice profile, so that a desktop instance or another run does not get in the way.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "${docs[@]}" >/dev/null 2>&1

echo "font TH Sarabun New resolves to: $(fc-match 'TH Sarabun New')"
for doc in "${docs[@]}"; do
  pdf="${doc%.docx}.pdf"
  if [ ! -f "$pdf" ]; then
    echo "NOT RENDERED: $doc" >&2
    exit 1
  fi
  pdftoppm -r 60 -png "$pdf" "${doc%.docx}"
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  fonts=$(pdffonts "$pdf" | awk 'NR > 2 {print $1}' | sed 's/^[A-Z]*+//' | sort -u | paste -sd, -)
  echo "$doc"
  echo "  $pdf ($pages pages; fonts: $fonts)"
  for png in "${doc%.docx}"-*.png; do echo "  $png"; done
done
