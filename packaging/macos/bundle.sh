#!/usr/bin/env bash
# Orgdesk.app and Orgdesk-VERSION.dmg from a built (universal) binary, on macOS:
#   packaging/macos/bundle.sh path/to/orgdesk VERSION OUT_DIR
# With APPLE_SIGNING_IDENTITY set (a "Developer ID Application: …" identity in
# the keychain), the app is signed with the hardened runtime; with
# APPLE_ID, APPLE_TEAM_ID and APPLE_APP_PASSWORD too, the DMG is notarized and
# stapled. Without them the app is unsigned (Gatekeeper asks the person).
set -euo pipefail
binary=$1 version=$2 out=$3
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
app="$out/Orgdesk.app"
rm -rf "$app"
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources"
cp "$binary" "$app/Contents/MacOS/orgdesk"
chmod 755 "$app/Contents/MacOS/orgdesk"
sed "s/@VERSION@/$version/g" "$here/Info.plist" > "$app/Contents/Info.plist"
cp "$root/assets/icons/io.orgdesk.Orgdesk.icns" "$app/Contents/Resources/"
plutil -lint "$app/Contents/Info.plist"

if [ -n "${APPLE_SIGNING_IDENTITY:-}" ]; then
  codesign --force --options runtime --timestamp \
    --entitlements "$here/entitlements.plist" \
    --sign "$APPLE_SIGNING_IDENTITY" "$app"
  codesign --verify --strict --verbose=2 "$app"
fi

dmg="$out/Orgdesk-$version.dmg"
staging="$(mktemp -d)"
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
hdiutil create -volname "Orgdesk" -srcfolder "$staging" -ov -format UDZO "$dmg"
rm -rf "$staging"

if [ -n "${APPLE_SIGNING_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$APPLE_SIGNING_IDENTITY" "$dmg"
  if [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
    xcrun notarytool submit "$dmg" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
      --password "$APPLE_APP_PASSWORD" --wait
    xcrun stapler staple "$dmg"
  fi
fi
echo "$dmg"
