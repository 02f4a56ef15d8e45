#!/usr/bin/env bash
# Runs the console under Xvfb (a virtual X display) and saves screenshots of
# sign-in, members and member details into docs/screenshots/, as README shows.
#
#   scripts/screenshots.sh            # debug build (quicker to build)
#   PROFILE=release scripts/screenshots.sh
#
# Needs (Debian/Ubuntu): apt-get install -y xvfb xdotool imagemagick
# plus gnome-keyring dbus-x11 for a keyring (scripts/with-keyring.sh).
# Everything the console writes goes to a throwaway folder (--home); the demo
# organization is seeded there on a platform started by the console itself.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in Xvfb xdotool import; do
  if ! command -v "$tool" >/dev/null; then
    echo "$0: $tool is missing; install: apt-get install -y xvfb xdotool imagemagick" >&2
    exit 127
  fi
done

if [ -z "${ORGDESK_SCREENSHOT_KEYRING:-}" ] && command -v dbus-run-session >/dev/null \
  && command -v gnome-keyring-daemon >/dev/null; then
  ORGDESK_SCREENSHOT_KEYRING=1 exec scripts/with-keyring.sh "$0" "$@"
fi

profile="${PROFILE:-debug}"
if [ "$profile" = release ]; then
  cargo build --release -p orgdesk
else
  cargo build -p orgdesk
fi
bin="${CARGO_TARGET_DIR:-target}/$profile/orgdesk"
out=docs/screenshots
mkdir -p "$out"
home="$(mktemp -d)"
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
console=""
cleanup() {
  [ -n "$console" ] && kill "$console" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$home"
}
trap cleanup EXIT
export DISPLAY="$display"
export LANG=en_US.UTF-8 LANGUAGE=en_US
sleep 1

# Waits for a window whose title matches $1, gives it the keyboard, and lets
# the first frames settle.
window() {
  local id
  id="$(timeout 120 xdotool search --sync --name "$1" | head -n1)"
  xdotool windowfocus --sync "$id" 2>/dev/null || true
  sleep "${2:-2}"
  echo "$id"
}

shot() {
  import -window root "$out/$1.png"
  echo "saved $out/$1.png"
}

# 1. Sign-in, as a newcomer sees it.
"$bin" --home "$home/first" &
console=$!
window '^Orgdesk$' 3 >/dev/null
shot sign-in
kill "$console"; wait "$console" 2>/dev/null || true

# 2. The demo organization opens on its Overview (the title names it once
#    signed in); then its Members, first in the sidebar after the Overview.
"$bin" --home "$home/demo" --demo &
console=$!
window 'Demo Corp' 4 >/dev/null
shot overview
xdotool mousemove 50 108 click 1
sleep 3
shot members

# 3. A member's details: select the first row and open it.
xdotool key Down
sleep 0.5
xdotool key Return
sleep 3
shot member-details

# 4. The other sections, by clicking the sidebar (the window fills the display).
xdotool key Escape
sleep 1
section() {
  xdotool mousemove "$2" "$3" click 1
  sleep "${4:-3}"
  shot "$1"
}
section groups 50 143
section invitations 50 178
section audit-log 50 213
section organization 50 248
