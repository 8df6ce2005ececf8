#!/usr/bin/env bash
# Rebuilds the scans kept in tests/data/ocr/ (small: black and white, CCITT
# G4) from the Meuse LibreOffice rendering, with scripts/make-scans.sh:
#   meuse-ctsm-2023.libreoffice.300-bw.pdf     both pages scanned at 300 dpi
#   meuse-ctsm-2023.libreoffice.mixed.pdf      page 1 text layer, page 2 scanned
#   meuse-ctsm-2023.libreoffice.noisy-p1.pdf   page 1 turned 1.5°, speckled
#   meuse-ctsm-2023.libreoffice.rot90-p2.pdf   page 2 stored turned, /Rotate 90
set -euo pipefail
cd "$(dirname "$0")/.."
src=corpus/meuse-ctsm-2023.libreoffice.pdf
dest=tests/data/ocr
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in" "$dest"
cp "$src" "$work/in/"
MIXED_VARIANT=300-bw scripts/make-scans.sh "$work/in" "$work/out" 300-bw 300-noisybw 300-rot90bw
name=$(basename "$src" .pdf)
cp "$work/out/300-bw/$name.pdf" "$dest/$name.300-bw.pdf"
cp "$work/out/mixed/$name.pdf" "$dest/$name.mixed.pdf"
pdfseparate -f 1 -l 1 "$work/out/300-noisybw/$name.pdf" "$dest/$name.noisy-p1.pdf"
pdfseparate -f 2 -l 2 "$work/out/300-rot90bw/$name.pdf" "$dest/$name.rot90-p2.pdf"
ls -l "$dest"
