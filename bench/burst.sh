#!/usr/bin/env bash
# Registration bursts (docs/performance.md): the packaged service at the default bcrypt cost,
# in the production profile, answering N registrations sent at the same moment. Prints, for a
# burst of distinct new accounts (20, then 40) and for 20 registrations of one email, how many got
# each status, the p50 and p99 of their answer times, and the Retry-After of any 503.
# The registration throttle is raised for the run (all requests come from 127.0.0.1; behind a
# load balancer they come from many addresses).
#
#   bench/burst.sh [--skip-build] [--record]
#
# --record appends the table to docs/performance-log.md. The database: scripts/database.sh (a temporary
# PostgreSQL of the tests' own, or CONDUIT_DATABASE_URL). BENCH_PORT (18087) is the service's port.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh

PORT=${BENCH_PORT:-18087}
BASE=http://127.0.0.1:$PORT
BUILD=1
RECORD=0
for arg in "$@"; do
  case $arg in
    --skip-build) BUILD=0 ;;
    --record) RECORD=1 ;;
    *) echo "usage: bench/burst.sh [--skip-build] [--record]" >&2; exit 2 ;;
  esac
done
WORK=$(mktemp -d /tmp/conduit-burst.XXXXXX)
SERVICE_PID=
cleanup() {
  if [[ -n $SERVICE_PID ]]; then
    kill "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
  database_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
log() { printf '[burst %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if ((BUILD)); then
  log "building (./mvnw package -DskipTests)"
  ./mvnw -B -ntp -q package -DskipTests
fi
database_start "$WORK"
SCHEMA=conduit_burst_$$
env CONDUIT_JWT_SECRET="$(head -c 48 /dev/urandom | base64 -w0)" \
  QUARKUS_DATASOURCE_JDBC_URL="$DATABASE_URL?currentSchema=$SCHEMA" \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_FLYWAY_SCHEMAS=$SCHEMA \
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$PORT" QUARKUS_SHUTDOWN_DELAY=0S \
  CONDUIT_THROTTLE_REGISTRATIONS_PER_ADDRESS=100000 \
  java -jar target/quarkus-app/quarkus-run.jar >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 600); do
  curl -sf -o /dev/null "$BASE/q/health/ready" && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$WORK/service.log" >&2; exit 1; }
  sleep 0.1
done

# burst NAME COUNT SAME: COUNT registrations at once (one email for all when SAME is 1); one line
# per answer in $WORK/NAME.out: status, seconds, Retry-After.
burst() {
  local name=$1 count=$2 same=$3 i id
  : >"$WORK/$name.cfg"
  for ((i = 0; i < count; i++)); do
    id="$name$$x$((same ? 0 : i))"
    {
      echo "url = \"$BASE/api/users\""
      echo 'header = "Content-Type: application/json"'
      echo "data = \"{\\\"user\\\":{\\\"email\\\":\\\"$id@example.com\\\",\\\"username\\\":\\\"$id\\\",\\\"password\\\":\\\"burst-passphrase\\\"}}\""
      echo 'output = "/dev/null"'
      echo 'write-out = "%{http_code} %{time_total} %header{retry-after}\n"'
      ((i == count - 1)) || echo 'next'
    } >>"$WORK/$name.cfg"
  done
  curl -s --no-progress-meter --parallel --parallel-immediate --parallel-max "$count" -K "$WORK/$name.cfg" >"$WORK/$name.out"
}

# summary NAME LABEL: one table row.
summary() {
  sort -k2 -n "$WORK/$2.out" | awk -v label="$1" '
    { n++; t[n] = $2; s[$1]++; if ($1 == 503) ra = ra (ra ? "," : "") $3 }
    END {
      for (c in s) statuses = statuses (statuses ? ", " : "") s[c] " x " c
      p50 = t[int((n + 1) * 0.5)]; p99 = t[n - int(n * 0.01)]
      printf "| %s | %d | %s | %.2f s | %.2f s | %d | %s |\n", label, n, statuses, p50, p99, s[503] + 0, ra ? ra : "-"
    }'
}

log "warming up: one registration (the first bcrypt of the JVM)"
burst warmup 1 0
log "burst of 20 new accounts"; burst new20 20 0; sleep 2
log "burst of 40 new accounts"; burst new40 40 0; sleep 2
log "20 registrations of one email"; burst same20 20 1

COST=$(grep -o 'bcrypt-cost=[0-9]*' src/main/resources/application.properties | head -n 1 | cut -d= -f2)
TABLE=$(
  echo "Registration bursts, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD), $(nproc) cores, bcrypt cost $COST, default hashing settings"
  echo
  echo "| burst | requests | answers | p50 | p99 | refused (503) | Retry-After of the 503s |"
  echo "|---|---|---|---|---|---|---|"
  summary "20 new accounts at once" new20
  summary "40 new accounts at once" new40
  summary "20 registrations of one email" same20
)
echo "$TABLE"
if ((RECORD)); then
  printf '\n%s\n' "$TABLE" >>docs/performance-log.md
  log "appended to docs/performance-log.md"
fi
