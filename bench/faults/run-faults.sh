#!/usr/bin/env bash
# Fault runs against the real PostgreSQL of this machine (Debian cluster 15/main by default),
# RUNS times in a row (default 3), each in a fresh database:
#   terminate — tests/reliability/connection-loss.test.ts: pg_terminate_backend on the API
#               process's connection in the middle of an upload (in its COPY, in its inserts),
#               an export and two routes (a read, a workflow transaction); the process must
#               keep serving, the upload end failed and load again whole, the routes answer 503.
#               Touches only its own database: safe beside other test runs.
#   stop      — tests/reliability/faults.test.ts with OTOP_FAULT_TESTS=1: PostgreSQL stopped
#               (immediate) in the middle of a large load, and the API process SIGKILLed in the
#               middle of another. It stops the shared cluster, so do not run it while other
#               test runs use that PostgreSQL. The cluster is started again whatever happens.
#   bench/faults/run-faults.sh [runs]
#   env: OTOP_FAULT_KINDS="terminate stop" OTOP_PG_CLUSTER=15/main OTOP_FAULT_ROWS=60000
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
kinds=${OTOP_FAULT_KINDS:-terminate stop}
cluster=${OTOP_PG_CLUSTER:-15/main}
version=${cluster%/*}; name=${cluster#*/}
url=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
restart() {
  pg_ctlcluster --skip-systemctl-redirect "$version" "$name" start >/dev/null 2>&1 || true
  for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p 5432 && return 0; sleep 1; done
  echo "FAIL: PostgreSQL $cluster did not come back" >&2
}
case " $kinds " in *" stop "*) trap restart EXIT ;; esac
failed=0
summary=""
for kind in $kinds; do
  passed=0
  for i in $(seq 1 "$runs"); do
    echo "===== $kind: fault run $i of $runs ====="
    case $kind in
      terminate) TEST_DATABASE_URL=$url npx vitest run tests/reliability/connection-loss.test.ts && passed=$((passed + 1)) ;;
      stop)
        OTOP_FAULT_TESTS=1 TEST_DATABASE_URL=$url npx vitest run tests/reliability/faults.test.ts && passed=$((passed + 1))
        restart
        ;;
      *) echo "unknown fault kind: $kind (terminate, stop)" >&2; exit 2 ;;
    esac
  done
  summary+="fault runs passed ($kind): $passed of $runs"$'\n'
  [ "$passed" -eq "$runs" ] || failed=1
done
printf '%s' "$summary"
exit "$failed"
