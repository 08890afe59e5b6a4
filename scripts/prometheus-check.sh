#!/usr/bin/env bash
# The alert rules, checked by a real Prometheus (docs/alerts.md):
#   1. promtool check rules and promtool test rules (docker/prometheus/conduit-alerts*.yml: for
#      each alert, series that fire it and series just short of it);
#   2. a Prometheus server with those rules scrapes the packaged service every second; after a few
#      requests of each kind, the series the rules are written against are queried back through
#      its HTTP API: request counts by route and status, the latency buckets, logins, the
#      throttle, password hashing, the database's availability and the change listener.
#
#   scripts/prometheus-check.sh
#
# Needs root the first time (it installs Debian's prometheus package, which brings promtool). The
# service runs against the tests' own PostgreSQL (scripts/database.sh) or CONDUIT_DATABASE_URL;
# builds the jar when missing. About 40 s.
set -euo pipefail
cd "$(dirname "$0")/.."

START=$SECONDS
log() { printf '[prometheus-check %3ds] %s\n' "$((SECONDS - START))" "$*"; }
die() {
  log "FAIL: $*"
  exit 1
}
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

if ! command -v promtool >/dev/null || ! command -v prometheus >/dev/null; then
  log "installing prometheus (Debian's package)"
  source scripts/packages.sh
  install_packages prometheus
fi

# --- 1. The rules and their unit tests ------------------------------------------------------------
promtool check rules docker/prometheus/conduit-alerts.yml
(cd docker/prometheus && promtool test rules conduit-alerts.test.yml)
log "ok: rules valid, every alert's unit tests pass"

# --- 2. A real scrape ------------------------------------------------------------------------------
[[ -f target/quarkus-app/quarkus-run.jar && -d target/test-classes ]] ||
  ./mvnw -B -ntp -q package -DskipTests
