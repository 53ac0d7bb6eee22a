#!/usr/bin/env bash
# Renders the hicolor PNG icons from ganscope.svg (committed, so a build needs no SVG renderer).
# Needs rsvg-convert (librsvg2-bin). Run from anywhere after editing the SVG.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 32 48 64 128 256; do
  rsvg-convert -w "$size" -h "$size" ganscope.svg -o "ganscope-$size.png"
done
