#!/usr/bin/env bash
# Crash safety: starts the real orgdesk-server binary, kills it with SIGKILL
# while writers create groups and invitations, restarts it on the same
# database and checks that every acknowledged write is there; on SQLite and
# on PostgreSQL. ORGDESK_CRASH_CYCLES sets the number of kills (default 10).
#
#   scripts/crash-test.sh                 # both databases, 10 kills each
#   ORGDESK_CRASH_CYCLES=50 scripts/crash-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export ORGDESK_TEST_POSTGRES="${ORGDESK_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432}"
export ORGDESK_CRASH_CYCLES="${ORGDESK_CRASH_CYCLES:-10}"
exec cargo test -p orgdesk-server --test api ops::crash -- --ignored --nocapture --test-threads 1
