#!/usr/bin/env bash
# Loads the large data set (large.sql: 10,000,000 users, 1,000,000 coupons, 2,000,000 redemptions,
# 1,500,000 of them on LARGE-POPULAR) into the service's database, then writes a request CSV over
# it: DB_URL (with DB_USER, DB_PASSWORD) or the launcher's embedded one. Each step prints its time.
#   seed-sql/large-data.sh [csv]        (default perf-jmeter/data/large-requests.csv)
set -euo pipefail
cd "$(dirname "$0")/.."
. perf-jmeter/lib/service.sh
sql_script seed-sql/large.sql
sql_script seed-sql/large-requests.sql "${1:-perf-jmeter/data/large-requests.csv}"
