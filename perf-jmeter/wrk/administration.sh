#!/usr/bin/env bash
# Code batches and a user import against the running service, with validation's latency during
# each job: paced validations (known codes of the request CSV) run in 5-second wrk windows for as
# long as the job runs, and again for one window with nothing else running (the baseline).
#   perf-jmeter/wrk/administration.sh [validations per second]
# Settings: SERVICE_URL (http://localhost:8080), REQUESTS_CSV (perf-jmeter/data/requests.csv),
# BATCHES ("100000 1000000"), USERS (1000000). The admin token is .data/dev/admin-token (the
# launcher writes it) or ADMIN_TOKEN. Needs wrk, curl and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
rate=${1:-1000}
url=${SERVICE_URL:-http://localhost:8080}
token=${ADMIN_TOKEN:-$(cat .data/dev/admin-token)}
auth="Authorization: Bearer $token"
known=$(mktemp)
trap 'rm -f "$known" "$known.users"' EXIT
awk -F, 'NR == 1 || $1 != "unknown-code"' "${REQUESTS_CSV:-perf-jmeter/data/requests.csv}" > "$known"
export REQUESTS_CSV=$known

window() { # one 5-second paced window: its p99
  wrk -t2 -c50 -d5s --latency -s perf-jmeter/wrk/validate-csv.lua "$url" -- "$rate" 2 \
    | awk '$1 == "99%" {print $2}'
}

while_running() { # $1: a command that exits 0 while the job runs; prints each window's p99
  local p99s=()
  while "$@"; do p99s+=("$(window)"); done
  echo "${p99s[*]:-none}"
}

status() { curl -s "$url/api/admin/code-batches/$1" -H "$auth" | sed 's/.*"status":"\([A-Z]*\)".*/\1/'; }
running() { [ "$(status "$1")" = RUNNING ]; }

echo "baseline: validation p99 $(window) at $rate/s"
for count in ${BATCHES:-100000 1000000}; do
  start=$(date +%s.%N)
  id=$(curl -s -X POST "$url/api/admin/code-batches" -H "$auth" -H 'Content-Type: application/json' \
        -H "Idempotency-Key: bench-$count-$start" \
        -d "{\"count\":$count,\"prefix\":\"BENCH-\",\"coupon\":{\"type\":\"TIME_SPECIFIC\",\"discountType\":\"FIXED\",\"discountValue\":5,\"validFrom\":\"2026-01-01T00:00:00Z\",\"validUntil\":\"2030-01-01T00:00:00Z\"}}" \
        | sed 's/.*"id":"\([^"]*\)".*/\1/')
  p99s=$(while_running running "$id")
  # The job's own time, from its row: started_at to finished_at.
  seconds=$(curl -s "$url/api/admin/code-batches/$id" -H "$auth" | python3 -c '
import json, sys, datetime
b = json.load(sys.stdin)
t = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
print("%.1f" % (t(b["finishedAt"]) - t(b["startedAt"])).total_seconds(), b["status"], b["created"])')
  echo "code batch of $count: $seconds (seconds, status, codes); validation p99 per 5 s window during it: $p99s"
done

users=${USERS:-1000000}
python3 -c "
import sys
w = sys.stdout.write
w('id,email\n')
for i in range($users):
    w('bench_%08d,b%d@example.com\n' % (i, i))
" > "$known.users"
curl -s -o "$known.users.out" -w '%{time_total}' -X POST "$url/api/admin/users/import" -H "$auth" \
     -H 'Content-Type: text/csv' --data-binary @"$known.users" > "$known.users.time" &
import=$!
p99s=$(while_running kill -0 $import 2> /dev/null)
wait $import || true
echo "user import of $users: $(cat "$known.users.time") s $(cat "$known.users.out"); validation p99 per 5 s window during it: $p99s"
rm -f "$known.users.out" "$known.users.time"
