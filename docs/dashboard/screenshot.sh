#!/usr/bin/env bash
# Takes docs/dashboard/dashboard.png: a local Prometheus (Debian's `prometheus`) scrapes the running
# service every 2 s with the stack's alert rules, wrk sends validations and the checkout flow for a
# few minutes, and headless Chromium draws docs/dashboard/preview.html (the dashboard's own queries,
# see there) over that Prometheus.  Start the service first (README: "Run it"), then:
#   (. perf-jmeter/lib/service.sh; sql_script seed-sql/redemption-bench.sql)   # BENCH-HOT for the checkout flow
#   docs/dashboard/screenshot.sh [minutes of load, default 4]
# Needs prometheus, chromium, wrk and npm (for uPlot). Settings: SERVICE_URL (http://127.0.0.1:8080).
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes=${1:-4}
service=${SERVICE_URL:-http://127.0.0.1:8080}
for tool in prometheus chromium wrk npm; do
  command -v "$tool" > /dev/null || { echo "$tool is not installed" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'kill $(jobs -p) 2> /dev/null || true; rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent uplot@1.6.32 > /dev/null && tar xzf uplot-*.tgz)
cp docs/dashboard/preview.html docker/grafana/dashboards/coupons.json "$work"
cp "$work"/package/dist/uPlot.iife.min.js "$work"/package/dist/uPlot.min.css "$work"
cat > "$work/prometheus.yml" <<YAML
global: {scrape_interval: 2s, evaluation_interval: 2s}
rule_files: ["$PWD/docker/prometheus/alerts.yml"]
scrape_configs:
  - job_name: coupons
    static_configs: [{targets: ["${service#http://}"]}]
YAML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address=127.0.0.1:9391 > "$work/prometheus.log" 2>&1 &
python3 -m http.server 9392 --bind 127.0.0.1 --directory "$work" > /dev/null 2>&1 &
until curl -sf http://127.0.0.1:9391/-/ready > /dev/null; do sleep 0.5; done

# Load in waves, so that the panels show a shape: validations throughout, the checkout flow in the middle.
wrk -t1 -c20 -d"$((minutes * 60))s" -s perf-jmeter/wrk/validate-demo.lua "$service" > /dev/null &
validations=$!
sleep "$((minutes * 15))"
wrk -t1 -c8 -d"$((minutes * 30))s" -s perf-jmeter/wrk/hold-commit.lua "$service" -- "shot-$$" > /dev/null || true
wait "$validations"
sleep 4   # the last scrape

chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1600,1560 \
  --virtual-time-budget=20000 --screenshot="$PWD/docs/dashboard/dashboard.png" \
  "http://127.0.0.1:9392/preview.html?prometheus=http://127.0.0.1:9391&minutes=$((minutes + 1))" 2> /dev/null
echo "wrote docs/dashboard/dashboard.png"
