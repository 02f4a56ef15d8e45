#!/usr/bin/env bash
# Runs a command with a private, unlocked Secret Service: a new D-Bus session bus
# (dbus-run-session) with gnome-keyring-daemon on it, its keyring in a throwaway
# folder unlocked with a throwaway password. For headless Linux (CI, containers);
# on a desktop the session's own keyring is used without this script.
#
#   scripts/with-keyring.sh cargo test -p orgdesk --test keyring
#   scripts/with-keyring.sh scripts/test.sh
#
# Debian/Ubuntu packages: gnome-keyring and dbus-x11 (a session bus for it;
# it brings dbus-daemon with dbus-run-session, and dbus-bin with dbus-send):
#   apt-get install -y --no-install-recommends gnome-keyring dbus-x11
# libsecret-tools adds `secret-tool` for looking inside by hand.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

if [ -z "${ORGDESK_KEYRING_BUS:-}" ]; then
  for tool in dbus-run-session gnome-keyring-daemon dbus-send; do
    if ! command -v "$tool" >/dev/null; then
      echo "$0: $tool is missing; install: apt-get install -y --no-install-recommends gnome-keyring dbus-x11" >&2
      exit 127
    fi
  done
  # Start again inside a new session bus; the bus (and the daemon with it) ends
  # when the command does.
  ORGDESK_KEYRING_BUS=1 exec dbus-run-session -- "$0" "$@"
fi
unset ORGDESK_KEYRING_BUS

keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/orgdesk-keyring.XXXXXX")
cleanup() { rm -rf "$keyring_home"; }
trap cleanup EXIT

# The daemon keeps its keyrings in $XDG_DATA_HOME/keyrings and its control socket
# in $XDG_RUNTIME_DIR: both point at the throwaway folder, for the daemon only, so
# the user's own keyrings are never touched. --unlock reads the password on stdin,
# creates the "login" keyring (the default collection) and forks into the background.
mkdir -m 700 "$keyring_home/data" "$keyring_home/run"
printf '%s' "orgdesk-test-keyring" |
  XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run" \
    gnome-keyring-daemon --unlock --components=secrets >/dev/null

# Ready once org.freedesktop.secrets is owned on the bus (bounded wait).
ready=""
for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
    grep -q "boolean true"; then
    ready=1
    break
  fi
  sleep 0.1
done
if [ -z "$ready" ]; then
  echo "$0: gnome-keyring-daemon did not take org.freedesktop.secrets on the session bus" >&2
  exit 1
fi

status=0
"$@" || status=$?
exit "$status"
