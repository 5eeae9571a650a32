#!/usr/bin/env bash
# Validate throughput of two builds side by side in one run: each round starts each build's
# service in turn (its launcher, from its own checkout), warms it up, measures with wrk, stops it.
# Both use the same database, so give them one: DB_URL (with DB_USER, DB_PASSWORD) is required.
#   DB_URL=... perf-jmeter/wrk/compare.sh CHECKOUT_A CHECKOUT_B [warm-up s] [measure s] [rounds]
# Each checkout must have been built (mvn -DskipTests package). Needs wrk and curl; the request
# CSV is this checkout's perf-jmeter/data/requests.csv (seed-sql/requests.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
a=$(cd "$1" && pwd)
b=$(cd "$2" && pwd)
warm=${3:-60}
measure=${4:-30}
rounds=${5:-2}
: "${DB_URL:?set DB_URL to the database both builds use}"
export REQUESTS_CSV=${REQUESTS_CSV:-$here/perf-jmeter/data/requests.csv}

# utime + stime of a process, in clock ticks.
cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$1/stat"
}

phase() {
  local dir=$1 label=$2
  (cd "$dir" && COUPONS_DEMO_DATA_ENABLED=false mvn -q -B -o exec:java > "$here/target/compare-$label.log" 2>&1) &
  local launcher=$!
  for _ in $(seq 1 240); do
    curl -sf -o /dev/null localhost:8080/health/ready && break
    sleep 0.5
  done
  (cd "$here" && wrk -t2 -c100 -d"${warm}s" -s perf-jmeter/wrk/validate-csv.lua http://localhost:8080 > /dev/null)
  local out pid cpu_before cpu_after
  # CPU time of the service per answered request: what a shared, noisy machine disturbs least.
  pid=$(pgrep -f payara-micro.jar | head -1)
  cpu_before=$(cpu_ticks "$pid")
  out=$(cd "$here" && wrk -t2 -c100 -d"${measure}s" --latency -s perf-jmeter/wrk/validate-csv.lua http://localhost:8080)
  cpu_after=$(cpu_ticks "$pid")
  echo "$label $(echo "$out" | awk -v ticks=$((cpu_after - cpu_before)) -v hz="$(getconf CLK_TCK)" '/requests in/ {n=$1} /Requests\/sec/ {r=$2} / 50%/ {p50=$2} / 99%/ {p99=$2} /Non-2xx/ {e=$NF} END {printf "requests/s %s p50 %s p99 %s non-2xx %s cpu-us/request %.1f", r, p50, p99, e+0, ticks * 1e6 / hz / n}')"
  pkill -f payara-micro.jar || true
  wait "$launcher" || true
}

mkdir -p "$here/target"
for round in $(seq 1 "$rounds"); do
  phase "$a" "A-$round"
  phase "$b" "B-$round"
done
