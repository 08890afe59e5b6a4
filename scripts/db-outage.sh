#!/usr/bin/env bash
# Stops and restarts the local PostgreSQL server while a packaged conduit serves registrations and
# reads, then reports what clients saw and whether every acknowledged (201) registration survived.
#
#   scripts/db-outage.sh [load seconds, default 30] [outage seconds, default 6]
#
# Local only: the service listens on 127.0.0.1, all traffic goes there, PostgreSQL is the cluster
# on 127.0.0.1:5432 (as root: pg_ctlcluster). The service keeps its data in the schema
# conduit_outage of the database "test", dropped and rebuilt at each run. Bounded: the load stops
# after the given seconds, every request after 10 s, and the service is stopped on exit.
# WARNING: it stops the whole PostgreSQL server for a few seconds; other users of it notice.
set -euo pipefail
cd "$(dirname "$0")/.."

LOAD_SECONDS=${1:-30}
OUTAGE_SECONDS=${2:-6}
WORKERS=4
SCHEMA=conduit_outage
CLUSTER_VERSION=$(ls /etc/postgresql | head -n 1)
JAR=target/quarkus-app/quarkus-run.jar
WORK=$(mktemp -d)
SERVICE_PID=""

cleanup() {
  if [[ -n "$SERVICE_PID" ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID" && wait "$SERVICE_PID" 2>/dev/null || true
  fi
  # Never leave the database down.
  pg_isready -q -h 127.0.0.1 -p 5432 ||
    pg_ctlcluster --skip-systemctl-redirect "$CLUSTER_VERSION" main start || true
}
trap cleanup EXIT

psql_test() { psql -h 127.0.0.1 -U postgres -d test -v ON_ERROR_STOP=1 -qAt "$@"; }

[[ -f "$JAR" ]] || ./mvnw -B -q package -DskipTests
pg_isready -q -h 127.0.0.1 -p 5432 ||
  { echo "PostgreSQL is not running on 127.0.0.1:5432" >&2; exit 1; }
psql_test -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
CONDUIT_JWT_SECRET=$(head -c 48 /dev/urandom | base64) \
QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT \
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" \
QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_FLYWAY_SCHEMAS=$SCHEMA \
CONDUIT_THROTTLE_REGISTRATIONS_PER_ADDRESS=1000000 \
  java -jar "$JAR" >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 120); do
  curl -s -o /dev/null --max-time 2 "$BASE/api/user" && break
  sleep 0.5
done
curl -s -o /dev/null --max-time 2 "$BASE/api/user" ||
  { echo "the service did not start:" >&2; tail -n 30 "$WORK/service.log" >&2; exit 1; }

# Warm-up, so that the figures are about the outage rather than a cold JVM.
for n in $(seq 1 8); do
  curl -s -o /dev/null --max-time 30 -X POST "$BASE/api/users" -H 'Content-Type: application/json' \
    -d "{\"user\":{\"email\":\"warm-$n-$RANDOM@example.com\",\"username\":\"warm${n}x$RANDOM\",\"password\":\"password1\"}}" || true
done

# One worker: registers accounts and reads the current user with each new token, until the end.
# Each line: epoch kind status seconds retry-after email
worker() {
  local id=$1 end=$2 n=0 token="" email out
  while (( $(date +%s) < end )); do
    n=$((n + 1))
    email="outage-$id-$n-$RANDOM@example.com"
    out=$(curl -s -o "$WORK/body-$id" --max-time 10 -X POST "$BASE/api/users" \
      -H 'Content-Type: application/json' \
      -d "{\"user\":{\"email\":\"$email\",\"username\":\"o${id}x${n}x$RANDOM\",\"password\":\"password1\"}}" \
      -w '%{http_code} %{time_total} %header{retry-after}' || true)
    echo "$(date +%s) register $out $email" >>"$WORK/results-$id"
    if [[ "$out" == 201* ]]; then
      token=$(sed 's/.*"token":"\([^"]*\)".*/\1/' "$WORK/body-$id")
    fi
    if [[ -n "$token" ]]; then
      out=$(curl -s -o /dev/null --max-time 10 "$BASE/api/user" -H "Authorization: Token $token" \
        -w '%{http_code} %{time_total} %header{retry-after}' || true)
      echo "$(date +%s) read $out -" >>"$WORK/results-$id"
    fi
  done
}

START=$(date +%s)
END=$((START + LOAD_SECONDS))
for id in $(seq 1 "$WORKERS"); do worker "$id" "$END" & done

sleep $((LOAD_SECONDS / 4))
echo "t=$(( $(date +%s) - START ))s: stopping PostgreSQL"
pg_ctlcluster --skip-systemctl-redirect "$CLUSTER_VERSION" main stop -m fast
sleep "$OUTAGE_SECONDS"
echo "t=$(( $(date +%s) - START ))s: starting PostgreSQL"
pg_ctlcluster --skip-systemctl-redirect "$CLUSTER_VERSION" main start
UP_AT=$(date +%s)
wait $(jobs -p | grep -v "^$SERVICE_PID$") 2>/dev/null || true

cat "$WORK"/results-* >"$WORK/all"
echo
echo "== Responses by kind and status (000 = no HTTP answer) =="
awk '{print $2, $3}' "$WORK/all" | sort | uniq -c
echo "== Slowest answer: $(awk '{print $4}' "$WORK/all" | sort -n | tail -n 1) s"
echo "== 503 answers without Retry-After: $(awk '$3 == 503 && (($2 == "register" && NF < 6) || ($2 == "read" && NF < 5))' "$WORK/all" | wc -l)"
echo "== 5xx other than 503: $(awk '$3 >= 500 && $3 != 503' "$WORK/all" | wc -l)"
FIRST_OK=$(awk -v up="$UP_AT" '$1 >= up && $3 ~ /^2/ {print $1; exit}' <(sort -n "$WORK/all"))
echo "== First 2xx after PostgreSQL was started again: $(( ${FIRST_OK:-$UP_AT} - UP_AT )) s later"

awk '$2 == "register" && $3 == 201 {print $NF}' "$WORK/all" >"$WORK/acknowledged"
ACKED=$(wc -l <"$WORK/acknowledged")
psql_test -c "CREATE TEMP TABLE acked (email text)" -c "\copy acked FROM '$WORK/acknowledged'" \
  -c "SELECT count(*) FROM acked a JOIN $SCHEMA.users u ON u.email = a.email" >"$WORK/present"
PRESENT=$(tail -n 1 "$WORK/present")
echo "== Acknowledged registrations (201): $ACKED, present in the database: $PRESENT"
echo "== Service log: $(grep -c 'Database unavailable' "$WORK/service.log" || true) 'Database unavailable' warnings, $(grep -c 'Database available again' "$WORK/service.log" || true) 'Database available again', $(grep -c ' ERROR ' "$WORK/service.log" || true) errors"
if [[ "$ACKED" == "$PRESENT" ]]; then
  echo "RESULT: every acknowledged registration survived"
else
  echo "RESULT: $((ACKED - PRESENT)) acknowledged registrations are missing"
  exit 1
fi
