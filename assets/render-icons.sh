#!/usr/bin/env bash
# Renders the app icon from its SVG source into every size and format the
# console and its packages use; the results are committed under assets/icons/.
#   PNG 16–512  hicolor icons (Linux packages), the window icon (256)
#   .ico        Windows (MSI, the executable's resource)
#   .icns       macOS (the app bundle)
# Needs Debian's librsvg2-bin (rsvg-convert), icoutils (icotool) and
# icnsutils (png2icns): `apt-get install librsvg2-bin icoutils icnsutils`.
set -euo pipefail
cd "$(dirname "$0")"
id=io.orgdesk.Orgdesk
svg="$id.svg"
out=icons
for tool in rsvg-convert icotool png2icns; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install librsvg2-bin icoutils icnsutils" >&2; exit 1; }
done
mkdir -p "$out"
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio "$svg" --output "$out/$id-$size.png"
done
# Windows shows 16–48 in lists and 256 in large views (stored as PNG inside).
icotool --create --output "$out/$id.ico" \
  "$out/$id-16.png" "$out/$id-24.png" "$out/$id-32.png" "$out/$id-48.png" \
  "$out/$id-64.png" "$out/$id-128.png" --raw="$out/$id-256.png"
png2icns "$out/$id.icns" \
  "$out/$id-16.png" "$out/$id-32.png" "$out/$id-48.png" \
  "$out/$id-128.png" "$out/$id-256.png" "$out/$id-512.png" >/dev/null
ls -l "$out"
