#!/usr/bin/env bash
# Load test on loopback, one run, everything side by side:
#
#  1. the gated small reads of the real server — GET /orgs/{org}/groups and
#     GET /orgs/{org}/members/{id}, each with a bearer token — next to a bare
#     axum JSON endpoint (crates/server/examples/bare_axum.rs); with
#     BASELINE_BIN the same reads of an older build (before/after);
#  2. the member lists of a seeded organization (`orgdesk-server seed`,
#     MEMBERS members): first page, 20 cursors deep, a selective search, a
#     broad search (~6% share the given name), the all-members User group as
#     filter, status=suspended — their p99 at a few connections.
#
# Each on SQLite, and on PostgreSQL when PG_URL names a server
# (postgres://postgres@127.0.0.1:5432: a database is created per server run
# and dropped on exit).
#
#   scripts/load.sh                                 # 10 s per figure, 64 connections
#   MEMBERS=1000000 PG_URL=postgres://postgres@127.0.0.1:5432 scripts/load.sh
#   BASELINE_BIN=/path/to/old/orgdesk-server scripts/load.sh
#   SEEDED_SQLITE=/tmp/1m.sqlite scripts/load.sh    # reuse a seeded file (seeded once if missing)
#   SEEDED_PG=orgdesk_1m …                          # reuse a seeded PostgreSQL database (kept; seeded once)
#   PG_MEMBERS=100000 …                             # fewer members on PostgreSQL
#   PARTS=lists …                                   # only the lists (or PARTS=reads: only the small reads)
#
# Needs curl, jq and wrk (`apt-get install -y wrk`), psql for PostgreSQL.
# Everything runs on 127.0.0.1 and everything started here is stopped on exit.
set -euo pipefail

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
# Lists are measured for latency: a few connections, not a saturated queue.
LIST_CONNECTIONS=${LIST_CONNECTIONS:-4}
LIST_DURATION=${LIST_DURATION:-$DURATION}
MEMBERS=${MEMBERS:-100000}
PG_MEMBERS=${PG_MEMBERS:-$MEMBERS}
PG_URL=${PG_URL:-}
BASELINE_BIN=${BASELINE_BIN:-}
SEEDED_SQLITE=${SEEDED_SQLITE:-}
SEEDED_PG=${SEEDED_PG:-}
PARTS=${PARTS:-reads lists}
HOST=127.0.0.1
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PASSWORD=violet-harbor-7-lantern

for tool in curl jq wrk; do
    command -v "$tool" >/dev/null || {
        echo "load.sh: $tool is missing (apt-get install -y $tool)" >&2
        exit 1
    }
done

WORK=$(mktemp -d -t orgdesk-load.XXXXXX)
PIDS=()
PG_DATABASES=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    for db in "${PG_DATABASES[@]}"; do
        psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
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

if [ -z "${SERVER_BIN:-}" ]; then
    echo "== building (release)"
    cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml" \
        -p orgdesk-server --bin orgdesk-server --example bare_axum
    TARGET_DIR=$(cargo metadata --format-version 1 --no-deps --manifest-path "$ROOT/Cargo.toml" | jq -r .target_directory)
    SERVER_BIN="$TARGET_DIR/release/orgdesk-server"
    BARE_BIN="$TARGET_DIR/release/examples/bare_axum"
fi
BARE_BIN=${BARE_BIN:-$(dirname "$SERVER_BIN")/examples/bare_axum}

# Sets FRESH_DB to the URL of a fresh database of `backend` (sqlite or
# postgres). Not a $(…): the list of databases to drop must outlive it.
fresh_db() {
    local backend=$1 name
    if [ "$backend" = sqlite ]; then
        FRESH_DB="sqlite://$WORK/$(date +%s%N).sqlite"
    else
        name="orgdesk_load_$(date +%s%N)"
        psql -q "$PG_URL/postgres" -c "CREATE DATABASE $name" >/dev/null
        PG_DATABASES+=("$name")
        FRESH_DB="$PG_URL/$name"
    fi
}

