#!/usr/bin/env bash
# Runs one JMeter plan against the running service, writes JMeter's HTML dashboard to
# perf-jmeter/target/jmeter/reports/, prints one summary line, then checks that the validation log
# gained exactly one row per answered request.
#   perf-jmeter/run.sh original.jmx
#   perf-jmeter/run.sh sustained.jmx -Dduration=60 -Dthreads=100
#   perf-jmeter/run.sh sustained-warm.jmx -Dwarmup=60 -Dduration=60
# Other properties: -Dhost= -Dport= -Drampup= -Dloops= -Dcsv= (see perf-jmeter/pom.xml).
# Needs curl; JMeter itself comes from Maven Central.
set -euo pipefail
cd "$(dirname "$0")/.."
plan=${1:-sustained.jmx}
shift || true
host=localhost
port=8080
csv=perf-jmeter/data/requests.csv
args=()
for arg in "$@"; do
  case "$arg" in
    -Dhost=*) host=${arg#-Dhost=} ;;
    -Dport=*) port=${arg#-Dport=} ;;
    -Dcsv=*) csv=${arg#-Dcsv=}; continue ;;
  esac
  args+=("$arg")
done
if [ ! -f "$csv" ]; then
  echo "$csv is missing: write it with seed-sql/requests.sh (after seed-sql/perf-data.sh)" >&2
  exit 2
fi
# JMeter runs in another folder: it gets the file by its absolute path.
args+=("-Dcsv=$(cd "$(dirname "$csv")" && pwd)/$(basename "$csv")")
SERVICE_URL="http://$host:$port"
. perf-jmeter/lib/service.sh

mvn -q -B -DskipTests test-compile
before=$(log_rows)
rm -rf perf-jmeter/target/jmeter/results perf-jmeter/target/jmeter/reports
mkdir -p perf-jmeter/target
mvn -B -f perf-jmeter/pom.xml verify -Dplan="$plan" -DapiKey="$COUPONS_API_KEY" "${args[@]}" > perf-jmeter/target/jmeter-run.log \
  || { tail -40 perf-jmeter/target/jmeter-run.log >&2; exit 1; }
log_drained
after=$(log_rows)
mvn -q -B exec:java -Dexec.mainClass=io.shopup.coupons.perf.JtlSummary \
    -Dexec.args="perf-jmeter/target/jmeter/results $((after - before))"
