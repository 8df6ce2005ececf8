#!/usr/bin/env bash
# Long-document benchmark (not a test): one PDF of 300, 1,000 and 3,000
# pages, joined from the corpus renderings with qpdf, converted by
# `ptsm extract --stdout` (the whole pipeline, JSON written) and by
# pdftotext, in the same run.
#
#   scripts/bench-long.sh                  # PAGES="300 1000 3000", REPEAT=3
#   PAGES="300 1000" CALLGRIND=1 scripts/bench-long.sh
#   PTSM=/path/to/ptsm scripts/bench-long.sh   # that binary, no build
#
# For each size: seconds (fastest of REPEAT, tools run in turn in each
# round), milliseconds per page, peak RSS (GNU time), the ratio to
# pdftotext (for `ptsm extract --stdout`, and for `ptsm text`, which does
# pdftotext's job: the text alone), whether the last page's text is in ptsm's output (the text of
# the last page of `ptsm text`, after the last form feed, is not empty),
# and with CALLGRIND=1 the instructions per page of `ptsm extract --stdout`
# under valgrind (repeatable whatever the machine is doing; from the cost
# of the N-page file minus that of its first source alone).
#
# Needs: cargo, qpdf, pdftotext and pdfinfo (poppler-utils), GNU time;
# valgrind for CALLGRIND=1. Work files in /dev/shm/ptsm-bench-long (WORK=).
set -euo pipefail
cd "$(dirname "$0")/.."

PAGES=${PAGES:-"300 1000 3000"}
REPEAT=${REPEAT:-3}
WORK=${WORK:-/dev/shm/ptsm-bench-long}
[ -d /dev/shm ] || WORK=target/bench-long
TIME=/usr/bin/time
for tool in qpdf pdftotext pdfinfo; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install qpdf poppler-utils)" >&2; exit 2; }
done
[ -x "$TIME" ] || { echo "missing $TIME: apt-get install time" >&2; exit 2; }

shopt -s nullglob
SRC=(corpus/*.pdf)
[ ${#SRC[@]} -gt 0 ] || SRC=(../shared/pdf-corpus/pdf/*.pdf)
[ ${#SRC[@]} -gt 0 ] || { echo "no source PDF" >&2; exit 2; }

# PTSM=BINARY measures that binary instead of building this tree's.
if [ -z "${PTSM:-}" ]; then
  echo "building (release)…" >&2
  cargo build --release --quiet
  PTSM=$PWD/target/release/ptsm
fi
mkdir -p "$WORK"

# join N DEST: the sources in turn until N pages at least.
join() {
  local n=$1 dest=$2 total=0 i=0 seq=()
  while [ "$total" -lt "$n" ]; do
    local f=${SRC[$((i % ${#SRC[@]}))]}
    seq+=("$f")
    total=$((total + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}')))
    i=$((i + 1))
  done
  qpdf --empty --pages "${seq[@]}" -- "$dest"
}

# run CMD…: GNU time once; sets SECS and RSS_MB.
run() {
  local log
  log=$(mktemp)
  "$TIME" -f '%e %M' -o "$log" "$@" >/dev/null 2>/dev/null || true
  read -r SECS KB <"$log"
  RSS_MB=$(awk -v k="$KB" 'BEGIN { printf "%.1f", k / 1024 }')
  rm -f "$log"
}

echo
echo "| pages | ptsm extract s | ms/page | peak MB | ptsm text s | peak MB | pdftotext s | ms/page | peak MB | pdftotext/extract | pdftotext/text | last page read |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for n in $PAGES; do
  f=$WORK/long-$n.pdf
  [ -f "$f" ] || join "$n" "$f"
  pages=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')
  best_p="" best_t="" best_x="" rss_p="" rss_t="" rss_x=""
  for ((r = 0; r < REPEAT; r++)); do
    run "$PTSM" extract --stdout "$f"
    if [ -z "$best_p" ] || awk -v a="$SECS" -v b="$best_p" 'BEGIN { exit !(a < b) }'; then best_p=$SECS; rss_p=$RSS_MB; fi
    run "$PTSM" text "$f"
    if [ -z "$best_x" ] || awk -v a="$SECS" -v b="$best_x" 'BEGIN { exit !(a < b) }'; then best_x=$SECS; rss_x=$RSS_MB; fi
    run pdftotext -q "$f" "$WORK/out.txt"
    if [ -z "$best_t" ] || awk -v a="$SECS" -v b="$best_t" 'BEGIN { exit !(a < b) }'; then best_t=$SECS; rss_t=$RSS_MB; fi
  done
  last=$("$PTSM" text "$f" 2>/dev/null | awk 'BEGIN { RS = "\f" } { t = $0 } END { gsub(/[[:space:]]/, "", t); print (length(t) > 0 ? "yes" : "NO") }')
  awk -v n="$pages" -v p="$best_p" -v t="$best_t" -v x="$best_x" -v rp="$rss_p" -v rt="$rss_t" -v rx="$rss_x" -v l="$last" \
    'BEGIN { if (p <= 0) p = 0.001; if (x <= 0) x = 0.001; printf "| %d | %.2f | %.3f | %s | %.2f | %s | %.2f | %.3f | %s | %.2f× | %.2f× | %s |\n", n, p, p * 1000 / n, rp, x, rx, t, t * 1000 / n, rt, t / p, t / x, l }'
done

if [ "${CALLGRIND:-0}" = 1 ]; then
  command -v valgrind >/dev/null || { echo "missing valgrind" >&2; exit 2; }
  ir() { # total instructions of ptsm extract --stdout FILE
    local out
    out=$(mktemp)
    valgrind --tool=callgrind --callgrind-out-file="$out" "$PTSM" extract --stdout "$1" >/dev/null 2>"$out.log"
    awk '/^summary:/ { print $2 }' "$out"
    rm -f "$out" "$out.log"
  }
  one=$(ir "${SRC[0]}")
  one_pages=$(pdfinfo "${SRC[0]}" | awk '/^Pages:/ {print $2}')
  echo
  echo "| pages | instructions | per page, beyond one source file |"
  echo "|---:|---:|---:|"
  for n in $PAGES; do
    f=$WORK/long-$n.pdf
    pages=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')
    total=$(ir "$f")
    awk -v n="$pages" -v t="$total" -v o="$one" -v op="$one_pages" \
      'BEGIN { printf "| %d | %.0f M | %.2f M |\n", n, t / 1e6, (t - o) / (n - op) / 1e6 }'
  done
fi
[ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
