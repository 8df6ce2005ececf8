#!/usr/bin/env bash
# Seeds the corpora and runs the fuzz targets (see README.md, "Fuzzing").
#
#   fuzz/run.sh seed               # (re)build corpus/pdf and corpus/text
#   fuzz/run.sh pdf  [SECONDS]     # fuzz the PDF path (default 600 s)
#   fuzz/run.sh text [SECONDS]     # fuzz the text path
#   fuzz/run.sh html [SECONDS]     # fuzz the web-page path
#
# Extra arguments after SECONDS go to libFuzzer. One job, low priority: the
# machine is shared. SANITIZER=none|address (default address).
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
shared=${PTSM_SHARED:-$here/../../shared}

seed() {
    mkdir -p corpus/pdf corpus/text corpus/html
    python3 seeds.py corpus/pdf >/dev/null
    cp ../corpus/*.pdf corpus/pdf/
    for f in ../tests/data/bad/*; do
        case $f in *.tsv | *image-only*) ;; *) [ -s "$f" ] && cp "$f" corpus/pdf/ ;; esac
    done
    # (image-only-scan.pdf is 475 KB of image data: not a useful seed.)
    # The reliability inputs of issue 20 (broken tokens, missing /Length,
    # odd encryption, page-tree cycles, cut streams), but the 322 KB one.
    # (Not tests/data/fuzz: bombs that take seconds each by design.)
    for f in ../tests/data/reliability/*.pdf; do
        [ "$(stat -c %s "$f")" -lt 100000 ] && cp "$f" corpus/pdf/
    done
    # Small real-world files (< 40 KB): other producers, fonts, encryption.
    if [ -d "$shared/pdf-corpus/real" ]; then
        find "$shared/pdf-corpus/real" -name '*.pdf' -size -40k -exec cp {} corpus/pdf/ \;
    fi
    cp ../corpus/*.txt corpus/text/
    # Encoding variants of the start of one release.
    python3 - <<'PY'
t = open("../corpus/meuse-ctsm-2023.txt", encoding="utf-8").read()[:3000]
out = {
    "utf8-bom.txt": b"\xef\xbb\xbf" + t.encode("utf-8"),
    "utf16le.txt": b"\xff\xfe" + t.encode("utf-16-le"),
    "utf16be.txt": b"\xfe\xff" + t.encode("utf-16-be"),
    "cp1252-crlf.txt": t.replace("\n", "\r\n").encode("cp1252", "replace"),
    "mojibake.txt": t.encode("utf-8").decode("cp1252", "replace").encode("utf-8"),
}
# Pathological text (issue 20, slow paths): one repeated wide character,
# a long line, list items without end, controls.
out["fdfa.txt"] = ("\ufdfa" * 2000).encode("utf-8")
out["long-line.txt"] = ("Action 1.2 : mettre en place " * 400).encode("utf-8")
out["items.txt"] = b"- Action 1.2 : mettre en place un dispositif\n" * 300
out["nbsp-ligatures.txt"] = ("\ufb01n\u00a0: \u2028 l\u2019ARS \ufb03 " * 200).encode("utf-8")
for name, data in out.items():
    open("corpus/text/seed-" + name, "wb").write(data)
# Web pages made from the releases (no HTML file is kept in the
# repository): headings, paragraphs, lists and a table, in UTF-8 and in
# windows-1252 declared by a meta tag, and a saved page's furniture.
import html
paras = [p for p in open("../corpus/meuse-ctsm-2023.txt", encoding="utf-8").read().split("\n") if p.strip()][:40]
body = "".join(
    f"<h2>{html.escape(p)}</h2>" if len(p) < 60 and not p.startswith("-")
    else f"<ul><li>{html.escape(p.lstrip('- '))}</li></ul>" if p.startswith("-")
    else f"<p>{html.escape(p)}</p>"
    for p in paras
)
page = (
    "<!DOCTYPE html><html lang=fr><head><meta charset={cs}><title>{t}</title>"
    "<meta property=og:title content=\"{t}\"><meta name=author content=\"ARS Grand Est\">"
    "<meta property=article:published_time content=2023-06-12></head><body>"
    "<nav><a href=/>Accueil</a> &gt; <a href=/actu>Actualités</a></nav>"
    "<article><h1>{t}</h1><time datetime=2023-06-12>12 juin 2023</time>{b}"
    "<table><tr><th>Action</th><th>Porteur</th></tr><tr><td>Équipe mobile</td><td>CH Verdun</td></tr></table>"
    "</article><footer>© ARS · Mentions légales</footer><script>var x = '<p>';</script></body></html>"
)
t = html.escape(paras[0])
open("corpus/html/seed-release-utf8.html", "wb").write(page.format(cs="utf-8", t=t, b=body).encode("utf-8"))
open("corpus/html/seed-release-1252.html", "wb").write(
    page.format(cs="windows-1252", t=t, b=body).encode("cp1252", "xmlcharrefreplace"))
PY
    # Web pages: the test pages, and the readability corpus' sources
    # under 100 KB (real sites: scripts, tables, broken markup).
    find ../tests/data -name '*.htm*' -size -100k -exec cp {} corpus/html/ \; 2>/dev/null || true
    if [ -d "$shared/html-corpus/readability" ]; then
        for d in "$shared"/html-corpus/readability/*/; do
            f="$d/source.html"
            [ -f "$f" ] && [ "$(stat -c %s "$f")" -lt 100000 ] && cp "$f" "corpus/html/$(basename "$d").html"
        done
    fi
    ls corpus/pdf | wc -l | xargs echo "pdf seeds:"
    ls corpus/text | wc -l | xargs echo "text seeds:"
    ls corpus/html | wc -l | xargs echo "html seeds:"
}

case ${1:-} in
seed) seed ;;
pdf | text | html)
    target=$1
    secs=${2:-600}
    shift $(($# >= 2 ? 2 : 1))
    [ -d corpus/$target ] || seed
    mkdir -p artifacts/$target
    exec nice -n 19 env RUSTC_BOOTSTRAP=1 cargo fuzz run -s "${SANITIZER:-address}" "$target" \
        "corpus/$target" -- -dict="$target.dict" -max_total_time="$secs" \
        -rss_limit_mb=2048 -timeout=10 -max_len=262144 -print_final_stats=1 "$@"
    ;;
*)
    sed -n '2,10p' "$0"
    exit 2
    ;;
esac