SERVER_PID=
# start_server BIN DATABASE_URL: serves on a free port; sets SERVER.
start_server() {
    local bin=$1 database=$2 port
    port=$(free_port)
    SERVER="http://$HOST:$port"
    # warn: a log line per request would measure the terminal, not the server.
    RUST_LOG=${RUST_LOG:-warn} "$bin" \
        --listen "$HOST:$port" \
        --database "$database" \
        --mail-outbox "$WORK/outbox" \
        --data-dir "$WORK/data" \
        >>"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    wait_for "$SERVER/api/v1/catalog" "$SERVER_PID"
}

stop_server() {
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
}

# shellcheck source=lib/paid-org.sh
. "$ROOT/scripts/lib/paid-org.sh"

SUMMARY=()
run() {
    local label=$1 connections=$2 duration=$3
    shift 3
    echo
    echo "== $label: wrk -t$THREADS -c$connections -d$duration --latency"
    wrk -t"$THREADS" -c"$connections" -d"$duration" --latency "$@" | tee "$WORK/wrk.out"
    local rps non2xx
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk.out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$WORK/wrk.out")
    SUMMARY+=("$(printf '%-52s %10s req/s  p50 %-9s p99 %-9s non-2xx %s' "$label" "$rps" \
        "$(awk '$1=="50%" {print $2}' "$WORK/wrk.out")" \
        "$(awk '$1=="99%" {print $2}' "$WORK/wrk.out")" "${non2xx:-0}")")
}

BACKENDS=(sqlite)
[ -n "$PG_URL" ] && BACKENDS+=(postgres)

# 1. Gated small reads: the baseline build (if given) and this one, on each database.
BUILDS=("current:$SERVER_BIN")
[ -n "$BASELINE_BIN" ] && BUILDS=("baseline:$BASELINE_BIN" "${BUILDS[@]}")
wanted() { [[ " $PARTS " == *" $1 "* ]]; }

