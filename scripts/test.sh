#!/usr/bin/env bash
# Every test of the workspace, on SQLite and PostgreSQL, with the real GeoIP
# database and (on Linux) a real Secret Service for the keyring tests. Needs PostgreSQL at 127.0.0.1:5432 (user postgres, no password);
# ORGDESK_TEST_POSTGRES may name another server.
set -euo pipefail
cd "$(dirname "$0")/.."

export ORGDESK_TEST_POSTGRES="${ORGDESK_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432}"

# A real MaxMind-format database for the sign-in location tests: the CC0
# country database from the npm registry, fetched once into target/.
assets="target/test-assets"
mmdb="$assets/geo-whois-asn-country.mmdb"
if [ ! -s "$mmdb" ] && command -v npm >/dev/null; then
  mkdir -p "$assets"
  tmp=$(mktemp -d)
  if (cd "$tmp" && npm pack --silent @ip-location-db/geo-whois-asn-country-mmdb >/dev/null 2>&1); then
    tar -xzf "$tmp"/*.tgz -C "$tmp"
    found=$(find "$tmp/package" -name '*.mmdb' | head -n 1)
    [ -n "$found" ] && cp "$found" "$mmdb"
  fi
  rm -rf "$tmp"
fi
if [ -s "$mmdb" ]; then
  export ORGDESK_TEST_GEOIP="$PWD/$mmdb"
fi

# The console keeps credentials in the OS keyring: on a headless Linux machine
# the tests get a private, unlocked Secret Service of their own.
if [ "$(uname)" = Linux ] && [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  exec scripts/with-keyring.sh cargo test --workspace "$@"
fi
cargo test --workspace "$@"
