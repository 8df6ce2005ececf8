#!/usr/bin/env bash
# Throughput benchmark for web pages (not a test): ptsm against html2text
# (Debian's html2text, HTML to plain text), on N copies of the 100 real
# pages of ../shared/html-corpus/readability, in the same run.
#
#   scripts/bench-html.sh                 # N=1000, JOBS=nproc, REPEAT=3
#   N=200 REPEAT=1 scripts/bench-html.sh
#
# Rows, all on the same files, best of REPEAT rounds (each round runs every
# tool once; on a shared machine the slow runs measure the neighbours):
#   ptsm extract   the whole pipeline (main content, structure, metadata,
#                  extraction, JSON), one batch process with JOBS workers;
#   ptsm text      one process per page (as html2text runs), JOBS at once;
#   html2text      one process per page, JOBS at once: the reference.
# Pages/s and the ratio to html2text are printed; html2text converts the
# whole page (menus and footers included), ptsm only the main content.
#
# Needs: cargo, html2text (apt-get install html2text), GNU time is not
# needed. Work files go to a tmpfs when there is one (WORK=DIR to choose).
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-1000}
JOBS=${JOBS:-$(nproc)}
REPEAT=${REPEAT:-3}
CASES=${CASES:-../shared/html-corpus/readability}
if [ -z "${WORK:-}" ]; then
  WORK=target/bench-html
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then WORK=/dev/shm/ptsm-bench-html; fi
fi

command -v html2text >/dev/null || { echo "missing html2text: apt-get install html2text" >&2; exit 2; }
shopt -s nullglob
SRC=("$CASES"/*/source.html)
[ ${#SRC[@]} -gt 0 ] || { echo "no pages under $CASES" >&2; exit 2; }

echo "building (release)…" >&2
cargo build --release --quiet
PTSM=$PWD/target/release/ptsm

rm -rf "$WORK"; mkdir -p "$WORK/in"
for ((i = 0; i < N; i++)); do
  cp "${SRC[$((i % ${#SRC[@]}))]}" "$WORK/in/$(printf %05d "$i").html"
done
BYTES=$(du -sb "$WORK/in" | cut -f1)
echo "corpus: $N pages ($((BYTES / 1024 / 1024)) MB) from ${#SRC[@]} sources, $JOBS jobs" >&2

# seconds CMD…: wall time of CMD, in seconds with milliseconds.
seconds() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

run_extract() { rm -rf "$WORK/out"; "$PTSM" extract "$WORK/in" -o "$WORK/out" -j "$JOBS" --quiet --force; }
run_text() { find "$WORK/in" -name '*.html' -print0 | xargs -0 -P "$JOBS" -n 1 sh -c '"$0" text "$1" > "$1.ptsm.txt"' "$PTSM"; }
run_html2text() { find "$WORK/in" -name '*.html' -print0 | xargs -0 -P "$JOBS" -n 1 sh -c 'html2text -utf8 "$1" > "$1.h2t.txt"' sh; }

best_extract=""; best_text=""; best_h2t=""
min() { if [ -z "$1" ] || [ "$(echo "$2 < $1" | bc -l)" = 1 ]; then echo "$2"; else echo "$1"; fi; }
for ((r = 1; r <= REPEAT; r++)); do
  best_h2t=$(min "$best_h2t" "$(seconds run_html2text)")
  best_extract=$(min "$best_extract" "$(seconds run_extract)")
  best_text=$(min "$best_text" "$(seconds run_text)")
  echo "round $r: html2text ${best_h2t}s, ptsm extract ${best_extract}s, ptsm text ${best_text}s (best so far)" >&2
done

rate() { echo "scale=1; $N / $1" | bc -l; }
ratio() { echo "scale=2; $2 / $1" | bc -l; }
printf '%-34s %10s %10s %10s\n' "tool ($N pages, -j $JOBS)" "seconds" "pages/s" "× html2text"
printf '%-34s %10.3f %10s %10s\n' "html2text (one process per page)" "$best_h2t" "$(rate "$best_h2t")" "1.00"
printf '%-34s %10.3f %10s %10s\n' "ptsm text (one process per page)" "$best_text" "$(rate "$best_text")" "$(ratio "$best_text" "$best_h2t")"
printf '%-34s %10.3f %10s %10s\n' "ptsm extract (batch, JSON)" "$best_extract" "$(rate "$best_extract")" "$(ratio "$best_extract" "$best_h2t")"
[ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
