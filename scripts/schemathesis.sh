#!/usr/bin/env bash
# Checks the server against its own OpenAPI document with schemathesis
# (PyPI), every check on, for a bounded time: the real binary on SQLite, an
# admin with a paid organization, and its token on every request so the
# gated routes are reached. Fails on any finding.
#
#   scripts/schemathesis.sh                 # 90 s
#   MAX_TIME=300 scripts/schemathesis.sh
#   ORGDESK_SERVER_BIN=path/to/orgdesk-server scripts/schemathesis.sh   # no build
#
# Needs curl, jq and python3 with pip (schemathesis is installed if missing).
set -euo pipefail

MAX_TIME=${MAX_TIME:-90}
SCHEMATHESIS_VERSION=4.32.5
HOST=127.0.0.1
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

for tool in curl jq python3; do
    command -v "$tool" >/dev/null || {
        echo "schemathesis.sh: $tool is missing" >&2
        exit 1
    }
done
if ! command -v schemathesis >/dev/null || [ "$(schemathesis --version | awk '{print $NF}')" != "$SCHEMATHESIS_VERSION" ]; then
    echo "== installing schemathesis $SCHEMATHESIS_VERSION (pip)"
    python3 -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
    hash -r
fi

WORK=$(mktemp -d -t orgdesk-schemathesis.XXXXXX)
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${ORGDESK_SERVER_BIN:-}" ]; then
    echo "== building orgdesk-server (debug, as the tests use it)"
    cargo build --quiet --manifest-path "$ROOT/Cargo.toml" -p orgdesk-server --bin orgdesk-server
    TARGET_DIR=$(cargo metadata --format-version 1 --no-deps --manifest-path "$ROOT/Cargo.toml" | jq -r .target_directory)
    ORGDESK_SERVER_BIN="$TARGET_DIR/debug/orgdesk-server"
fi

# Port 0: the server picks a free port and logs it (JSON logs, one per line).
RUST_LOG=${RUST_LOG:-warn,orgdesk_server=info} "$ORGDESK_SERVER_BIN" \
    --listen "$HOST:0" --log-format json \
    --database "sqlite://$WORK/fuzz.sqlite" --data-dir "$WORK/data" \
    >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
SERVER=
for _ in $(seq 1 300); do
    ADDR=$(jq -r 'select(.message == "orgdesk-server listening") | .addr' "$WORK/server.log" 2>/dev/null | head -n 1)
    if [ -n "$ADDR" ] && curl -fsS -o /dev/null "http://$ADDR/readyz"; then
        SERVER="http://$ADDR"
        break
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
done
[ -n "$SERVER" ] || {
    echo "schemathesis.sh: the server did not start" >&2
    cat "$WORK/server.log" >&2
    exit 1
}
echo "== server at $SERVER"

echo "== an admin with a paid organization"
# shellcheck source=lib/paid-org.sh
. "$ROOT/scripts/lib/paid-org.sh"
paid_org "$SERVER" fuzz '[{"product":"crm","package":"crm-team"}]'

# scripts/schemathesis.toml binds every `{org}` to this organization.
export ORGDESK_FUZZ_ORG="$ORG"

echo "== schemathesis $SCHEMATHESIS_VERSION, --checks all, ${MAX_TIME}s"
set +e
# Operations that would end the token's own session (logout, revoking it)
# are left out: everything after them would only be 401.
# (From the scratch folder: schemathesis keeps a cache in its working directory.)
(cd "$WORK" && schemathesis --config-file "$ROOT/scripts/schemathesis.toml" run "$SERVER/api/v1/openapi.json" \
    --checks all \
    --max-time "$MAX_TIME" \
    --header "Authorization: Bearer $TOKEN" \
    --exclude-path /api/v1/auth/logout \
    --exclude-path-regex '^/api/v1/me/sessions/' \
    --seed 1 \
    --no-color) | tee "$WORK/schemathesis.out"
STATUS=${PIPESTATUS[0]}
set -e
CASES=$(grep -oE '[0-9]+ generated' "$WORK/schemathesis.out" | tail -n 1 | tr -dc 0-9 || true)
echo "== schemathesis exit $STATUS after ${CASES:-?} generated test cases"
if [ "$STATUS" -ne 0 ]; then
    echo "== server log (last 40 lines)"
    tail -n 40 "$WORK/server.log"
fi
exit "$STATUS"
