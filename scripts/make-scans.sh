#!/usr/bin/env bash
# Scanned copies of PDF renderings, made as a scanner makes them: each page
# rendered by pdftoppm, turned into a grey JPEG or a black-and-white CCITT G4
# TIFF by ImageMagick (optionally turned by up to ±1.5°, speckled and
# JPEG-damaged), and the pages wrapped back into a PDF by img2pdf. No text
# layer is left: what ptsm reads from them comes from OCR.
#
#   scripts/make-scans.sh SRC_DIR OUT_DIR [VARIANT...]
#
# Writes OUT_DIR/VARIANT/NAME.pdf for every SRC_DIR/NAME.pdf (the names of
# the renderings are kept, so that pdftext-eval finds their references), and
# OUT_DIR/mixed/NAME.pdf for the first rendering: its page 1 as it is (text
# layer) and its other pages scanned ($MIXED_VARIANT, default 300-gray).
# Variants DPI-KIND, KIND one of gray (JPEG), bw (CCITT G4), noisy (turned
# ±1.5°, speckled, JPEG quality 35), noisybw (turned, speckled, CCITT),
# rot90bw (stored turned, shown upright by /Rotate 90). Default: 300-gray
# 300-bw 200-gray 150-gray 150-bw 300-noisy.
#
# Needs: poppler-utils (pdftoppm, pdfseparate, pdfunite), imagemagick, img2pdf
#   apt-get install poppler-utils imagemagick img2pdf
set -euo pipefail

src=${1:?usage: make-scans.sh SRC_DIR OUT_DIR [VARIANT...]}
out=${2:?usage: make-scans.sh SRC_DIR OUT_DIR [VARIANT...]}
shift 2
variants=("$@")
if [ ${#variants[@]} -eq 0 ]; then
    variants=(300-gray 300-bw 200-gray 150-gray 150-bw 300-noisy)
fi
for tool in pdftoppm pdfseparate pdfunite convert img2pdf; do
    command -v "$tool" >/dev/null || { echo "make-scans: $tool is missing" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# scan PDF OUT.pdf VARIANT
scan() {
    local pdf=$1 dest=$2 variant=$3
    local dpi=${variant%%-*} kind=${variant#*-}
    local dir="$work/pages"
    rm -rf "$dir" && mkdir -p "$dir"
    pdftoppm -r "$dpi" -gray "$pdf" "$dir/p"
    local i=0 page
    for page in "$dir"/p-*.pgm; do
        i=$((i + 1))
        local base=${page%.pgm}
        local density=(-density "$dpi" -units PixelsPerInch)
        case $kind in
            gray)
                convert "$page" "${density[@]}" -quality 85 "$base.jpg" ;;
            bw)
                convert "$page" "${density[@]}" -threshold 55% -type bilevel \
                    -compress Group4 "$base.tif" ;;
            noisy | noisybw)
                # Odd pages turned one way, even pages the other; the canvas
                # cut back to the page; speckles; heavy JPEG compression
                # (noisy), or thresholded to black and white (noisybw).
                local angle=1.5
                [ $((i % 2)) -eq 0 ] && angle=-1.5
                local size
                size=$(identify -format '%wx%h' "$page")
                if [ "$kind" = noisy ]; then
                    convert "$page" "${density[@]}" -background white -rotate "$angle" \
                        -gravity center -extent "$size" +repage -attenuate 0.2 +noise Impulse \
                        -quality 35 "$base.jpg"
                else
                    convert "$page" "${density[@]}" -background white -rotate "$angle" \
                        -gravity center -extent "$size" +repage -attenuate 0.1 +noise Impulse \
                        -threshold 55% -type bilevel -compress Group4 "$base.tif"
                fi ;;
            rot90bw)
                # Stored turned a quarter counter-clockwise; the page's
                # /Rotate 90 shows it upright (set by img2pdf below).
                convert "$page" "${density[@]}" -rotate -90 -threshold 55% -type bilevel \
                    -compress Group4 "$base.tif" ;;
            *) echo "make-scans: unknown variant $variant" >&2; exit 1 ;;
        esac
        rm -f "$page"
    done
    local rotation=()
    [ "$kind" = rot90bw ] && rotation=(--rotation 90)
    img2pdf "${rotation[@]}" "$dir"/p-*.* -o "$dest"
}

for variant in "${variants[@]}"; do
    mkdir -p "$out/$variant"
    for pdf in "$src"/*.pdf; do
        scan "$pdf" "$out/$variant/$(basename "$pdf")" "$variant"
    done
    echo "make-scans: $out/$variant" >&2
done

# The mixed document: page 1 keeps its text layer, the others are scans.
first=$(ls "$src"/*.pdf | head -n 1)
mkdir -p "$out/mixed" "$work/mixed"
scan "$first" "$work/mixed/scanned.pdf" "${MIXED_VARIANT:-300-gray}"
pdfseparate "$first" "$work/mixed/text-%d.pdf"
pdfseparate "$work/mixed/scanned.pdf" "$work/mixed/scan-%d.pdf"
parts=("$work/mixed/text-1.pdf")
n=$(ls "$work/mixed"/scan-*.pdf | wc -l)
for ((p = 2; p <= n; p++)); do
    parts+=("$work/mixed/scan-$p.pdf")
done
pdfunite "${parts[@]}" "$out/mixed/$(basename "$first")"
echo "make-scans: $out/mixed" >&2
