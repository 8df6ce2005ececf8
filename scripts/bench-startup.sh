#!/usr/bin/env bash
# Start-up benchmark (not a test): what one process per file costs, for users
# who call ptsm once per file (xargs, GNU parallel, a Spark `pipe` stage).
#
#   scripts/bench-startup.sh            # CALLS=200 calls of each, ROUNDS=5
#   CALLS=100 ROUNDS=3 scripts/bench-startup.sh
#
# In the same run, in interleaved rounds (each round runs every command
# CALLS times in a row, in turn), it times:
#   - `/bin/true`: the cost of starting any process from this loop, the floor;
#   - `ptsm extract tiny.txt --stdout`: a one-line text document, whole
#     pipeline, JSON on standard output;
#   - `ptsm extract one-page.pdf --stdout`: page 1 of a corpus PDF;
#   - `pdftotext one-page.pdf -`: the same page, text only.
# and prints, per command, the median over rounds of the wall and CPU
# milliseconds per call (GNU time on the loop), the CPU over /bin/true's and
# the ratio to pdftotext. On a shared machine the absolute times drift and
# the wall time includes waiting for a core: quote the CPU and the ratios of
# one run.
#
# Needs: cargo, pdftotext and pdfseparate (apt-get install poppler-utils),
# GNU time (/usr/bin/time, apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."

CALLS=${CALLS:-200}
ROUNDS=${ROUNDS:-5}
WORK=${WORK:-$(mktemp -d)}
for tool in pdftotext pdfseparate; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install poppler-utils" >&2; exit 2; }
done

if [ -z "${PTSM:-}" ]; then
  echo "building (release)…" >&2
  cargo build --release --quiet
  PTSM=$PWD/target/release/ptsm
fi

printf 'Le PTSM de l’Orne compte 8 groupes de travail et 5 actions.\n' >"$WORK/tiny.txt"
pdfseparate -f 1 -l 1 corpus/meuse-ctsm-2023.reportlab.pdf "$WORK/one-page.pdf"

LABELS=("/bin/true" "ptsm extract tiny.txt --stdout" "ptsm extract one-page.pdf --stdout" "pdftotext one-page.pdf -")
CMDS=(
  "/bin/true"
  "'$PTSM' extract -q '$WORK/tiny.txt' --stdout"
  "'$PTSM' extract -q '$WORK/one-page.pdf' --stdout"
  "pdftotext -q '$WORK/one-page.pdf' -"
)
run() { # index: runs command i CALLS times under GNU time; prints "wall cpu" seconds
  local log
  log=$(mktemp)
  /usr/bin/time -f '%e %U %S' -o "$log" sh -c "i=0; while [ \$i -lt $CALLS ]; do ${CMDS[$1]} >/dev/null; i=\$((i + 1)); done"
  awk '{ printf "%s %.3f\n", $1, $2 + $3 }' "$log"
  rm -f "$log"
}

# Warm-up: one call of each (page cache, dynamic loader).
for i in 0 1 2 3; do run "$i" >/dev/null; done
declare -A WALL CPU
for ((r = 0; r < ROUNDS; r++)); do
  for i in 0 1 2 3; do read -r "WALL[$i,$r]" "CPU[$i,$r]" < <(run "$i"); done
done

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
declare -a W C
for i in 0 1 2 3; do
  W[$i]=$(for ((r = 0; r < ROUNDS; r++)); do echo "${WALL[$i,$r]}"; done | median | awk -v c="$CALLS" '{printf "%.3f", $1 * 1000 / c}')
  C[$i]=$(for ((r = 0; r < ROUNDS; r++)); do echo "${CPU[$i,$r]}"; done | median | awk -v c="$CALLS" '{printf "%.3f", $1 * 1000 / c}')
done

echo "## start-up: $CALLS calls per round, median of $ROUNDS interleaved rounds, $(nproc) core(s)"
echo
echo "CPU is user + system time of the loop and its processes (the loop's own shell included,"
echo "as in /bin/true's row): it does not count time spent waiting for a core, so it holds on"
echo "a loaded machine where the wall time does not."
echo
echo "| command | wall ms per call | CPU ms per call | CPU ms over /bin/true | CPU × pdftotext (one page) |"
echo "|---|---:|---:|---:|---:|"
for i in 0 1 2 3; do
  awk -v l="${LABELS[$i]}" -v w="${W[$i]}" -v m="${C[$i]}" -v t="${C[0]}" -v p="${C[3]}" \
    'BEGIN { if (p <= 0) p = 0.001; printf "| %s | %.2f | %.2f | %.2f | %.2f |\n", l, w, m, m - t, m / p }'
done
[ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
