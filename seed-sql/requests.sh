#!/usr/bin/env bash
# Writes the request CSV of the load plans and the wrk script from the performance data set
# (load it first with seed-sql/perf-data.sh). The folder is created when missing.
#   seed-sql/requests.sh [file]        (default perf-jmeter/data/requests.csv)
set -euo pipefail
cd "$(dirname "$0")/.."
. perf-jmeter/lib/service.sh
sql_script seed-sql/requests.sql "${1:-perf-jmeter/data/requests.csv}"
