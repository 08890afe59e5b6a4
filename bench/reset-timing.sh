#!/usr/bin/env bash
# Password-reset requests for emails with and without an account, timed (docs/account-recovery.md):
# the packaged service in the production profile, mails going to a local SMTP server (Debian's
# aiosmtpd, discarding them). After a warm-up, N requests for registered accounts and N for
# unknown emails, alternating one at a time; prints the status counts and p50/p90/p99 of each
# kind, so that a difference an attacker could time shows up here. The reset throttle is raised
# for the run (every request comes from 127.0.0.1, and each account is asked for once).
#
#   bench/reset-timing.sh [--skip-build] [--record] [N]     (N: 200 by default)
#
# --record appends the table to docs/performance-log.md. The database: scripts/database.sh.
# BENCH_PORT (18088) is the service's port.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh

PORT=${BENCH_PORT:-18088}
BASE=http://127.0.0.1:$PORT
BUILD=1
RECORD=0
N=200
for arg in "$@"; do
  case $arg in
    --skip-build) BUILD=0 ;;
    --record) RECORD=1 ;;
    [0-9]*) N=$arg ;;
    *) echo "usage: bench/reset-timing.sh [--skip-build] [--record] [N]" >&2; exit 2 ;;
  esac
done
WORK=$(mktemp -d /tmp/conduit-reset-timing.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  database_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
log() { printf '[reset-timing %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
  log "installing python3-aiosmtpd"
  apt-get update -qq && apt-get install -y -qq python3-aiosmtpd >/dev/null
fi
if ((BUILD)); then
  log "building (./mvnw package -DskipTests)"
  ./mvnw -B -ntp -q package -DskipTests
fi
SMTP_PORT=$((PORT + 1))
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Sink >"$WORK/smtp.log" 2>&1 &
PIDS+=($!)
database_start "$WORK"
SCHEMA=conduit_reset_timing_$$
env CONDUIT_JWT_SECRET="$(head -c 48 /dev/urandom | base64 -w0)" \
  QUARKUS_DATASOURCE_JDBC_URL="$DATABASE_URL?currentSchema=$SCHEMA" \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_FLYWAY_SCHEMAS=$SCHEMA \
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$PORT" QUARKUS_SHUTDOWN_DELAY=0S \
  CONDUIT_PUBLIC_URL="$BASE" CONDUIT_MAIL_HOST=127.0.0.1 CONDUIT_MAIL_PORT="$SMTP_PORT" \
  CONDUIT_MAIL_START_TLS=DISABLED \
  CONDUIT_THROTTLE_REGISTRATIONS_PER_ADDRESS=100000 \
  CONDUIT_THROTTLE_PASSWORD_RESETS_PER_ADDRESS=100000 \
  java -jar target/quarkus-app/quarkus-run.jar >"$WORK/service.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 600); do
  curl -sf -o /dev/null "$BASE/q/health/ready" && break
  sleep 0.1
done

post() { # post PATH JSON: "status seconds"
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST "$BASE$1" \
    -H 'Content-Type: application/json' -d "$2"
}
reset() { post /api/users/password-reset "{\"user\":{\"email\":\"$1\"}}"; }

log "registering $N accounts"
for ((i = 0; i < N; i++)); do
  post /api/users "{\"user\":{\"email\":\"known$i@example.com\",\"username\":\"known$i\",\"password\":\"timing-passphrase\"}}" >/dev/null
done
log "warming up: 100 requests"
for ((i = 0; i < 100; i++)); do reset "warm$i@example.com" >/dev/null; done
log "$N requests of each kind, alternating"
for ((i = 0; i < N; i++)); do
  reset "known$i@example.com" >>"$WORK/known.out"
  reset "unknown$i@example.com" >>"$WORK/unknown.out"
done
sent() { curl -s "$BASE/q/metrics" | awk '/^conduit_password_reset_mails_total\{outcome="sent"/ {print int($2)}'; }
for _ in $(seq 1 600); do # the mails leave in the background: up to 60 s for all of them
  (($(sent) >= N)) && break
  sleep 0.1
done
SENT=$(sent)
FAILED_ATTEMPTS=$(curl -s "$BASE/q/metrics" |
  awk '/^conduit_password_reset_mail_failed_attempts_total/ {print int($2)}')

row() { # row LABEL FILE
  sort -k2 -n "$2" | awk -v label="$1" '
    { n++; t[n] = $2 * 1000; s[$1]++ }
    END {
      for (c in s) statuses = statuses (statuses ? ", " : "") s[c] " x " c
      printf "| %s | %d | %s | %.2f ms | %.2f ms | %.2f ms |\n", label, n, statuses,
        t[int((n + 1) * 0.5)], t[int(n * 0.9)], t[n - int(n * 0.01)]
    }'
}
TABLE=$(
  echo "Password-reset requests, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD), $(nproc) cores, one at a time, $N of each kind alternating; mails the SMTP server took: ${SENT:-?}, failed attempts: ${FAILED_ATTEMPTS:-?}"
  echo
  echo "| email | requests | answers | p50 | p90 | p99 |"
  echo "|---|---|---|---|---|---|"
  row "with an active account (a mail is sent)" "$WORK/known.out"
  row "without an account (nothing is sent)" "$WORK/unknown.out"
)
echo "$TABLE"
if ((RECORD)); then
  printf '\n%s\n' "$TABLE" >>docs/performance-log.md
  log "appended to docs/performance-log.md"
fi
