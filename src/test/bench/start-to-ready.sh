#!/usr/bin/env bash
# Start to ready of the packaged server with a database: starts target/quarkus-app/quarkus-run.jar RUNS times
# against a fresh PostgreSQL database and the machine's Mosquitto (127.0.0.1:1883), and prints the milliseconds from
# exec to the first 200 of /q/health/ready, each run and the median. Extra arguments are JVM options, e.g.
#   src/test/bench/start-to-ready.sh 5 -XX:AOTCache=target/quarkus-app/app.aot
# JAVA (default: java on the PATH) picks the JDK; RUNS defaults to 5.
set -euo pipefail
runs="${1:-5}"; shift || true
java="${JAVA:-java}"
port=18089
db="bench_start_$$"
psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db" postgres
trap 'psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db" postgres' EXIT
times=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  PANTAU_MQTT_URL=tcp://127.0.0.1:1883 PANTAU_MQTT_INSTANCE="bench-start" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$db" QUARKUS_DATASOURCE_USERNAME=postgres \
  QUARKUS_DATASOURCE_PASSWORD= PANTAU_ADMIN_PASSWORD=bench-admin-password QUARKUS_HTTP_PORT=$port \
    "$java" -Xmx512m "$@" -jar target/quarkus-app/quarkus-run.jar > "/tmp/start-to-ready-$i.log" 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready")" = 200 ]; do
    kill -0 "$pid" 2> /dev/null || { echo "the server stopped: /tmp/start-to-ready-$i.log"; exit 1; }
    sleep 0.02
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: $ms ms"
  kill "$pid"; wait "$pid" 2> /dev/null || true
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "median: $(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p") ms of $runs runs ($("$java" -version 2>&1 | head -1))"
