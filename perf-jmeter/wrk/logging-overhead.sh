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

# CPU time (user + system, in clock ticks) the given processes have used so far.
cpu_ticks() {
  local total=0 pid stat
  for pid in $1; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    stat=${stat##*) }
    total=$(( total + $(echo "$stat" | awk '{print $12 + $13}') ))
  done
  echo "$total"
}

# Where the CPU went while wrk measured: seconds, and microseconds per answered request.
per_request() {
  local hz
  hz=$(getconf CLK_TCK)
  awk -v name="$1" -v ticks="$2" -v n="$3" -v hz="$hz" \
    'BEGIN { printf "    CPU %-8s %6.1f s  %5.1f us/request\n", name, ticks / hz, ticks / hz * 1e6 / n }'
}

# SPLIT_CPUS=1: the service alone on CPU 0, PostgreSQL and wrk on the others, as when the
# database and the clients have machines of their own. New PostgreSQL backends and service threads
# inherit the setting from the processes pinned here.
client=""
if [ -n "${SPLIT_CPUS:-}" ]; then
  client="taskset -c 1-$(( $(nproc) - 1 ))"
fi
split_cpus() {
  local pid
  for pid in $(pgrep -f payara-micro.jar); do taskset -a -p -c 0 "$pid" > /dev/null; done
  for pid in $(pgrep -x postgres); do taskset -a -p -c "1-$(( $(nproc) - 1 ))" "$pid" > /dev/null; done
}

phase() {
  local logging=$1
  VALIDATIONLOG_ENABLED=$logging mvn -q -B exec:java > "target/logging-overhead-$logging.log" 2>&1 &
  local launcher=$!
  for _ in $(seq 1 240); do
    curl -sf -o /dev/null localhost:8080/health/ready && break
    sleep 0.5
  done
  if [ -n "${SPLIT_CPUS:-}" ]; then
    split_cpus
  fi
  $client wrk -t2 -c100 -d"${warm}s" -s "$script" http://localhost:8080 > /dev/null
  echo "== validation log enabled: $logging"
  local service_before postgres_before out requests
  service_before=$(cpu_ticks "$(pgrep -f payara-micro.jar)")
  postgres_before=$(cpu_ticks "$(pgrep -x postgres)")
  out=$($client wrk -t2 -c100 -d"${measure}s" --latency -s "$script" http://localhost:8080)
  echo "$out" | grep -E 'Requests/sec|50%|99%|Non-2xx'
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  per_request "service" $(( $(cpu_ticks "$(pgrep -f payara-micro.jar)") - service_before )) "$requests"
  per_request "postgres" $(( $(cpu_ticks "$(pgrep -x postgres)") - postgres_before )) "$requests"
  pkill -f payara-micro.jar || true
  wait "$launcher" || true
}

# PHASES="true false" runs them the other way round, to see whether the order matters.
# SPLIT_CPUS=1 (see above) needs at least two CPUs.
for logging in ${PHASES:-false true}; do
  phase "$logging"
done