WORK=$(mktemp -d)
PIDS=()
source scripts/database.sh
cleanup() {
  set +e
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  database_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

database_start "$WORK" || die "no database"
SCHEMA=conduit_prometheus_$RANDOM
PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
CONDUIT_JWT_SECRET=$(head -c 48 /dev/urandom | base64) \
  QUARKUS_DATASOURCE_JDBC_URL="$DATABASE_URL?currentSchema=$SCHEMA" \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_FLYWAY_SCHEMAS=$SCHEMA \
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT QUARKUS_SHUTDOWN_DELAY=0S \
  java -jar target/quarkus-app/quarkus-run.jar >"$WORK/service.log" 2>&1 &
PIDS+=($!)
deadline=$((SECONDS + 90))
until curl -s -o /dev/null --fail --max-time 2 "$BASE/q/health/ready"; do
  ((SECONDS < deadline)) || { tail -n 30 "$WORK/service.log"; die "the service did not start"; }
  sleep 0.5
done

PROM_PORT=$(free_port)
cat >"$WORK/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - $PWD/docker/prometheus/conduit-alerts.yml
scrape_configs:
  - job_name: conduit
    metrics_path: /q/metrics
    static_configs:
      - targets: ["127.0.0.1:$PORT"]
EOF
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" \
  --web.listen-address="127.0.0.1:$PROM_PORT" >"$WORK/prometheus.log" 2>&1 &
PIDS+=($!)
log "service on :$PORT, Prometheus on :$PROM_PORT (scrape every 1 s, the rules loaded)"

# query <PromQL>: the first result's value, once Prometheus has it (up to 30 s).
query() {
  local deadline=$((SECONDS + 30)) value
  while ((SECONDS < deadline)); do
    value=$(curl -s --get "http://127.0.0.1:$PROM_PORT/api/v1/query" --data-urlencode "query=$1" |
      python3 -c 'import json,sys
r = json.load(sys.stdin).get("data", {}).get("result", [])
print(r[0]["value"][1] if r else "")' 2>/dev/null || true)
    [[ -n $value ]] && { echo "$value"; return; }
    sleep 1
  done
}
# Scraped once before the requests, so that every counter is seen growing (rate() needs it).
[[ $(query 'up{job="conduit"} == 1') == 1 ]] ||
  { tail -n 20 "$WORK/prometheus.log"; die "Prometheus did not scrape the service"; }

# Requests of each kind: a sign-up, a login, a failed login, reads, a 404, a 422.
json() { curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' "$@"; }
name=prom$RANDOM
[[ $(json -X POST "$BASE/api/users" \
  -d "{\"user\":{\"email\":\"$name@example.com\",\"username\":\"$name\",\"password\":\"a prometheus password\"}}") == 201 ]] ||
  die "registration failed"
[[ $(json -X POST "$BASE/api/users/login" \
  -d "{\"user\":{\"email\":\"$name@example.com\",\"password\":\"a prometheus password\"}}") == 200 ]] ||
  die "login failed"
[[ $(json -X POST "$BASE/api/users/login" \
  -d "{\"user\":{\"email\":\"$name@example.com\",\"password\":\"not the password\"}}") == 401 ]] ||
  die "a wrong password was not refused"
for _ in 1 2 3 4 5; do
  json "$BASE/api/articles" >/dev/null
  json "$BASE/api/tags" >/dev/null
done
[[ $(json "$BASE/api/profiles/nobody-$RANDOM") == 404 ]] || die "no 404 for an unknown profile"
[[ $(json -X POST "$BASE/api/users" -d '{"user":{}}') == 422 ]] || die "no 422 for an empty sign-up"

# expect <what> <PromQL> <python condition on v>
FAILED=0
expect() {
  local value
  value=$(query "$2")
  if [[ -n $value ]] && python3 -c "import sys; v = float('$value'); sys.exit(0 if ($3) else 1)"; then
    log "ok: $1 = $value"
  else
    log "FAIL: $1: got '${value:-no series}' for $2"
    FAILED=1
  fi
}
sleep 3
expect "reads of the home page answered 200" \
  'sum(http_server_requests_seconds_count{job="conduit", method="GET", uri="/api/articles", status="200"})' 'v >= 5'
expect "a 404 counted under its route, not its path" \
  'sum(http_server_requests_seconds_count{job="conduit", uri="/api/profiles/{username}", status="404"})' 'v >= 1'
expect "422s counted" 'sum(http_server_requests_seconds_count{job="conduit", status="422"})' 'v >= 1'
expect "the home page's latency buckets (all 5 reads within 10 s)" \
  'sum(http_server_requests_seconds_bucket{job="conduit", uri="/api/articles", status="200", le="10.0"})' 'v >= 5'
# Over the counts since the start: rate() of series born after the first scrape is 0 for a while.
expect "a p99 computed from the buckets, as the slow-reads alert does" \
  'histogram_quantile(0.99, sum by (le) (http_server_requests_seconds_bucket{job="conduit", uri="/api/articles"}))' 'v > 0'
expect "logins" 'sum(conduit_logins_total{job="conduit"})' 'v >= 1'
expect "failed logins" 'sum(conduit_logins_failed_total{job="conduit"})' 'v >= 1'
expect "throttle refusals (none)" 'sum(conduit_throttle_refused_total{job="conduit"})' 'v == 0'
expect "password-hashing refusals (none)" \
  'sum(conduit_work_refused_total{job="conduit", work="password-hashing"})' 'v == 0'
expect "503s for an unreachable database (none)" \
  'sum(conduit_database_unavailable_total{job="conduit"})' 'v == 0'
expect "the change listener" 'conduit_database_changes_listening{job="conduit"}' 'v == 1'
expect "alerts firing (none)" 'count(ALERTS{alertstate="firing"}) or vector(0)' 'v == 0'
rules=$(curl -s "http://127.0.0.1:$PROM_PORT/api/v1/rules" |
  python3 -c 'import json,sys; print(sum(len(g["rules"]) for g in json.load(sys.stdin)["data"]["groups"]))')
if [[ $rules == 7 ]]; then log "ok: Prometheus evaluates the 7 rules, none firing"; else
  log "FAIL: Prometheus has $rules rules, not 7"
  FAILED=1
fi
((FAILED == 0)) || { tail -n 20 "$WORK/prometheus.log"; exit 1; }
log "ok: every series the alerts use is scraped from the packaged service"
