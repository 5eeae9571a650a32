#!/usr/bin/env bash
# What the statistics' totals cost the log's writes: one INSERT of generated log rows into
# validation_logs in a transaction that is rolled back, with the roll-up trigger off, with the
# hourly totals only (V6's function), and with the hourly and per-minute totals (the current one),
# the three alternated (in turn forwards and backwards, each after a VACUUM), each batch shape
# several times. Prints each time and the medians.
# Needs psql and a database the service has migrated (the running service's embedded one by
# default); PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE choose another.
#   perf-jmeter/postgres/roll-up-cost.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-7}
export PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-15432} PGUSER=${PGUSER:-postgres}
export PGPASSWORD=${PGPASSWORD:-postgres} PGDATABASE=${PGDATABASE:-postgres} PGOPTIONS="-c client_min_messages=warning"
migrations=src/main/resources/db/migration
hourly_only=$(sed -n '/^CREATE FUNCTION roll_up_validation_logs/,/^\$\$;/p' $migrations/V6__validation_log_hourly.sql \
  | sed 's/^CREATE FUNCTION/CREATE OR REPLACE FUNCTION/')
current=$(sed -n '/^CREATE OR REPLACE FUNCTION roll_up_validation_logs/,/^\$\$;/p' \
  $migrations/V11__validation_log_minutely.sql)

# Batch shapes: "spread" 20,000 rows over 2,000 coupons, 72 hours and 59 minutes (nearly a group a
# row); "b50" and "b1000" 5,000 rows of now over 50 and 1,000 coupons (a writer's batch); "busy50"
# the same over 50 coupons whose hour is marked busy (their minutes counted too).
insert_ms() {
  local variant=$1 code at="now()" n=5000
  case $2 in
    spread) code="'ROLLUP-' || (g % 2000)" n=20000
            at="date_trunc('month', now()) + (g % 72) * interval '1 hour' + (g % 59) * interval '1 minute'" ;;
    b50) code="'ROLLUP-' || (g % 50)" ;;
    b1000) code="'ROLLUP-' || (g % 1000)" ;;
    busy50) code="'ROLLUP-BUSY-' || (g % 50)" ;;
  esac
  {
    echo "BEGIN;"
    case $variant in
      none) echo "ALTER TABLE validation_logs DISABLE TRIGGER validation_logs_roll_up;" ;;
      hourly) echo "$hourly_only" ;;
      current) echo "$current" ;;
    esac
    echo "\\timing on"
    echo "INSERT INTO validation_logs (coupon_code, user_id, order_value, is_valid, validation_reason,
            discount_applied, final_amount, response_time_ms, validated_at)
          SELECT $code, 'u' || g, 100.00, g % 3 <> 0, CASE WHEN g % 3 = 0 THEN 'COUPON_EXPIRED' ELSE 'VALID' END,
                 5.00, 95.00, (g % 97) / 10.0 + 0.2, $at FROM generate_series(1, $n) g;"
    echo "\\timing off"
    echo "ROLLBACK;"
  } | psql -qX -v ON_ERROR_STOP=1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
}

psql -qX -v ON_ERROR_STOP=1 -c "SELECT create_validation_log_partitions(CAST(date_trunc('month', now()) AS date), 1)" > /dev/null
psql -qX -v ON_ERROR_STOP=1 -c "INSERT INTO validation_log_minute_hours
    SELECT 'ROLLUP-BUSY-' || g, date_trunc('hour', now(), 'UTC'), date_trunc('hour', now(), 'UTC')
      FROM generate_series(0, 49) g ON CONFLICT DO NOTHING" > /dev/null
results=$(mktemp)
trap 'rm -f "$results"' EXIT
for round in $(seq 1 "$rounds"); do
  order="none hourly current"
  [ $((round % 2)) -eq 0 ] && order="current hourly none"
  for variant in $order; do
    for shape in spread b50 b1000 busy50; do
      # A rolled-back insert leaves dead rows and index entries behind that would slow the next.
      psql -qX -c "VACUUM validation_logs, validation_log_hourly, validation_log_hourly_times,
                          validation_log_minutely, validation_log_minutely_times"
      ms=$(insert_ms $variant $shape)
      echo "round $round $variant $shape ${ms} ms"
      echo "$shape $variant $ms" >> "$results"
    done
  done
done
echo "medians (ms):"
sort -k1,1 -k2,2 -k3,3n "$results" | awk '{k = $1 " " $2; v[k, ++n[k]] = $3} END {
  for (k in n) { m = n[k] % 2 ? v[k, (n[k] + 1) / 2] : (v[k, n[k] / 2] + v[k, n[k] / 2 + 1]) / 2; print "  " k ": " m } }' | sort
