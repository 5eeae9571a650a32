#!/usr/bin/env bash
# What PostgreSQL alone spends to store one validation log row: COPY of the newest logged rows,
# moved to now, into validation_logs (in a transaction that is rolled back), then into empty
# copies of the table with none to all four of its indexes. Needs psql and a database the
# service has logged into (the running service's embedded one by default).
#   perf-jmeter/postgres/log-row-cost.sh [rows]
# PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE choose another database.
set -euo pipefail
rows=${1:-200000}
export PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-15432} PGUSER=${PGUSER:-postgres}
export PGPASSWORD=${PGPASSWORD:-postgres} PGDATABASE=${PGDATABASE:-postgres} PGOPTIONS="-c client_min_messages=warning"
columns="coupon_code, user_id, order_id, order_value, is_valid, validation_reason, discount_applied, \
final_amount, ip_address, user_agent, response_time_ms, validated_at, coupon_id"
work=$(mktemp -d)
trap 'rm -rf "$work"; psql -qX -c "DROP TABLE IF EXISTS log_row_cost_probe" > /dev/null' EXIT

# \copy takes one line.
newest="SELECT coupon_code, user_id, order_id, order_value, is_valid, validation_reason, discount_applied, \
final_amount, ip_address, user_agent, response_time_ms, now() + (validated_at - max(validated_at) OVER ()), coupon_id \
FROM (SELECT * FROM validation_logs ORDER BY validated_at DESC LIMIT $rows) newest ORDER BY validated_at"
psql -qX -v ON_ERROR_STOP=1 -c "\copy ($newest) TO '$work/rows.csv' (FORMAT csv)"
count=$(wc -l < "$work/rows.csv")
if [ "$count" -eq 0 ]; then
  echo "validation_logs is empty: run a load first (see the README)" >&2
  exit 1
fi

# Prints microseconds per row for one COPY of the rows into $1, in a transaction ended by $2
# (ROLLBACK, or COMMIT by default).
copy_cost() {
  local ms
  ms=$(psql -qX -v ON_ERROR_STOP=1 -c '\timing on' -c 'BEGIN' \
         -c "\copy $1 ($columns) FROM '$work/rows.csv' (FORMAT csv)" -c "${2:-COMMIT}" \
       | awk '/^Time:/ {n++; if (n == 2) print $2}')
  awk -v ms="$ms" -v n="$count" 'BEGIN { printf "%.1f", ms * 1000 / n }'
}

echo "validation_logs holds $(psql -qXAt -c "SELECT count(*) FROM validation_logs") rows; $count rows per COPY"
for run in 1 2 3; do
  echo "into validation_logs, run $run: $(copy_cost validation_logs ROLLBACK) us/row"
  psql -qX -c "VACUUM validation_logs" > /dev/null
done

indexes=(
  "(validated_at, id)"
  "(is_valid, validated_at, id)"
  "(user_id, validated_at, id)"
  "(coupon_code, validated_at, id) INCLUDE (is_valid, validation_reason, discount_applied, response_time_ms)"
)
for n in 0 1 2 3 4; do
  psql -qX -v ON_ERROR_STOP=1 -c "DROP TABLE IF EXISTS log_row_cost_probe" \
       -c "CREATE TABLE log_row_cost_probe (LIKE validation_logs INCLUDING DEFAULTS)" > /dev/null
  for ((i = 0; i < n; i++)); do
    psql -qX -v ON_ERROR_STOP=1 -c "CREATE INDEX ON log_row_cost_probe ${indexes[$i]}" > /dev/null
  done
  echo "into an empty copy with $n of the 4 indexes: $(copy_cost log_row_cost_probe) us/row"
done
