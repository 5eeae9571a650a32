#!/bin/sh
# Starts the service the way the development launcher does, from the environment:
# DB_URL, DB_USER, DB_PASSWORD (required); DB_MAX_CONNECTIONS, HTTP_PORT, HTTP_THREADS, JAVA_HEAP,
# JAVA_OPTS (optional; JAVA_OPTS replaces the default -XX:+UseParallelGC -XX:MaxNewSize=128m).
set -eu
: "${DB_URL:?DB_URL must be set, e.g. jdbc:postgresql://db:5432/coupons}"
: "${DB_USER:?DB_USER must be set}"
: "${DB_PASSWORD:?DB_PASSWORD must be set}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec java -Xmx"${JAVA_HEAP:-768m}" ${JAVA_OPTS--XX:+UseParallelGC -XX:MaxNewSize=128m} -jar /opt/coupons/payara-micro.jar \
    --deploy /opt/coupons/coupons.war \
    --contextroot / \
    --port "${HTTP_PORT:-8080}" \
    --maxhttpthreads "${HTTP_THREADS:-4}" \
    --minhttpthreads "${HTTP_THREADS:-4}" \
    --nohazelcast \
    --prebootcommandfile /opt/coupons/pre-boot-commands.asadmin \
    --postbootcommandfile /opt/coupons/post-boot-commands.asadmin
