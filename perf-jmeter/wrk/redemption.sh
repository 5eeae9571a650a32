#!/usr/bin/env bash
# The redemption benchmarks against a running service and its durable PostgreSQL, side by side with
# pgbench as the database's own ceiling, in one run:
#   DB_URL=jdbc:postgresql://localhost:5432/coupons DB_USER=coupons DB_PASSWORD=secret \
#     perf-jmeter/wrk/redemption.sh [seconds] [connections]
# 1. pgbench -N -c16 (the database's ceiling for small write transactions) and one hot row;
# 2. redemptions of distinct coupons (perf-jmeter/wrk/redeem.lua);
# 3. holds then commits on one coupon with usage_limit 1,000,000 (perf-jmeter/wrk/hold-commit.lua);
# after each, the rows in coupon_usage are compared with the 201 answers and the limit is checked.
# Needs wrk, curl, psql and pgbench; the service must run against DB_URL (its launcher, with
# DB_URL set). The data is seed-sql/redemption-bench.sql, reseeded before each phase.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-30}
connections=${2:-64}
: "${DB_URL:?set DB_URL to the database of the service}"
SERVICE_URL=${SERVICE_URL:-http://localhost:8080}
hostport=${DB_URL#jdbc:postgresql://}
hostport=${hostport%%/*}
db=${DB_URL##*/}
db=${db%%\?*}
export PGHOST=${hostport%%:*} PGPORT=${hostport##*:} PGUSER=${DB_USER:-postgres} PGPASSWORD=${DB_PASSWORD:-postgres} PGDATABASE=$db
run=$(date +%s)

# wrk stops with requests in flight; the service finishes them: wait until the rows stop changing.
settled() {
  local before now
  now=$(psql -Atc "$1")
  for _ in $(seq 1 20); do
    before=$now
    sleep 0.5
    now=$(psql -Atc "$1")
    [ "$now" = "$before" ] && break
  done
  echo "$now"
}

reseed() {
  (cd "$here" && mvn -q -B -o -DskipTests test-compile exec:java -Dexec.mainClass=io.shopup.coupons.perf.SqlScript \
    -Dexec.args=seed-sql/redemption-bench.sql)
}

echo "== pgbench: the database's ceiling (16 clients, ${seconds} s each)"
pgbench -i -q -s 10 > /dev/null 2>&1
pgbench -N -c16 -j2 -T "$seconds" 2>/dev/null | grep -E "^tps" | sed 's/^/pgbench -N: /'
printf 'UPDATE pgbench_branches SET bbalance = bbalance + 1 WHERE bid = 1;\n' > /tmp/hot-row.sql
pgbench -n -c16 -j2 -T "$seconds" -f /tmp/hot-row.sql 2>/dev/null | grep -E "^tps" | sed 's/^/pgbench one hot row: /'
pgbench -i -I d > /dev/null 2>&1 # drops pgbench's tables again

echo "== redemptions of distinct coupons (${connections} connections, ${seconds} s)"
reseed
out=$(cd "$here" && wrk -t2 -c"$connections" -d"${seconds}s" --latency -s perf-jmeter/wrk/redeem.lua "$SERVICE_URL" -- "r$run")
echo "$out" | grep -E "Requests/sec|answers:|p50="
created=$(echo "$out" | sed -n 's/^answers: 201=\([0-9]*\).*/\1/p')
rows=$(settled "SELECT count(*) FROM coupon_usage WHERE order_id LIKE 'bench-r$run-%'")
kept=$(psql -Atc "SELECT count(*) FROM idempotency_keys WHERE idempotency_key LIKE 'bench-r$run-%' AND response_status = 201")
# wrk stops with up to one request per connection in flight: those were answered after it stopped listening.
echo "coupon_usage rows $rows, 201 answers given (kept under their keys) $kept: $([ "$rows" = "$kept" ] && echo equal || echo DIFFERENT);" \
     "201 answers wrk read before it stopped: $created"

echo "== holds then commits on one coupon (${connections} connections, ${seconds} s)"
reseed
out=$(cd "$here" && wrk -t2 -c"$connections" -d"${seconds}s" --latency -s perf-jmeter/wrk/hold-commit.lua "$SERVICE_URL" -- "h$run")
echo "$out" | grep -E "Requests/sec|answers:|p50="
committed=$(echo "$out" | sed -n 's/.*commits 200=\([0-9]*\).*/\1/p')
echo "redemptions/s $(awk -v c="$committed" -v s="$seconds" 'BEGIN {printf "%.0f", c / s}')"
settled "SELECT count(*) FROM coupon_usage WHERE order_id LIKE 'bench-h$run-%'" > /dev/null
psql -Atc "WITH hot AS (SELECT id, usage_limit FROM coupons WHERE code = 'BENCH-HOT'),
                r AS (SELECT status, count(*) AS n FROM coupon_reservations WHERE coupon_id = (SELECT id FROM hot) GROUP BY status)
           SELECT 'coupon_usage rows ' || (SELECT count(*) FROM coupon_usage WHERE coupon_id = (SELECT id FROM hot))
               || ', committed holds ' || coalesce((SELECT n FROM r WHERE status = 'COMMITTED'), 0)
               || ', still held ' || coalesce((SELECT n FROM r WHERE status = 'HELD'), 0)
               || ', 201 holds kept under their keys ' || (SELECT count(*) FROM idempotency_keys
                      WHERE idempotency_key LIKE 'bench-h$run-%' AND response_status = 201)
               || '; used + held within the limit: ' || (SELECT t.used + coalesce(h.held, 0) <= hot.usage_limit
                      FROM hot JOIN coupon_usage_totals t ON t.coupon_id = hot.id
                      LEFT JOIN coupon_hold_totals h ON h.coupon_id = hot.id)"
