#!/usr/bin/env bash
# Validates the desktop entry and the AppStream metainfo with the tools the
# desktops use (Debian's desktop-file-utils and appstream). `appstreamcli`
# runs with --no-net: it does not fetch the screenshots to check them (this
# machine and CI reach only package registries).
# A validator that is not installed is skipped with a note, unless
# ORGDESK_REQUIRE_VALIDATORS=1 (CI), which fails instead.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
id=io.orgdesk.Orgdesk
missing=0

if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$here/$id.desktop"
  echo "desktop entry: valid"
else
  echo "desktop-file-validate missing (apt-get install desktop-file-utils): desktop entry not validated" >&2
  missing=1
fi

if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net --explain "$here/$id.metainfo.xml"
else
  echo "appstreamcli missing (apt-get install appstream): metainfo not validated" >&2
  missing=1
fi

if [ "$missing" = 1 ] && [ "${ORGDESK_REQUIRE_VALIDATORS:-0}" = 1 ]; then
  exit 1
fi
