#!/usr/bin/env bash
# Runs the console under Xvfb (a virtual X display) and saves screenshots of
# every section, in light and dark and in English and German, as
#   docs/screenshots/<language>/<theme>/<shot>.png
# (language en-US or de-DE, theme light or dark), which README shows and links.
# Shots: sign-in, overview, members, context-menu (a member's), member-details,
# groups, invitations, audit-log, organization, governance, profile (My
# Profile), palette (Ctrl+K) and keyboard-focus (the ring after a few Tabs). The console's own output goes to a log in
# the throwaway folder.
#
#   scripts/screenshots.sh                  # every variant, debug build
#   PROFILE=release scripts/screenshots.sh
#   VARIANTS="en-US/light de-DE/dark" scripts/screenshots.sh   # only these
#
# Needs (Debian/Ubuntu): apt-get install -y xvfb xdotool imagemagick
# plus gnome-keyring dbus-x11 for a keyring (scripts/with-keyring.sh);
# pngquant (optional) makes the files smaller.
# Everything the console writes goes to a throwaway folder (--home) holding a
# settings.toml with the variant's theme and language; the demo organization
# is seeded there on a platform started by the console itself.
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
if [ -z "${ORGDESK_SCREENSHOT_BIN:-}" ]; then
  if [ "$profile" = release ]; then
    cargo build --release -p orgdesk
  else
    cargo build -p orgdesk
  fi
fi
bin="${ORGDESK_SCREENSHOT_BIN:-${CARGO_TARGET_DIR:-target}/$profile/orgdesk}"
variants="${VARIANTS:-en-US/light en-US/dark de-DE/light de-DE/dark}"
tmp="$(mktemp -d)"
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
console=""
cleanup() {
  [ -n "$console" ] && kill "$console" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
export DISPLAY="$display"
export LANG=en_US.UTF-8 LANGUAGE=en_US
sleep 1

# Waits for a window whose title matches $1, gives it the keyboard, and lets
# the first frames settle.
window() {
  local id
  id="$(timeout 180 xdotool search --sync --name "$1" | head -n1)"
  xdotool windowfocus --sync "$id" 2>/dev/null || true
  sleep "${2:-2}"
  echo "$id"
}

# Saves the display as $out/$1.png, smaller with pngquant where installed.
shot() {
  local file="$out/$1.png"
  import -window root -strip "$file"
  if command -v pngquant >/dev/null; then
    pngquant --force --skip-if-larger --strip --quality 65-90 --output "$file" "$file" || true
  fi
  echo "saved $file"
}

# A fresh home whose settings pick the variant's theme and language.
home_for() {
  local home="$tmp/$1"
  mkdir -p "$home"
  printf 'language = "%s"\ntheme = "%s"\n' "$language" "$theme" >"$home/settings.toml"
  echo "$home"
}

stop_console() {
  kill "$console" 2>/dev/null || true
  wait "$console" 2>/dev/null || true
  console=""
}

# Clicks at ($2, $3) and saves the result as $1.
click_shot() {
  xdotool mousemove "$2" "$3" click 1
  sleep "${4:-3}"
  shot "$1"
}

# The sidebar's entries, from the top (the window fills the display).
y_overview=75 y_members=107 y_groups=139 y_invitations=171
y_audit=203 y_organization=235 y_governance=268

for variant in $variants; do
  language="${variant%/*}"
  theme="${variant#*/}"
  out="docs/screenshots/$language/$theme"
  mkdir -p "$out"
  echo "== $language $theme"

  # 1. Sign-in, as a newcomer sees it.
  "$bin" --home "$(home_for "$language-$theme-first")" >>"$tmp/console.log" 2>&1 &
  console=$!
  window '^Orgdesk$' 3 >/dev/null
  shot sign-in
  stop_console

  # 2. The demo organization opens on its Overview (the title names it once
  #    signed in).
  "$bin" --home "$(home_for "$language-$theme-demo")" --demo >>"$tmp/console.log" 2>&1 &
  console=$!
  window 'Demo Corp' 4 >/dev/null
  shot overview
  click_shot members 50 "$y_members"

  # 2a. The keyboard: Tab walks the controls and a ring shows the focus;
  #     a click on the empty status line ends it (Enter opens rows again).
  for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do
    xdotool key Tab
    sleep 0.2
  done
  sleep 1
  shot keyboard-focus
  xdotool mousemove 900 788 click 1
  sleep 0.5

  # 3. The first member: its context menu (Shift+F10), then its details.
  xdotool key Down
  sleep 0.5
  xdotool key shift+F10
  sleep 1.5
  shot context-menu
  xdotool key Escape
  sleep 0.5
  xdotool key Return
  sleep 3
  shot member-details
  xdotool key Escape
  sleep 1

  # 4. The other sections, by clicking the sidebar.
  click_shot groups 50 "$y_groups"
  click_shot invitations 50 "$y_invitations"
  click_shot audit-log 50 "$y_audit"
  click_shot organization 50 "$y_organization"
  click_shot governance 50 "$y_governance"

  # 5. My Profile, first in the menu under the person's name (top right).
  xdotool mousemove 1190 24 click 1
  sleep 1
  click_shot profile 1130 64

  # 6. The command palette (Ctrl+K) over it.
  xdotool key ctrl+k
  sleep 1.5
  shot palette
  stop_console
done

# The English light shots are also the default ones, under docs/screenshots/
# directly: README shows them and the AppStream metainfo
# (packaging/linux/io.orgdesk.Orgdesk.metainfo.xml) points at them. Git keeps
# one copy of identical files.
if [ -d docs/screenshots/en-US/light ]; then
  cp docs/screenshots/en-US/light/*.png docs/screenshots/
fi
