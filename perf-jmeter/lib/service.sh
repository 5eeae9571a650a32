# Helpers shared by the load scripts; sourced, not run. The service's database is DB_URL (with
# DB_USER, DB_PASSWORD) or the launcher's embedded PostgreSQL; the service is SERVICE_URL
# (default http://localhost:8080).
SERVICE_URL=${SERVICE_URL:-http://localhost:8080}
# The Integration API's key: COUPONS_API_KEY, or the one the launcher made in .data/dev.
if [ -z "${COUPONS_API_KEY:-}" ] && [ -f .data/dev/checkout-key ]; then
  COUPONS_API_KEY=$(cat .data/dev/checkout-key)
fi
export COUPONS_API_KEY=${COUPONS_API_KEY:-}

# Rows in validation_logs now.
log_rows() {
  mvn -q -B exec:java -Dexec.mainClass=io.shopup.coupons.perf.LogRows | sed -n 's/.*rows=\([0-9]*\).*/\1/p'
}

# Waits until the service's log has written everything it holds in memory (60 s at most).
log_drained() {
  for _ in $(seq 1 120); do
    curl -s "$SERVICE_URL/health/ready" | grep -q '"validationLogQueueSize":"0"' && return 0
    sleep 0.5
  done
  echo "the validation log did not drain within 60 s" >&2
  return 1
}

# Runs one of seed-sql/'s scripts against the service's database.
sql_script() {
  mvn -q -B -DskipTests test-compile exec:java -Dexec.mainClass=io.shopup.coupons.perf.SqlScript -Dexec.args="$*"
}
