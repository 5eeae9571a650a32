#!/usr/bin/env bash
# Runs one JMeter plan against the running service, writes JMeter's HTML dashboard to
# perf-jmeter/target/jmeter/reports/, prints one summary line, then checks that the validation log
# gained exactly one row per answered request.
#   perf-jmeter/run.sh original.jmx
#   perf-jmeter/run.sh sustained.jmx -Dduration=60 -Dthreads=100
#   perf-jmeter/run.sh sustained-warm.jmx -Dwarmup=60 -Dduration=60
# Other properties: -Dhost= -Dport= -Drampup= -Dloops= -Dcsv= (see perf-jmeter/pom.xml).
set -euo pipefail
cd "$(dirname "$0")/.."
plan=${1:-sustained.jmx}
shift || true
host=localhost
port=8080
for arg in "$@"; do
  case "$arg" in
    -Dhost=*) host=${arg#-Dhost=} ;;
    -Dport=*) port=${arg#-Dport=} ;;
  esac
done

mvn -q -B -DskipTests test-compile
rows() { mvn -q -B exec:java -Dexec.mainClass=io.shopup.coupons.perf.LogRows | sed -n 's/.*rows=\([0-9]*\).*/\1/p'; }
drained() {
  for _ in $(seq 1 120); do
    curl -s "http://$host:$port/health/ready" | grep -q '"validationLogQueueSize":"0"' && return 0
    sleep 0.5
  done
  echo "the validation log did not drain within 60 s" >&2
}

before=$(rows)
rm -rf perf-jmeter/target/jmeter/results perf-jmeter/target/jmeter/reports
mkdir -p perf-jmeter/target
mvn -B -f perf-jmeter/pom.xml verify -Dplan="$plan" "$@" > perf-jmeter/target/jmeter-run.log
drained
after=$(rows)
mvn -q -B exec:java -Dexec.mainClass=io.shopup.coupons.perf.JtlSummary \
    -Dexec.args="perf-jmeter/target/jmeter/results $((after - before))"
