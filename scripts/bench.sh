#!/usr/bin/env bash
# Throughput benchmark (not a test): ptsm vs pdftotext vs the pdf-extract
# crate on N replicated copies of the sample-release PDFs.
#
#   scripts/bench.sh                 # N=1000, then scaling 100 1000 10000
#   N=200 SCALING="100 200" REPEAT=1 scripts/bench.sh
#   WITH_PEER=0 SCALING=" " scripts/bench.sh   # without the pdf-extract crate, no scaling table
#
# Needs: cargo, pdftotext and pdfinfo (apt-get install poppler-utils),
# GNU time (/usr/bin/time, apt-get install time).
# Source PDFs: corpus/*.pdf, or ../shared/pdf-corpus/pdf/*.pdf when the
# corpus has none.
#
# Every measurement is run REPEAT times (default 3), in rounds that run each
# tool once, and the fastest run is kept, for every tool alike: on a shared
# machine the slow runs measure the neighbours. Work files (the replicated PDFs and every tool's output) go to
# a tmpfs, /dev/shm/ptsm-bench, when there is one (WORK=DIR to choose), so
# that the extractors are compared, not the disk: on an ext4 without a
# journal, creating files right after deleting many (what a benchmark that
# reruns does) makes each creation scan the recently deleted inodes, a cost
# that lands on whichever tool runs next. Three extra rows time ptsm (with its
# final flush, syncfs, of the outputs), ptsm --compact and pdftotext on the
# disk, in target/ (DISK_REPEAT rounds, default REPEAT).
# Work files are removed at the end unless KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-1000}
SCALING=${SCALING:-"100 1000 10000"}
JOBS=${JOBS:-$(nproc)}
REPEAT=${REPEAT:-3}
if [ -z "${WORK:-}" ]; then
  WORK=target/bench
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then WORK=/dev/shm/ptsm-bench; fi
fi
DISK=target/bench-disk
TIME=/usr/bin/time

for tool in pdftotext pdfinfo; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install poppler-utils" >&2; exit 2; }
done
[ -x "$TIME" ] || { echo "missing $TIME: apt-get install time" >&2; exit 2; }

