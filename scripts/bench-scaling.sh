#!/usr/bin/env bash
# Scaling benchmark (not a test): is every stage linear in the document's
# length? Builds one text document by concatenating the sample releases (and
# the development set's texts, when ../shared/realworld is there), replicates
# it to documents of growing size, and times each stage on each size in
# process (examples/stages.rs). Cost per kilobyte is reported for every size,
# with its ratio to the cost per kilobyte of the smallest size measured in the
# same run: a linear stage stays near 1.0 at every size, a quadratic one grows
# with the size.
#
#   scripts/bench-scaling.sh                    # sizes 256 1024 4096 KB
#   SIZES="256 2048" ROUNDS=2 scripts/bench-scaling.sh
#
# The smallest size should hold the whole base text (about 160 KB with the
# development set), so that every size has the same mix of documents.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"256 1024 4096"}
ROUNDS=${ROUNDS:-3}
WORK=${WORK:-target/bench-scaling}
mkdir -p "$WORK"

echo "building (release)…" >&2
cargo build --release --quiet --example stages
STAGES=$PWD/target/release/examples/stages

shopt -s nullglob
SRC=(corpus/*.txt ../shared/realworld/texts/*.txt)
[ ${#SRC[@]} -gt 0 ] || { echo "no source text found" >&2; exit 2; }
BASE=$WORK/base.txt
: > "$BASE"
for f in "${SRC[@]}"; do cat "$f" >> "$BASE"; printf '\n\n' >> "$BASE"; done
echo "base: ${#SRC[@]} texts, $(wc -c < "$BASE") bytes" >&2

printf '%-8s %-10s %10s %10s %10s %10s %10s %10s\n' size stage ms "µs/KB" ratio "" "" ""
declare -A FIRST
for kb in $SIZES; do
  doc=$WORK/doc-${kb}k.txt
  : > "$doc"
  # Each copy's lines end with its own tag (lines that announce a list with
  # ":" are left as they are), so that the copies' list items, names and
  # sentences are distinct: a cost that grows with the number of distinct
  # items shows, which repeating the same text would hide.
  copy=0
  while [ "$(wc -c < "$doc")" -lt $((kb * 1024)) ]; do
    copy=$((copy + 1))
    awk -v k="$copy" '/:[[:space:]]*$/ || NF == 0 { print; next } { print $0 " v" k }' "$BASE" >> "$doc"
  done
  head -c $((kb * 1024)) "$doc" > "$doc.tmp" && mv "$doc.tmp" "$doc"
  bytes=$(wc -c < "$doc")
  line=$("$STAGES" -r "$ROUNDS" "$doc")
  for stage in ingest normalize segment extract enrich json total; do
    ms=$(sed -E "s/.* $stage ([0-9.]+).*/\1/" <<<"$line")
    per=$(awk -v ms="$ms" -v b="$bytes" 'BEGIN { printf "%.3f", ms * 1000 / (b / 1024) }')
    [ -n "${FIRST[$stage]:-}" ] || FIRST[$stage]=$per
    ratio=$(awk -v a="$per" -v b="${FIRST[$stage]}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    printf '%-8s %-10s %10s %10s %10s\n' "${kb}K" "$stage" "$ms" "$per" "$ratio"
  done
done
[ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
