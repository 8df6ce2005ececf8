#!/usr/bin/env bash
# Compares ptsm's text with pdftotext's and MuPDF's on the PDFs of
# tests/data/reliability/ (issue 20: silent text loss and glued words), and
# writes pdftotext's text again as <file>.pdftotext.txt (the reference that
# tests/reliability.rs reads). Needs poppler-utils and mupdf-tools.
#
#   scripts/compare-readers.sh [PTSM_BINARY]   # default target/release/ptsm
#
# For each file: the words (letters and digits) pdftotext and mutool read
# that ptsm's `text --furniture` lacks. A word ptsm lacks is text lost; a
# glued word shows as several missing ones.
set -euo pipefail
cd "$(dirname "$0")/.."
ptsm=${1:-target/release/ptsm}
dir=tests/data/reliability
missing() { # reference file, ptsm file
    python3 - "$1" "$2" <<'PY'
import collections, sys, unicodedata
def fold(s):
    s = unicodedata.normalize("NFKC", s)
    for a, b in [("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'),
                 ("«", '"'), ("»", '"'), ("\u2013", "-"), ("\u2014", "-")]:
        s = s.replace(a, b)
    return s
def words(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    w = ("".join(c for c in t if c.isalnum()) for t in fold(text).split())
    return collections.Counter(x for x in w if x)
ref, got = words(sys.argv[1]), words(sys.argv[2])
miss = ref - got
print(f"{sum(ref.values()):>6} {sum(miss.values()):>5}", " ".join(list(miss)[:5]))
PY
}
printf '%-34s %-18s %-18s\n' file "pdftotext words/missing" "mutool words/missing"
for f in "$dir"/*.pdf; do
    b=$(basename "$f" .pdf)
    pdftotext -enc UTF-8 "$f" "$dir/$b.pdftotext.txt" 2>/dev/null || true
    mutool draw -q -F txt -o /tmp/compare-readers.mutool.txt "$f" 2>/dev/null || : >/tmp/compare-readers.mutool.txt
    "$ptsm" text --furniture "$f" >/tmp/compare-readers.ptsm.txt 2>/dev/null || true
    printf '%-34s %-24s %s\n' "$b" \
        "$(missing "$dir/$b.pdftotext.txt" /tmp/compare-readers.ptsm.txt)" \
        "$(missing /tmp/compare-readers.mutool.txt /tmp/compare-readers.ptsm.txt)"
done
