#!/usr/bin/env bash
# Validation latency with the database frozen, as behind a network partition that drops packets
# (every PostgreSQL process of the launcher's embedded database stopped with SIGSTOP), against the
# same paced load without it, in one run: warm-up, S seconds normal, S seconds frozen, then thawed.
# Prints wrk's rate and latency for both, what the log held in memory at the end of the freeze,
# the service's resident memory, and the log rows gained against the requests wrk counted.
#   perf-jmeter/wrk/partition.sh [seconds] [requests per second] [warm-up seconds]
# Needs the service running from the launcher on port 8080 with its embedded database
# (mvn -DskipTests package exec:java), wrk, curl and the request CSV (seed-sql/requests.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-30}
rate=${2:-13000}
warm=${3:-60}
export REQUESTS_CSV=${REQUESTS_CSV:-perf-jmeter/data/requests.csv}
. perf-jmeter/lib/service.sh
postmaster=$(pgrep -f "postgres.*$(pwd)/.data/postgres" | head -1)
[ -n "$postmaster" ] || { echo "no embedded PostgreSQL with data in .data/postgres" >&2; exit 2; }
service=$(pgrep -f payara-micro.jar | head -1)
load() {
  wrk -t2 -c100 -d"$1s" --latency -s perf-jmeter/wrk/validate-csv.lua "$SERVICE_URL" -- "$rate" 2
}
summary() {
  awk '/Requests\/sec/ {r=$2} / 50%/ {p50=$2} / 90%/ {p90=$2} / 99%/ {p99=$2} /requests in/ {n=$1} /Non-2xx/ {e=$NF}
       END {printf "%s requests, %s/s, p50 %s, p90 %s, p99 %s, non-2xx %d", n, r, p50, p90, p99, e+0}'
}
ready_data() {
  curl -s "$SERVICE_URL/health/ready" | grep -o "\"$1\":\"[^\"]*\"" | head -1
}

load "$warm" > /dev/null
before=$(log_rows)
normal=$(load "$seconds")
echo "normal: $(echo "$normal" | summary)"
backends="$postmaster $(pgrep -P "$postmaster" | tr '\n' ' ')"
kill -STOP $backends
trap 'kill -CONT $backends 2> /dev/null || true' EXIT
frozen=$(load "$seconds")
echo "frozen: $(echo "$frozen" | summary)"
echo "at the end of the freeze: $(ready_data validationLogQueueSize) $(ready_data validationLogQueueBytes)" \
     "$(ready_data spilled) RSS $(( $(awk '/VmRSS/ {print $2}' /proc/"$service"/status) / 1024 )) MB"
kill -CONT $backends
log_drained
after=$(log_rows)
requests=$(( $(echo "$normal" | awk '/requests in/ {print $1}') + $(echo "$frozen" | awk '/requests in/ {print $1}') ))
echo "validation_logs rows added $((after - before)), requests wrk counted $requests (up to 200 more in flight)"
