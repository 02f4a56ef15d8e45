#!/usr/bin/env bash
# Load test on loopback: requests/s of a permission-gated read route of the
# real server (GET /api/v1/orgs/{org}/groups with a bearer token, SQLite) next
# to a bare axum JSON endpoint (crates/server/examples/bare_axum.rs).
#
#   scripts/load.sh            # 10 s, 64 connections, 2 wrk threads
#   DURATION=30s CONNECTIONS=128 scripts/load.sh
#
# Needs curl, jq and wrk (`apt-get install -y wrk`). Everything runs on
# 127.0.0.1 and everything started here is stopped on exit.
set -euo pipefail

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
HOST=127.0.0.1
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

for tool in curl jq wrk; do
    command -v "$tool" >/dev/null || {
        echo "load.sh: $tool is missing (apt-get install -y $tool)" >&2
        exit 1
    }
done

WORK=$(mktemp -d -t orgdesk-load.XXXXXX)
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A port nobody listens on (bash's /dev/tcp fails to connect to a free one).
free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/$HOST/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    echo "load.sh: no free port found" >&2
    exit 1
}

wait_for() {
    local url=$1 pid=$2
    for _ in $(seq 1 200); do
        curl -fsS -o /dev/null "$url" 2>/dev/null && return
        kill -0 "$pid" 2>/dev/null || {
            echo "load.sh: the process serving $url exited" >&2
            exit 1
        }
        sleep 0.05
    done
    echo "load.sh: $url did not answer in 10 s" >&2
    exit 1
}

echo "== building (release)"
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml" \
    -p orgdesk-server --bin orgdesk-server --example bare_axum
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps --manifest-path "$ROOT/Cargo.toml" | jq -r .target_directory)
SERVER_BIN="$TARGET_DIR/release/orgdesk-server"
BARE_BIN="$TARGET_DIR/release/examples/bare_axum"

SERVER_PORT=$(free_port)
SERVER="http://$HOST:$SERVER_PORT"
echo "== starting orgdesk-server on $SERVER (SQLite in $WORK)"
# warn: a log line per request would measure the terminal, not the server.
RUST_LOG=${RUST_LOG:-warn} "$SERVER_BIN" \
    --listen "$HOST:$SERVER_PORT" \
    --database "sqlite://$WORK/load.sqlite" \
    --mail-outbox "$WORK/outbox" \
    --data-dir "$WORK/data" \
    >"$WORK/server.log" 2>&1 &
PIDS+=($!)
wait_for "$SERVER/api/v1/catalog" "${PIDS[-1]}"

echo "== registering an admin, creating and paying an organization"
# shellcheck source=lib/paid-org.sh
. "$ROOT/scripts/lib/paid-org.sh"
paid_org "$SERVER" load '[{"product":"crm","package":"crm-team"},{"product":"helpdesk","package":"helpdesk-pro"}]'
GROUPS_URL="$SERVER/api/v1/orgs/$ORG/groups"
GROUP_COUNT=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$GROUPS_URL" | jq length)
echo "   org $ORG has $GROUP_COUNT groups; one answer is $(curl -fsS -H "Authorization: Bearer $TOKEN" "$GROUPS_URL" | wc -c) bytes"

BARE_PORT=$(free_port)
BARE="http://$HOST:$BARE_PORT/"
echo "== starting bare_axum on $BARE"
"$BARE_BIN" "$BARE_PORT" >"$WORK/bare.log" 2>&1 &
PIDS+=($!)
wait_for "$BARE" "${PIDS[-1]}"

run() {
    local label=$1
    shift
    echo
    echo "== $label: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" | tee "$WORK/wrk.out"
    local rps non2xx
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk.out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$WORK/wrk.out")
    SUMMARY+=("$(printf '%-34s %12s req/s   p50 %-9s p99 %-9s non-2xx %s' "$label" "$rps" \
        "$(awk '$1=="50%" {print $2}' "$WORK/wrk.out")" \
        "$(awk '$1=="99%" {print $2}' "$WORK/wrk.out")" "${non2xx:-0}")")
}

SUMMARY=()
run "GET /orgs/{org}/groups (bearer)" -H "Authorization: Bearer $TOKEN" "$GROUPS_URL"
run "bare axum GET / (JSON)" "$BARE"

echo
echo "== summary ($CONNECTIONS connections, $DURATION, $(nproc) cores shared by wrk and the server)"
printf '%s\n' "${SUMMARY[@]}"
