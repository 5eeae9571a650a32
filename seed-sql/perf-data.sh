#!/usr/bin/env bash
# Loads the performance data set (seed.sql: 1,000,000 users, 5,000 coupons, their redemptions)
# into the service's database: DB_URL (with DB_USER, DB_PASSWORD) or the launcher's embedded one.
#   seed-sql/perf-data.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. perf-jmeter/lib/service.sh
sql_script seed-sql/seed.sql
