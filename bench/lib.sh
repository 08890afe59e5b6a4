# Shared by bench/run.sh and bench/scale.sh (sourced, not run). The caller sets PORT, SECRET,
# SCHEMA and OUT first; SERVICE_ENV (extra VAR=value for the service), APP_DIR, JAVA_BIN and
# JAVA_OPTS may be changed between starts. Everything started here is stopped on exit.

BASE=http://127.0.0.1:$PORT
CORES=$(nproc)
PSQL=(psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -v ON_ERROR_STOP=1 -q -X)
APP_DIR=target/quarkus-app
JAVA_BIN=java
# The memory flags of docker/Dockerfile.jvm's JAVA_OPTS (idle memory given back), unless overridden.
JAVA_OPTS=${BENCH_JAVA_OPTS:--XX:G1PeriodicGCInterval=60000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TrimNativeHeapInterval=60000}
SERVICE_ENV=()
SERVICE_PID=
SERVICE_LOG=
BACKGROUND=()
mkdir -p "$OUT"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

cleanup() {
  for pid in "${BACKGROUND[@]}" $SERVICE_PID; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${BACKGROUND[@]}" $SERVICE_PID; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! command -v wrk >/dev/null; then
  log "installing wrk"
  apt-get install -y -q wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
fi

# start_service <log file> [JVM options]: the packaged service in the production profile on
# 127.0.0.1:$PORT, against schema $SCHEMA of the local PostgreSQL.
start_service() {
  local -a env=(
    CONDUIT_JWT_SECRET="$SECRET"
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=$SCHEMA"
    QUARKUS_FLYWAY_SCHEMAS=$SCHEMA
    QUARKUS_DATASOURCE_USERNAME=postgres
    QUARKUS_HTTP_HOST=127.0.0.1
    QUARKUS_HTTP_PORT="$PORT"
    # Stop at once at the end of a run; the graceful delay is for load balancers.
    QUARKUS_SHUTDOWN_DELAY=0S
    "${SERVICE_ENV[@]}"
  )
  # shellcheck disable=SC2086
  (cd "$APP_DIR" && exec env "${env[@]}" "$JAVA_BIN" $JAVA_OPTS "${@:2}" -jar quarkus-run.jar) >"$1" 2>&1 &
  SERVICE_PID=$!
  SERVICE_LOG=$1
}

stop_service() {
  kill "$SERVICE_PID" 2>/dev/null || true
  wait "$SERVICE_PID" 2>/dev/null || true
  SERVICE_PID=
}

# A pipe nobody writes to: `read -t` on it is a sleep that forks no process.
exec {SLEEP_FD}<> <(:)

# http_get <path> [header]: sets STATUS to the status of a GET on the service, 000 when nothing
# answers. Bash builtins only (/dev/tcp): a curl every 20 ms would cost a third of a core, taken
# from the start it times on a 2-core machine.
http_get() {
  local fd
  STATUS=000
  { exec {fd}<>"/dev/tcp/127.0.0.1/$PORT"; } 2>/dev/null || return 0
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s\r\n' "$1" "${2:+$2$'\r\n'}" >&"$fd"
  read -r -t 5 _ STATUS _ <&"$fd" || STATUS=000
  exec {fd}>&-
}

# wait_for <status> <path> [header]: waits (up to 60 s, or $WAIT_SECONDS) until a GET of path
# answers status.
wait_for() {
  local i
  for i in $(seq 1 $((${WAIT_SECONDS:-60} * 100))); do
    http_get "${@:2}"
    [[ $STATUS == "$1" ]] && return 0
    kill -0 "$SERVICE_PID" 2>/dev/null || { echo "the service died:" >&2; tail -n 40 "$SERVICE_LOG" >&2; exit 1; }
    read -r -t 0.01 -u "$SLEEP_FD" _ || true
  done
  echo "no $1 from GET $2 within ${WAIT_SECONDS:-60} s" >&2
  exit 1
}

# register <username> <password>: prints the token of a new account.
register() {
  curl -s --max-time 30 -X POST "$BASE/api/users" -H 'Content-Type: application/json' \
    -d "{\"user\":{\"username\":\"$1\",\"email\":\"$1@example.com\",\"password\":\"$2\"}}" |
    sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}

# bench <name> <connections> <duration> <path> [VAR=value...]: wrk's RESULT line into $OUT/<name>.
# The script is bench/wrk.lua, or $BENCH_SCRIPT when set (BENCH_SCRIPT=bench/crawl.lua bench ...).
bench() {
  local name=$1 conns=$2 secs=$3 path=$4
  shift 4
  env "$@" timeout $((secs + 30)) wrk -t1 -c"$conns" -d"${secs}s" --timeout 10s -s "${BENCH_SCRIPT:-bench/wrk.lua}" \
    "$BASE$path" >"$OUT/$name.txt" 2>&1 || true
  grep '^RESULT' "$OUT/$name.txt" >/dev/null || { echo "wrk $name failed:" >&2; cat "$OUT/$name.txt" >&2; exit 1; }
}
field() { awk -v f="$2" '/^RESULT/ {print $f}' "$OUT/$1.txt"; } # 2 requests, 3 s, 4 p50, 5 p99, 6 non-2xx, 7 timeouts, 8 socket errors
# Successful requests per second (every answer for the 404 figures, where 404 is the point).
rps() { awk -v all="$([[ $1 == notfound* ]] && echo 1)" '/^RESULT/ {printf "%.0f", ($2 - (all ? 0 : $6)) / $3}' "$OUT/$1.txt"; }
rps1() { awk '/^RESULT/ {printf "%.1f", ($2 - $6) / $3}' "$OUT/$1.txt"; }
row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$@"; }
