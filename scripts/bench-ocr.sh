#!/usr/bin/env bash
# OCR benchmark (not a test): pages per second of `ptsm extract` on scanned
# PDFs, at 1 and 2 jobs, against the `tesseract` program run directly on the
# same page images (the scans' JPEGs, as ptsm gives them to it: French model,
# 300 dpi, hOCR, one thread per page), in the same run; and ptsm's peak
# memory on a long scan against a one-page one (memory bounded per page).
#
#   scripts/bench-ocr.sh                   # scans of corpus/*.pdf at 300 dpi
#   SCANS=/tmp/scans/300-gray scripts/bench-ocr.sh
#   JOBS="1 2" REPEAT=2 scripts/bench-ocr.sh
#
# Needs: tesseract-ocr tesseract-ocr-fra poppler-utils imagemagick img2pdf
# time (apt-get install …). Runs under `nice -n 19`. Each measurement is run
# REPEAT times (default 2), each tool once per round, and the fastest run is
# kept for every tool alike.
set -euo pipefail
cd "$(dirname "$0")/.."

JOBS=${JOBS:-"1 2"}
REPEAT=${REPEAT:-2}
WORK=${WORK:-target/bench-ocr}
TIME=/usr/bin/time
for tool in tesseract pdfimages pdfinfo pdfunite img2pdf convert; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 2; }
done
[ -x "$TIME" ] || { echo "missing $TIME: apt-get install time" >&2; exit 2; }

echo "building (release)…" >&2
cargo build --release --quiet
PTSM=$PWD/target/release/ptsm
rm -rf "$WORK" && mkdir -p "$WORK/images" "$WORK/out"

if [ -z "${SCANS:-}" ]; then
  # A few renderings, scanned: one of each producer family.
  mkdir -p "$WORK/src"
  for f in corpus/meuse-ctsm-2023.libreoffice.pdf corpus/meuse-ctsm-2023.pdflatex.pdf \
           corpus/normandie-ptsm-2026.reportlab.pdf corpus/normandie-ptsm-2026.xelatex.pdf; do
    cp "$f" "$WORK/src/"
  done
  nice -n 19 scripts/make-scans.sh "$WORK/src" "$WORK/scans" 300-gray >/dev/null 2>&1
  SCANS=$WORK/scans/300-gray
fi
shopt -s nullglob
PDFS=("$SCANS"/*.pdf)
[ ${#PDFS[@]} -gt 0 ] || { echo "no PDF in $SCANS" >&2; exit 2; }

# The page images, as stored (JPEG for grey scans).
pages=0
for pdf in "${PDFS[@]}"; do
  n=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  pages=$((pages + n))
  pdfimages -all "$pdf" "$WORK/images/$(basename "$pdf" .pdf)"
done
IMAGES=("$WORK"/images/*)
echo "${#PDFS[@]} scanned PDFs, $pages pages, ${#IMAGES[@]} page images" >&2

now() { date +%s.%N; }
best() { sort -g | head -n 1; }

tesseract_run() { # jobs
  printf '%s\n' "${IMAGES[@]}" | OMP_THREAD_LIMIT=1 nice -n 19 xargs -P "$1" -I{} \
    tesseract {} stdout -l fra --dpi 300 --psm 3 hocr >/dev/null 2>&1
}
ptsm_run() { # jobs
  rm -rf "$WORK/out" && mkdir -p "$WORK/out"
  nice -n 19 "$PTSM" extract "${PDFS[@]}" -o "$WORK/out" -j "$1" --force --quiet --timeout 0 >/dev/null
}

printf '%-6s %-12s %10s %10s %12s\n' jobs tool seconds pages/s "time÷tess."
for j in $JOBS; do
  t_tess=() t_ptsm=()
  for _ in $(seq "$REPEAT"); do
    a=$(now); tesseract_run "$j"; b=$(now); t_tess+=("$(echo "$b - $a" | bc)")
    a=$(now); ptsm_run "$j"; b=$(now); t_ptsm+=("$(echo "$b - $a" | bc)")
  done
  tt=$(printf '%s\n' "${t_tess[@]}" | best)
  tp=$(printf '%s\n' "${t_ptsm[@]}" | best)
  printf '%-6s %-12s %10.2f %10.3f %12s\n' "$j" tesseract "$tt" "$(echo "$pages / $tt" | bc -l)" "1.00"
  printf '%-6s %-12s %10.2f %10.3f %12.2f\n' "$j" ptsm "$tp" "$(echo "$pages / $tp" | bc -l)" \
    "$(echo "$tp / $tt" | bc -l)"
done

# Memory: one page against all pages in one PDF. ptsm reads, OCRs and
# drops one page at a time; GNU time's peak covers ptsm and its largest
# child (a tesseract run).
pdfunite "${PDFS[@]}" "$WORK/long.pdf"
pdfseparate -f 1 -l 1 "${PDFS[0]}" "$WORK/one.pdf"
for f in one long; do
  n=$(pdfinfo "$WORK/$f.pdf" | awk '/^Pages:/ {print $2}')
  kb=$({ OMP_THREAD_LIMIT=1 nice -n 19 $TIME -f '%M' "$PTSM" extract "$WORK/$f.pdf" --stdout \
         --timeout 0 >/dev/null; } 2>&1 | tail -n 1)
  echo "peak memory, $f.pdf ($n pages): $((kb / 1024)) MB (ptsm and its largest tesseract run)"
done