shopt -s nullglob
SRC=(corpus/*.pdf)
if [ ${#SRC[@]} -eq 0 ]; then
  SRC=(../shared/pdf-corpus/pdf/*.pdf)
  echo "note: no PDF in corpus/, using ../shared/pdf-corpus/pdf/ (${#SRC[@]} files)" >&2
fi
[ ${#SRC[@]} -gt 0 ] || { echo "no source PDF found" >&2; exit 2; }

echo "building (release)…" >&2
cargo build --release --quiet
# WITH_PEER=0 leaves the pdf-extract crate out (its rows then read 0).
WITH_PEER=${WITH_PEER:-1}
[ "$WITH_PEER" = 0 ] || (cd benches/pdf-extract-peer && cargo build --release --quiet)
PTSM=$PWD/target/release/ptsm
PEER=$PWD/benches/pdf-extract-peer/target/release/pdf-extract-peer

# Pages of each source, to count pages of a replicated corpus.
declare -a PAGES
for i in "${!SRC[@]}"; do
  PAGES[$i]=$(pdfinfo "${SRC[$i]}" 2>/dev/null | awk '/^Pages:/ {print $2}')
  PAGES[$i]=${PAGES[$i]:-0}
done

# make_corpus N DIR: N copies named NNNNN-<source name>; prints total pages.
make_corpus() {
  local n=$1 dir=$2 total=0 k=${#SRC[@]}
  rm -rf "$dir"; mkdir -p "$dir"
  for ((i = 0; i < n; i++)); do
    local j=$((i % k))
    cp "${SRC[$j]}" "$dir/$(printf %05d "$i")-$(basename "${SRC[$j]}")"
    total=$((total + PAGES[j]))
  done
  echo "$total"
}

# time_one CMD…: runs CMD once under GNU time; sets SECS and RSS_MB (peak
# resident memory; for a pipeline, of its largest process).
time_one() {
  local log
  log=$(mktemp)
  "$TIME" -v -o "$log" "$@" >/dev/null 2>"$log.err" || true
  SECS=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
  RSS_MB=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$log")
  rm -f "$log" "$log.err"
}

# measure CMD…: runs CMD REPEAT times, running $BEFORE (if set) untimed
# before each; sets SECS (fastest run) and RSS_MB (its peak memory).
measure() {
  local best="" rss="" r
  for ((r = 0; r < REPEAT; r++)); do
    if [ -n "${BEFORE:-}" ]; then eval "$BEFORE"; fi
    time_one "$@"
    if [ -z "$best" ] || awk -v a="$SECS" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$SECS
      rss=$RSS_MB
    fi
  done
  SECS=$best
  RSS_MB=$rss
}

row() { # label files pages secs rss
  awk -v l="$1" -v f="$2" -v p="$3" -v s="$4" -v r="$5" \
    'BEGIN { if (s <= 0) s = 0.001; printf "| %-32s | %8.1f | %9.1f | %7.2f | %8s |\n", l, f/s, p/s, s, r }'
}

DIR=$WORK/pdfs-$N
PAGES_N=$(make_corpus "$N" "$DIR")
echo
echo "## $N PDFs ($PAGES_N pages), $JOBS core(s), fastest of $REPEAT runs, work folder $WORK"
echo
echo "| extractor | files/s | pages/s | seconds | peak RSS MB |"
echo "|---|---:|---:|---:|---:|"
# The six measurements, run in rounds (each round runs every one once, in
# this order) so that a slow spell of the host spreads over all tools
# instead of falling on one; each keeps its fastest run.
KEYS=(ptsm1 ptsm$JOBS pdftotext1 pdftotext$JOBS)
[ "$WITH_PEER" = 0 ] || KEYS+=(peer1 peer$JOBS)
declare -A LABEL BEFORE_OF CMD BEST RSS RATE
LABEL[ptsm1]="ptsm extract -j 1"
LABEL[ptsm$JOBS]="ptsm extract -j $JOBS"
LABEL[pdftotext1]="pdftotext (xargs -P 1)"
LABEL[pdftotext$JOBS]="pdftotext (xargs -P $JOBS)"
LABEL[peer1]="pdf-extract crate (1 thr.)"
LABEL[peer$JOBS]="pdf-extract crate ($JOBS thr.)"
for j in 1 "$JOBS"; do
  BEFORE_OF[ptsm$j]="rm -rf '$WORK/out'"
  CMD[ptsm$j]="exec '$PTSM' extract -q --force -j $j '$DIR' -o '$WORK/out'"
  # pdftotext writes DIR/x.txt next to each PDF: removed before each run
  # and afterwards, so that ptsm never sees them.
  BEFORE_OF[pdftotext$j]="find '$DIR' -name '*.txt' -delete"
  CMD[pdftotext$j]="find '$DIR' -name '*.pdf' -print0 | xargs -0 -n 1 -P $j pdftotext -q"
  BEFORE_OF[peer$j]=""
  CMD[peer$j]="find '$DIR' -name '*.pdf' -print0 | sort -z | xargs -0 '$PEER' $j"
done
for ((r = 0; r < REPEAT; r++)); do
  for k in "${KEYS[@]}"; do
    eval "${BEFORE_OF[$k]}"
    time_one sh -c "${CMD[$k]}"
    if [ -z "${BEST[$k]:-}" ] || awk -v a="$SECS" -v b="${BEST[$k]}" 'BEGIN { exit !(a < b) }'; then
      BEST[$k]=$SECS
      RSS[$k]=$RSS_MB
    fi
  done
done
find "$DIR" -name '*.txt' -delete
for k in "${KEYS[@]}"; do
  RATE[$k]=${BEST[$k]}
  row "${LABEL[$k]}" "$N" "$PAGES_N" "${BEST[$k]}" "${RSS[$k]}"
done
# Writing to the disk instead (target/): the PDFs copied there, then DISK_REPEAT
# (default REPEAT) interleaved rounds of ptsm (indented JSON, its default),
# ptsm --compact and pdftotext, each run started after its previous output
# was deleted, the pending writes flushed and the deleted inodes aged (sync,
# 6 s); each keeps its fastest run. ptsm's time includes its final flush of
# the outputs (syncfs); pdftotext's does not (it never flushes).
DISK_REPEAT=${DISK_REPEAT:-$REPEAT}
rm -rf "$DISK"; mkdir -p "$DISK"; cp -r "$DIR" "$DISK/pdfs"
DKEYS=(pretty compact pdftotext)
declare -A DCMD DBEST DRSS DLABEL
DLABEL[pretty]="ptsm extract -j $JOBS, on disk"
DLABEL[compact]="ptsm extract -j $JOBS --compact, on disk"
DLABEL[pdftotext]="pdftotext (xargs -P $JOBS), on disk"
DCMD[pretty]="exec '$PTSM' extract -q --force -j '$JOBS' '$DISK/pdfs' -o '$DISK/out'"
DCMD[compact]="exec '$PTSM' extract -q --force --compact -j '$JOBS' '$DISK/pdfs' -o '$DISK/out'"
DCMD[pdftotext]="find '$DISK/pdfs' -name '*.pdf' -print0 | xargs -0 -n 1 -P $JOBS pdftotext -q"
for ((r = 0; r < DISK_REPEAT; r++)); do
  for k in "${DKEYS[@]}"; do
    rm -rf "$DISK/out"; find "$DISK/pdfs" -name '*.txt' -delete
    sync; sleep 6
    time_one sh -c "${DCMD[$k]}"
    if [ -z "${DBEST[$k]:-}" ] || awk -v a="$SECS" -v b="${DBEST[$k]}" 'BEGIN { exit !(a < b) }'; then
      DBEST[$k]=$SECS
      DRSS[$k]=$RSS_MB
    fi
  done
done
for k in "${DKEYS[@]}"; do
  row "${DLABEL[$k]}" "$N" "$PAGES_N" "${DBEST[$k]}" "${DRSS[$k]}"
done
rm -rf "$DISK"
echo
awk -v a="${RATE[ptsm1]}" -v b="${RATE[pdftotext1]}" -v c="${RATE[peer1]:-0}" \
  -v d="${RATE[ptsm$JOBS]}" -v e="${RATE[pdftotext$JOBS]}" -v f="${RATE[peer$JOBS]:-0}" -v j="$JOBS" \
  'BEGIN { printf "throughput ratios, 1 thread: ptsm/pdftotext %.2f×, ptsm/pdf-extract %.2f×\n", b/a, c/a;
           printf "throughput ratios, %d threads: ptsm/pdftotext %.2f×, ptsm/pdf-extract %.2f×\n", j, e/d, f/d }'
awk -v a="${DBEST[pretty]}" -v c="${DBEST[compact]}" -v b="${DBEST[pdftotext]}" -v j="$JOBS" -v n="$DISK_REPEAT" \
  'BEGIN { if (a <= 0) a = 0.001; if (c <= 0) c = 0.001;
           printf "on disk, %d threads, fastest of %d rounds: ptsm/pdftotext %.2f× (indented JSON), %.2f× (--compact)\n", j, n, b/a, b/c }'
echo
echo "## scaling (ptsm extract -j $JOBS)"
echo
echo "| N | pages | seconds | files/s | µs per file | peak RSS MB |"
echo "|---:|---:|---:|---:|---:|---:|"
for n in $SCALING; do
  d=$WORK/pdfs-$n
  p=$(make_corpus "$n" "$d")
  BEFORE="rm -rf '$WORK/out-$n'" measure "$PTSM" extract -q --force -j "$JOBS" "$d" -o "$WORK/out-$n"
  awk -v n="$n" -v p="$p" -v s="$SECS" -v r="$RSS_MB" \
    'BEGIN { if (s <= 0) s = 0.001; printf "| %d | %d | %.2f | %.1f | %.0f | %s |\n", n, p, s, n/s, s*1e6/n, r }'
  [ "${KEEP:-0}" = 1 ] || rm -rf "$d" "$WORK/out-$n"
done
[ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
