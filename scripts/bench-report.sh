#!/usr/bin/env bash
# Benchmark of the review report (not a test): `ptsm report` on 1,000 to
# 10,000 documents, and the time its index takes to open in headless
# Chromium, each against a reference measured in the same run.
#
#   scripts/bench-report.sh                   # SIZES="1000 2500 5000 10000"
#   SIZES="500 1000" REPEAT=1 scripts/bench-report.sh
#
# The documents: the JSON that `ptsm extract` writes for the shipped corpus
# (22 files) and, when it is there, ../shared/realworld/texts (60), copied
# under new names until there are N of them (hard links: the report reads
# each as a document of its own). Thumbnails are off (`--thumbnails
# never`): the copies' sources are not where they say, and pdftoppm's time
# is not the report's.
#
# Rows, best of REPEAT rounds:
#   report N      wall and CPU (user + sys) seconds of `ptsm report` on N
#                 documents, and the time per document against the smallest
#                 N (the reference): a ratio near 1.00 at every N is linear
#                 time (CPU time is the steadier figure on a shared machine);
#   size N        the report's size on disk (du) and per document;
#   index N       the index opening in Chromium, from the navigation start
#                 to the end of its script (examples/report_open.rs), against
#                 the index of the smallest N.
#
# Needs: cargo; Chromium for the index rows (Debian's `chromium`, or
# PTSM_CHROMIUM), skipped when absent. Work files go to a tmpfs when there
# is one (WORK=DIR to choose), and are removed at the end (KEEP=1 keeps them).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 2500 5000 10000"}
REPEAT=${REPEAT:-3}
RUNS=${RUNS:-5}
if [ -z "${WORK:-}" ]; then
  WORK=target/bench-report
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then WORK=/dev/shm/ptsm-bench-report; fi
fi
rm -rf "$WORK"
mkdir -p "$WORK"
# The reports of 10,000 documents take a few hundred MB: removed at the end
# unless KEEP=1.
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT

echo "building (release)…" >&2
[ "${NO_BUILD:-0}" = 1 ] || cargo build --release --quiet --bin ptsm --example report_open
PTSM=$PWD/target/release/ptsm
OPEN=$PWD/target/release/examples/report_open

# The seed: the corpus' JSON and the development set's.
"$PTSM" extract -q corpus -o "$WORK/seed/corpus" || true
if [ -d ../shared/realworld/texts ]; then
  "$PTSM" extract -q ../shared/realworld/texts -o "$WORK/seed/realworld" || true
fi
mapfile -t SEED < <(find "$WORK/seed" -name '*.json' -not -name 'summary.json' | sort)
[ ${#SEED[@]} -gt 0 ] || { echo "no JSON made from corpus/" >&2; exit 2; }
echo "seed: ${#SEED[@]} documents" >&2

# N documents: the seed copied round-robin, in folders of 1,000 (as a
# batch of real files would be spread).
make_set() {
  python3 - "$1" "$WORK/in-$1" "${SEED[@]}" <<'PY'
import os, shutil, sys
n, out, seed = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
for i in range(n):
    s = seed[i % len(seed)]
    d = os.path.join(out, str(i // 1000))
    os.makedirs(d, exist_ok=True)
    t = os.path.join(d, "%05d-%s" % (i, os.path.basename(s)))
    try:
        os.link(s, t)
    except OSError:
        shutil.copyfile(s, t)
PY
}

secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
now() { date +%s.%N; }

declare -A BEST CPU
for n in $SIZES; do make_set "$n"; done
for r in $(seq 1 "$REPEAT"); do
  for n in $SIZES; do
    /usr/bin/time -f '%e %U %S' -o "$WORK/time" \
      "$PTSM" report -q --thumbnails never "$WORK/in-$n" -o "$WORK/report-$n"
    read -r t u sy < "$WORK/time"
    c=$(awk -v u="$u" -v s="$sy" 'BEGIN { printf "%.2f", u + s }')
    if [ -z "${BEST[$n]:-}" ] || awk -v a="$t" -v b="${BEST[$n]}" 'BEGIN { exit !(a < b) }'; then
      BEST[$n]=$t
    fi
    if [ -z "${CPU[$n]:-}" ] || awk -v a="$c" -v b="${CPU[$n]}" 'BEGIN { exit !(a < b) }'; then
      CPU[$n]=$c
    fi
  done
done

REF=${SIZES%% *}
echo
echo "ptsm report, best of $REPEAT rounds ($(nproc) cores); reference: $REF documents"
printf '%-9s %8s %8s %12s %8s %8s %9s %12s\n' documents wall "cpu s" "cpu ms/doc" "vs ref" "wall vs" "size MB" "KB/document"
for n in $SIZES; do
  bytes=$(du -sb "$WORK/report-$n" | cut -f1)
  awk -v n="$n" -v t="${BEST[$n]}" -v c="${CPU[$n]}" -v rn="$REF" -v rt="${BEST[$REF]}" -v rc="${CPU[$REF]}" -v b="$bytes" 'BEGIN {
    printf "%-9d %8.2f %8.2f %12.3f %8.2f %8.2f %9.1f %12.1f\n", n, t, c, c * 1000 / n, (c / n) / (rc / rn), (t / n) / (rt / rn), b / 1e6, b / 1024 / n }'
done
echo "(vs ref: time per document over the reference's; cpu = user + sys, steadier than wall on a shared machine)"

echo
if [ "${INDEX:-1}" = 0 ]; then
  echo "index rows not run (INDEX=0)"
elif [ -n "${PTSM_CHROMIUM:-}" ] || command -v chromium >/dev/null || command -v chromium-browser >/dev/null; then
  for n in $SIZES; do
    [ "$n" = "$REF" ] && continue
    echo "index of $n documents, against the index of $REF ($RUNS runs each, in turn):"
    "$OPEN" "$WORK/report-$n" "$WORK/report-$REF" "$RUNS"
  done
else
  echo "SKIPPED the index rows: no Chromium (apt-get install chromium, or set PTSM_CHROMIUM)"
fi