wanted reads && for backend in "${BACKENDS[@]}"; do
    for build in "${BUILDS[@]}"; do
        name=${build%%:*}
        bin=${build#*:}
        echo "== $name build on $backend: a paid organization"
        fresh_db "$backend"
        start_server "$bin" "$FRESH_DB"
        paid_org "$SERVER" "load-$name" '[{"product":"crm","package":"crm-team"},{"product":"helpdesk","package":"helpdesk-pro"}]'
        ME=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$SERVER/api/v1/me" | jq -r .id)
        run "$backend $name GET …/groups" "$CONNECTIONS" "$DURATION" \
            -H "Authorization: Bearer $TOKEN" "$SERVER/api/v1/orgs/$ORG/groups"
        run "$backend $name GET …/members/{id}" "$CONNECTIONS" "$DURATION" \
            -H "Authorization: Bearer $TOKEN" "$SERVER/api/v1/orgs/$ORG/members/$ME"
        if [ "$name" = current ]; then
            # Sign-ins: Argon2id (m=19 MiB, t=2, p=1) on the CPU pool, one job per core.
            cat >"$WORK/login.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"admin@load-$name.example","password":"$PASSWORD"}'
LUA
            run "$backend $name POST /auth/login (Argon2id)" 8 "$DURATION" -s "$WORK/login.lua" "$SERVER/api/v1/auth/login"
        fi
        stop_server
    done
done

if wanted reads; then
    BARE_PORT=$(free_port)
    BARE="http://$HOST:$BARE_PORT/"
    echo "== starting bare_axum on $BARE"
    "$BARE_BIN" "$BARE_PORT" >"$WORK/bare.log" 2>&1 &
    PIDS+=($!)
    BARE_PID=$!
    wait_for "$BARE" "$BARE_PID"
    run "bare axum GET / (JSON)" "$CONNECTIONS" "$DURATION" "$BARE"
    kill "$BARE_PID" 2>/dev/null || true
fi

# 2. Member lists of a seeded organization.
wanted lists && for backend in "${BACKENDS[@]}"; do
    if [ "$backend" = sqlite ] && [ -n "$SEEDED_SQLITE" ]; then
        database="sqlite://$SEEDED_SQLITE"
        [ -f "$SEEDED_SQLITE" ] || fresh=1
    elif [ "$backend" = postgres ] && [ -n "$SEEDED_PG" ]; then
        database="$PG_URL/$SEEDED_PG"
        psql -q "$PG_URL/postgres" -c "CREATE DATABASE $SEEDED_PG" >/dev/null 2>&1 || true
        [ "$(psql -tA "$database" -c "SELECT count(*) FROM orgs WHERE subdomain = 'scale'" 2>/dev/null)" = 1 ] || fresh=1
    else
        fresh_db "$backend"
        database=$FRESH_DB
        fresh=1
    fi
    if [ "${fresh:-0}" = 1 ]; then
        n=$MEMBERS
        [ "$backend" = postgres ] && n=$PG_MEMBERS
        echo "== seeding $n members on $backend"
        "$SERVER_BIN" --database "$database" seed \
            --members "$n" --subdomain scale --admin-email admin@scale.example --admin-password "$PASSWORD"
    fi
    fresh=0
    start_server "$SERVER_BIN" "$database"
    TOKEN=$(curl -fsS -X POST "$SERVER/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\":\"admin@scale.example\",\"password\":\"$PASSWORD\"}" | jq -r .token)
    LIST="$SERVER/api/v1/orgs/scale/members"
    auth=(-H "Authorization: Bearer $TOKEN")
    USER_GROUP=$(curl -fsS "${auth[@]}" "$SERVER/api/v1/orgs/scale/groups" | jq -r '.[] | select(.name=="User") | .id')
    size=$(curl -fsS "${auth[@]}" "$LIST?limit=1" | jq .total)
    cursor=
    for _ in $(seq 1 20); do
        cursor=$(curl -fsS "${auth[@]}" "$LIST?limit=50${cursor:+&cursor=$cursor}" | jq -r .next_cursor)
    done
    for query in "limit=50" "limit=50&cursor=$cursor" "q=123456&limit=50" "q=lukas&limit=50" \
        "group=$USER_GROUP&limit=50" "status=suspended&limit=50"; do
        answer=$(curl -fsS "${auth[@]}" "$LIST?$query")
        echo "   ?$query: total $(jq .total <<<"$answer") (estimate: $(jq .total_is_estimate <<<"$answer")), $(jq '.items | length' <<<"$answer") items"
    done
    run "$backend $size: first page" "$LIST_CONNECTIONS" "$LIST_DURATION" "${auth[@]}" "$LIST?limit=50"
    run "$backend $size: page 21 (20 cursors deep)" "$LIST_CONNECTIONS" "$LIST_DURATION" "${auth[@]}" "$LIST?limit=50&cursor=$cursor"
    run "$backend $size: selective search q=123456" "$LIST_CONNECTIONS" "$LIST_DURATION" "${auth[@]}" "$LIST?q=123456&limit=50"
    run "$backend $size: broad search q=lukas (6%)" "$LIST_CONNECTIONS" "$LIST_DURATION" "${auth[@]}" "$LIST?q=lukas&limit=50"
    run "$backend $size: group=User (everyone)" "$LIST_CONNECTIONS" "$LIST_DURATION" "${auth[@]}" "$LIST?group=$USER_GROUP&limit=50"
    run "$backend $size: status=suspended" "$LIST_CONNECTIONS" "$LIST_DURATION" "${auth[@]}" "$LIST?status=suspended&limit=50"
    stop_server
done

echo
echo "== summary ($CONNECTIONS connections for the small reads, $LIST_CONNECTIONS for the lists; $(nproc) cores shared by wrk and the server; load $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%s\n' "${SUMMARY[@]}"
