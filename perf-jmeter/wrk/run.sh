#!/usr/bin/env bash
# Replays the request CSV (seed-sql/requests.sh) against the running service with wrk, then checks
# that the validation log gained a row for every request wrk counted (wrk does not count the up to
# CONNECTIONS requests in flight when it stops, which the service answers and logs too).
#   perf-jmeter/wrk/run.sh [seconds] [requests per second]
# Settings: SERVICE_URL (http://localhost:8080), CONNECTIONS (100), THREADS (2),
# REQUESTS_CSV (perf-jmeter/data/requests.csv). Needs wrk (apt-get install wrk) and curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-30}
rate=${2:-}
connections=${CONNECTIONS:-100}
threads=${THREADS:-2}
export REQUESTS_CSV=${REQUESTS_CSV:-perf-jmeter/data/requests.csv}
. perf-jmeter/lib/service.sh
command -v wrk > /dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
if [ ! -f "$REQUESTS_CSV" ]; then
  echo "$REQUESTS_CSV is missing: write it with seed-sql/requests.sh (after seed-sql/perf-data.sh)" >&2
  exit 2
fi

mvn -q -B -DskipTests test-compile
before=$(log_rows)
out=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s perf-jmeter/wrk/validate-csv.lua \
      "$SERVICE_URL" -- ${rate:+$rate $threads})
echo "$out"
log_drained
after=$(log_rows)
requests=$(echo "$out" | awk '/requests in/ {print $1}')
non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
echo "validation_logs rows added $((after - before)), requests wrk counted $requests, non-2xx ${non2xx:-0}" \
     "(up to $connections more may have been in flight at the end)"
