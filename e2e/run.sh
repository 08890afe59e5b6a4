#!/usr/bin/env bash
# The browser tests, end to end: the packaged service (target/quarkus-app, prod profile) with its
# CORS origin set through the environment, the static page of e2e/page on another origin, and
# headless Chromium driving the page (e2e/browser-test.mjs); then a superuser made with the
# packaged create-superuser, and Chromium running the admin site (e2e/admin-test.mjs); then account
# recovery (e2e/reset-test.mjs): the service mails a reset link through a local SMTP server
# (aiosmtpd, which files each message into a Maildir of the run), and Chromium opens the link from
# the mail and sets a new password.
#
# Needs root for the one-time `apt-get install` of chromium and python3-aiosmtpd (skipped when
# /usr/bin/chromium exists and Debian's /usr/bin/python3 imports aiosmtpd) and Node 18+ with npm.
# The database is the tests' own PostgreSQL, started for the run (scripts/database.sh), or the
# server CONDUIT_DATABASE_URL names. Builds the jar with
# `./mvnw package -DskipTests` only when target/quarkus-app/ is missing.
# Settings: CONDUIT_DATABASE_URL, CONDUIT_E2E_PAGE_PORTS (default "5173 5000 3000"),
# CONDUIT_E2E_START_TIMEOUT (seconds, default 90).
# Ends on "e2e: N passed, N failed"; the exit status is non-zero when anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh

PAGE_PORTS="${CONDUIT_E2E_PAGE_PORTS:-5173 5000 3000}"
START_TIMEOUT="${CONDUIT_E2E_START_TIMEOUT:-90}"
SCHEMA="conduit_e2e_$$"
WORK="$(mktemp -d /tmp/conduit-e2e.XXXXXX)"
OUT="target/e2e"
PASSED=0
FAILED=0
PIDS=()

