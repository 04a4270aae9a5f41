#!/usr/bin/env bash
# Fault runs against the real PostgreSQL of this machine (Debian cluster 15/main by default):
# tests/reliability/faults.test.ts with OTOP_FAULT_TESTS=1 — PostgreSQL stopped (immediate) in
# the middle of a large load, and the API process SIGKILLed in the middle of another — RUNS
# times in a row (default 3), each in a fresh database. It stops the shared cluster, so do not
# run it while other test runs use that PostgreSQL. The cluster is started again whatever happens.
#   bench/faults/run-faults.sh [runs]     env: OTOP_PG_CLUSTER=15/main OTOP_FAULT_ROWS=60000
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
cluster=${OTOP_PG_CLUSTER:-15/main}
version=${cluster%/*}; name=${cluster#*/}
restart() {
  pg_ctlcluster --skip-systemctl-redirect "$version" "$name" start >/dev/null 2>&1 || true
  for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p 5432 && return 0; sleep 1; done
  echo "FAIL: PostgreSQL $cluster did not come back" >&2
}
trap restart EXIT
passed=0
for i in $(seq 1 "$runs"); do
  echo "===== fault run $i of $runs ====="
  if OTOP_FAULT_TESTS=1 TEST_DATABASE_URL=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} \
    npx vitest run tests/reliability/faults.test.ts; then
    passed=$((passed + 1))
  fi
  restart
done
echo "fault runs passed: $passed of $runs"
[ "$passed" -eq "$runs" ]
