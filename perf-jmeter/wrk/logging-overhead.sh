#!/usr/bin/env bash
# Validate throughput with the validation log off, then on, in one run on this machine:
# each phase starts the service, warms it up, measures, and stops it. Needs wrk (apt-get install wrk).
#   perf-jmeter/wrk/logging-overhead.sh [warm-up seconds] [measure seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
warm=${1:-60}
measure=${2:-30}
# The performance data set's requests when they have been extracted (see the README), else the demo's.
script=perf-jmeter/wrk/validate-demo.lua
if [ -f perf-jmeter/data/requests.csv ]; then
  script=perf-jmeter/wrk/validate-csv.lua
fi
mvn -q -B -DskipTests package

phase() {
  local logging=$1
  VALIDATIONLOG_ENABLED=$logging mvn -q -B exec:java > "target/logging-overhead-$logging.log" 2>&1 &
  local launcher=$!
  for _ in $(seq 1 240); do
    curl -sf -o /dev/null localhost:8080/health/ready && break
    sleep 0.5
  done
  wrk -t2 -c100 -d"${warm}s" -s "$script" http://localhost:8080 > /dev/null
  echo "== validation log enabled: $logging"
  wrk -t2 -c100 -d"${measure}s" --latency -s "$script" http://localhost:8080 | grep -E 'Requests/sec|50%|99%|Non-2xx'
  pkill -f payara-micro.jar || true
  wait "$launcher" || true
}

# PHASES="true false" runs them the other way round, to see whether the order matters.
for logging in ${PHASES:-false true}; do
  phase "$logging"
done