log() { printf '[e2e %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
seconds_since() { echo $(($(date +%s) - $1)); }

cleanup() {
  trap - EXIT
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL "$pid" 2>/dev/null || true
  done
  PIDS=()
  database_drop "$SCHEMA"
  database_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Ends the run: stops everything, then the closing line.
finish() {
  cleanup
  echo "e2e: $PASSED passed, $FAILED failed"
  if [ "$FAILED" -eq 0 ] && [ "$PASSED" -gt 0 ]; then exit 0; fi
  exit 1
}

# add_counts NAME OUTPUT STATUS: a node test's closing "N passed, N failed" into the totals; a test
# that ends without it, or fails with nothing counted as failed, counts as one failure.
add_counts() {
  local counts
  counts="$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$2" | tail -n 1)"
  if [ -z "$counts" ]; then
    FAILED=$((FAILED + 1))
    log "FAIL $1 ended without its summary"
    return
  fi
  PASSED=$((PASSED + ${counts% *}))
  FAILED=$((FAILED + ${counts#* }))
  if [ "$3" -ne 0 ] && [ "${counts#* }" -eq 0 ]; then FAILED=$((FAILED + 1)); fi
}

setup_failed() {
  log "FAIL $*"
  FAILED=$((FAILED + 1))
  if [ -f "$WORK/service.log" ]; then
    log "last lines of the service's log:"
    tail -n 60 "$WORK/service.log"
  fi
  finish
}

# --- Tools --------------------------------------------------------------------------------------
# Debian's python3 by its path: a python3 earlier on PATH (pyenv, a venv) does not see the
# packages apt installs.
PYTHON=/usr/bin/python3
MISSING=()
[ -x /usr/bin/chromium ] || MISSING+=(chromium)
"$PYTHON" -c 'import aiosmtpd' 2>/dev/null || MISSING+=(python3-aiosmtpd)
if [ "${#MISSING[@]}" -gt 0 ]; then
  t0=$(date +%s)
  log "installing ${MISSING[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${MISSING[@]}" >/dev/null
  log "${MISSING[*]} installed in $(seconds_since "$t0") s"
fi
t0=$(date +%s)
(cd e2e && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
log "npm ci (playwright-core) took $(seconds_since "$t0") s"

if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  log "no packaged service yet: ./mvnw package -DskipTests"
  ./mvnw -B -ntp -q package -DskipTests
fi
mkdir -p "$OUT"

# --- The page on two origins: one the service allows, one it does not ---------------------------
bound_port() { # the port a static server printed once it listened
  for _ in $(seq 1 50); do
    if grep -q '^listening ' "$WORK/$1.out"; then
      sed -n 's/^listening //p' "$WORK/$1.out" | head -n 1
      return 0
    fi
    sleep 0.1
  done
  cat "$WORK/$1.out" >&2
  return 1
}
# shellcheck disable=SC2086
node e2e/static-server.mjs $PAGE_PORTS >"$WORK/page.out" 2>&1 &
PIDS+=($!)
node e2e/static-server.mjs 0 >"$WORK/other.out" 2>&1 &
PIDS+=($!)
PAGE_PORT="$(bound_port page)" || setup_failed "the static page server did not start"
OTHER_PORT="$(bound_port other)" || setup_failed "the second static page server did not start"
PAGE_ORIGIN="http://127.0.0.1:$PAGE_PORT"
log "page on $PAGE_ORIGIN, the same page on a not-allowed origin http://127.0.0.1:$OTHER_PORT"

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',
    ()=>{console.log(s.address().port);s.close()})"
}

# --- The mail server: SMTP on 127.0.0.1, every message into the Maildir $WORK/mail ---------------
SMTP_PORT="$(free_port)"
MAILDIR="$WORK/mail"
MAIL_FROM="no-reply@conduit-e2e.test"
"$PYTHON" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$MAILDIR" \
  >"$WORK/smtp.log" 2>&1 &
SMTP_PID=$!
PIDS+=("$SMTP_PID")
smtp_ready() { # the server's greeting, 220
  node -e "const s=require('net').connect($SMTP_PORT,'127.0.0.1');
    s.setTimeout(2000,()=>process.exit(1));s.on('error',()=>process.exit(1));
    s.once('data',d=>s.end('QUIT\r\n',()=>process.exit(/^220[ -]/.test(d)?0:1)))"
}
smtp_failed() {
  cat "$WORK/smtp.log"
  setup_failed "$1"
}
for _ in $(seq 1 100); do
  smtp_ready && break
  kill -0 "$SMTP_PID" 2>/dev/null || smtp_failed "the SMTP server stopped during start-up"
  sleep 0.1
done
smtp_ready || smtp_failed "the SMTP server did not answer on port $SMTP_PORT"
log "SMTP server (aiosmtpd) on 127.0.0.1:$SMTP_PORT, mails into $MAILDIR"

# --- The packaged service, production profile ---------------------------------------------------
t0=$(date +%s)
database_start "$WORK" || setup_failed "no database"
log "database $DATABASE_URL ($(seconds_since "$t0") s)"
API_PORT="$(free_port)"
t0=$(date +%s)
# What the service and its administration command share: the database, the schema, the secret.
APP_ENV=(
  CONDUIT_JWT_SECRET="$(node -e "console.log(require('crypto').randomBytes(48).toString('base64'))")"
  QUARKUS_DATASOURCE_JDBC_URL="$DATABASE_URL?currentSchema=$SCHEMA"
  QUARKUS_DATASOURCE_USERNAME=postgres
  QUARKUS_FLYWAY_SCHEMAS="$SCHEMA"
)
env -u CONDUIT_JWT_SECRET "${APP_ENV[@]}" \
  QUARKUS_HTTP_HOST=127.0.0.1 \
  QUARKUS_HTTP_PORT="$API_PORT" \
  QUARKUS_HTTP_CORS_ENABLED=true \
  QUARKUS_HTTP_CORS_ORIGINS="$PAGE_ORIGIN" \
  QUARKUS_SHUTDOWN_DELAY=0S \
  CONDUIT_PUBLIC_URL="http://127.0.0.1:$API_PORT" \
  CONDUIT_MAIL_HOST=127.0.0.1 \
  CONDUIT_MAIL_PORT="$SMTP_PORT" \
  CONDUIT_MAIL_START_TLS=DISABLED \
  CONDUIT_MAIL_FROM="$MAIL_FROM" \
  java -jar target/quarkus-app/quarkus-run.jar >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
PIDS+=("$SERVICE_PID")

ready() {
  node -e "fetch('http://127.0.0.1:$API_PORT/q/health/ready').then(r => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"
}
deadline=$(($(date +%s) + START_TIMEOUT))
until ready; do
  kill -0 "$SERVICE_PID" 2>/dev/null || setup_failed "the service stopped during start-up"
  [ "$(date +%s)" -lt "$deadline" ] || setup_failed "the service was not ready within $START_TIMEOUT s"
  sleep 0.5
done
PASSED=$((PASSED + 1))
log "ok   the packaged service is ready on port $API_PORT after $(seconds_since "$t0") s (schema $SCHEMA)"

# --- The browser ---------------------------------------------------------------------------------
t0=$(date +%s)
set +e
PAGE_URL="$PAGE_ORIGIN/?api=http://127.0.0.1:$API_PORT/api" \
  OTHER_PAGE_URL="http://127.0.0.1:$OTHER_PORT/?api=http://127.0.0.1:$API_PORT/api" \
  SCREENSHOT="$OUT/browser.png" \
  timeout 300 node e2e/browser-test.mjs | tee "$WORK/browser.out"
browser_status=${PIPESTATUS[0]}
set -e
log "browser test: $(seconds_since "$t0") s, exit status $browser_status"
add_counts "the browser test" "$WORK/browser.out" "$browser_status"

# --- The admin site ------------------------------------------------------------------------------
# A superuser made as an operator would make one, then e2e/admin-test.mjs in the browser.
SUPER_NAME="root$$"
SUPER_EMAIL="$SUPER_NAME@example.com"
SUPER_PASSWORD="$(node -e "console.log(require('crypto').randomBytes(18).toString('base64'))")"
t0=$(date +%s)
if env -u CONDUIT_JWT_SECRET "${APP_ENV[@]}" java -jar target/quarkus-app/quarkus-run.jar \
  create-superuser --email "$SUPER_EMAIL" --username "$SUPER_NAME" --password="$SUPER_PASSWORD" \
  >"$WORK/create-superuser.log" 2>&1; then
  PASSED=$((PASSED + 1))
  log "ok   create-superuser made $SUPER_NAME in $(seconds_since "$t0") s"
  set +e
  BASE="http://127.0.0.1:$API_PORT" SUPER_EMAIL="$SUPER_EMAIL" SUPER_PASSWORD="$SUPER_PASSWORD" \
    SCREENSHOTS="$OUT" timeout 300 node e2e/admin-test.mjs | tee "$WORK/admin.out"
  admin_status=${PIPESTATUS[0]}
  set -e
  log "admin test: $(seconds_since "$t0") s, exit status $admin_status"
  add_counts "the admin test" "$WORK/admin.out" "$admin_status"
else
  FAILED=$((FAILED + 1))
  log "FAIL create-superuser:"
  cat "$WORK/create-superuser.log"
fi

# --- Account recovery ----------------------------------------------------------------------------
# A reset link mailed through the SMTP server above, then opened and used in the browser.
t0=$(date +%s)
set +e
BASE="http://127.0.0.1:$API_PORT" MAILDIR="$MAILDIR" MAIL_FROM="$MAIL_FROM" SCREENSHOTS="$OUT" \
  timeout 300 node e2e/reset-test.mjs | tee "$WORK/reset.out"
reset_status=${PIPESTATUS[0]}
set -e
log "reset test: $(seconds_since "$t0") s, exit status $reset_status"
add_counts "the reset test" "$WORK/reset.out" "$reset_status"
if [ "$reset_status" -ne 0 ]; then
  log "the SMTP server's log:"
  tail -n 30 "$WORK/smtp.log"
  log "the Maildir: $(find "$MAILDIR" -type f 2>/dev/null | wc -l) message(s)"
fi

if [ "$FAILED" -ne 0 ]; then
  log "last lines of the service's log:"
  tail -n 60 "$WORK/service.log"
fi
finish
