#!/usr/bin/env bash
# Cost as the data grows (docs/performance.md; docs/database.md). For each size it seeds a schema of its
# own with bench/seed.sql (users 1 per 10 articles, one in a hundred deactivated; 3 tags per
# article out of 100; about 5 favorites per article), starts the packaged service with its caches
# off, and times every read endpoint one request at a time (wrk, 1 connection): p50 and p99.
# Then, at the largest size, the mixed run, caches on and then off: wrk at 16 connections on the
# home page and on the popular tag's page, first alone, then while a second client writes 10
# articles and 20 favorites a second. One table, with the targets and their verdicts.
#
#   bench/scale.sh [--skip-build] [--record] [--reuse] [--sizes "10000 100000 1000000"]
#
# --reuse keeps a size's schema when it already holds that many articles (seeding a million takes
# minutes). --record appends the table to docs/performance-log.md. Environment: BENCH_DURATION
# (seconds per read figure, 5, after 2 of warm-up), BENCH_MIXED (seconds per mixed figure, 15),
# BENCH_MIXED_WARMUP (seconds of the mixed load before it is measured, 60), BENCH_PORT (18087),
# BENCH_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="10000 100000 1000000"
DURATION=${BENCH_DURATION:-5}
MIXED=${BENCH_MIXED:-15}
PORT=${BENCH_PORT:-18087}
BUILD=1
RECORD=0
REUSE=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --skip-build) BUILD=0 ;;
    --record) RECORD=1 ;;
    --reuse) REUSE=1 ;;
    --sizes) SIZES=$2; shift ;;
    *) echo "usage: bench/scale.sh [--skip-build] [--record] [--reuse] [--sizes \"N ...\"]" >&2; exit 2 ;;
  esac
  shift
done

SECRET=$(openssl rand -base64 48)
OUT=target/bench-scale
SCHEMA=
# shellcheck source=bench/lib.sh
source bench/lib.sh
# The runner's password outlives a run, so that --reuse can sign in to a kept schema.
PASSWORD_FILE=$OUT/runner-password
[[ -s $PASSWORD_FILE ]] || echo "scale-password-$RANDOM$RANDOM$RANDOM" >"$PASSWORD_FILE"
PASSWORD=$(cat "$PASSWORD_FILE")

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
CPU_MODEL=$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)
COMMIT=$(git rev-parse --short HEAD)$([[ -z $(git status --porcelain -- src pom.xml bench) ]] || echo "+changes")
STARTED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
log "load before: $LOAD_BEFORE; $CORES cores, $CPU_MODEL; commit $COMMIT; sizes $SIZES"

if [[ $BUILD == 1 ]]; then
  log "building (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log" >&2; exit 1; }
fi
test -f target/quarkus-app/quarkus-run.jar || { echo "no target/quarkus-app; run without --skip-build" >&2; exit 1; }
# A copy of its own, so that a build during the run (which takes long at a million articles) does
# not change the service under measurement.
rm -rf "$OUT/app" && cp -a target/quarkus-app "$OUT/app"
APP_DIR=$OUT/app

# login <username>: the token of an account made by register (bench/lib.sh).
login() {
  curl -s --max-time 30 -X POST "$BASE/api/users/login" -H 'Content-Type: application/json' \
    -d "{\"user\":{\"email\":\"$1@example.com\",\"password\":\"$PASSWORD\"}}" |
    sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}
articles_in() { "${PSQL[@]}" -At -c "SELECT count(*) FROM $1.articles" 2>/dev/null || echo 0; }
# 5xx answers the service counted so far (Micrometer's HTTP timings).
server_errors() {
  curl -s --max-time 10 "$BASE/q/metrics" |
    awk '/^http_server_requests_seconds_count\{.*status="5/ {s += $2} END {printf "%d", s}'
}

# seed <size>: the schema conduit_scale_<size>, migrated by the service and seeded.
seed() {
  local size=$1 users=$(($1 / 10)) runner hash started
  if [[ $REUSE == 1 && $(articles_in "$SCHEMA") -ge $size ]]; then
    log "$SCHEMA: kept ($(articles_in "$SCHEMA") articles)"
    return
  fi
  log "$SCHEMA: migrating, then seeding $size articles and $users users"
  "${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"
  start_service "$OUT/service-seed-$size.log"
  wait_for 401 /api/user
  [[ -n $(register runner "$PASSWORD") ]] || { echo "registration failed" >&2; exit 1; }
  stop_service
  read -r runner hash < <("${PSQL[@]}" -At -F ' ' -c "SELECT id, password_hash FROM $SCHEMA.users WHERE username = 'runner'")
  started=$(date +%s)
  PGOPTIONS="-c search_path=$SCHEMA" "${PSQL[@]}" -v users="$users" -v articles="$size" \
    -v hash="$hash" -v runner="$runner" -v deactivate=100 -f bench/seed.sql >/dev/null
  log "$SCHEMA: seeded in $(($(date +%s) - started)) s"
}

# The read endpoints: name, path, and whether the runner's token goes with it.
ENDPOINTS=(
  "GET /api/tags|/api/tags|"
  "GET /api/articles (home page)|/api/articles|"
  "GET /api/articles (home page, signed in)|/api/articles|token"
  "GET /api/articles?tag=tag1 (popular, ~1/4 of articles)|/api/articles?tag=tag1|"
  "GET /api/articles?tag=tag99 (rare)|/api/articles?tag=tag99|"
  "GET /api/articles?author= (10 articles)|/api/articles?author=bench2|"
  "GET /api/articles?favorited= (~5 favorites)|/api/articles?favorited=bench3|"
  "GET /api/articles?favorited= (1 in 7 articles)|/api/articles?favorited=runner|"
  "GET /api/articles/feed (50 authors)|/api/articles/feed|token"
  "GET /api/articles/{slug}|/api/articles/bench-article-777|"
  "GET /api/articles/{slug}/comments|/api/articles/bench-article-770/comments|"
  "GET /api/profiles/{username}|/api/profiles/bench2|token"
  "GET /api/user|/api/user|token"
  "GET /api/articles?offset=10000 (deep)|/api/articles?offset=10000|"
  "GET /api/articles?offset=100000 (deep)|/api/articles?offset=100000|"
  "GET /api/articles?tag=tag1&offset=10000 (deep)|/api/articles?tag=tag1&offset=10000|"
)
declare -A P50 P99
for size in $SIZES; do
  SCHEMA=conduit_scale_$size
  seed "$size"
  SERVICE_ENV=(CONDUIT_CACHE_ENABLED=false)
  start_service "$OUT/service-$size.log"
  wait_for 401 /api/user
  TOKEN=$(login runner)
  [[ -n $TOKEN ]] || { echo "the runner could not sign in" >&2; exit 1; }
  # The JIT compiles the paths of every endpoint before any is timed: the first figures would
  # otherwise be timed against the compiler threads.
  log "$size articles, caches off: warming up every endpoint (3s each at 4 connections)"
  for i in "${!ENDPOINTS[@]}"; do
    IFS='|' read -r name path auth <<<"${ENDPOINTS[$i]}"
    bench "warm-$size-$i" 4 3 "$path" BENCH_TOKEN="${auth:+$TOKEN}"
  done
  log "$size articles, caches off: ${#ENDPOINTS[@]} read endpoints, one request at a time (${DURATION}s each)"
  for i in "${!ENDPOINTS[@]}"; do
    IFS='|' read -r name path auth <<<"${ENDPOINTS[$i]}"
    env=(BENCH_TOKEN="${auth:+$TOKEN}")
    bench "read-$size-$i" 1 "$DURATION" "$path" "${env[@]}"
    [[ $(field "read-$size-$i" 6) == 0 ]] || { echo "$name answered errors:" >&2; curl -s "$BASE$path" >&2; exit 1; }
    P50[$size,$i]=$(field "read-$size-$i" 4)
    P99[$size,$i]=$(field "read-$size-$i" 5)
  done
  stop_service
done

# --- the mixed run, at the largest size, caches on ----------------------------------------------
LARGEST=${SIZES##* }
SCHEMA=conduit_scale_$LARGEST
HOME_PAGE=/api/articles
TAG_PAGE=/api/articles?tag=tag1
# writers <name> <seconds>: the second client, in the background, aiming at 10 new articles (the
# runner) and 20 favorites and unfavorites (the writer) a second: two connections each, each
# pausing 1000/BENCH_RATE ms after every answer (wrk's Lua has no clock to pace by), which with
# the answers' own time comes near those rates; the table gives the rates reached.
writers() {
  bench "$1-articles" 2 "$2" / BENCH_TOKEN="$TOKEN" BENCH_WRITE=articles BENCH_RATE=6 &
  BACKGROUND+=($!)
  bench "$1-favorites" 2 "$2" / BENCH_TOKEN="$WRITER_TOKEN" BENCH_WRITE=favorites BENCH_RATE=12 \
    BENCH_ARTICLES="$LARGEST" &
  BACKGROUND+=($!)
}
WARM=${BENCH_MIXED_WARMUP:-60}
# mixed <on|off>: the home page and the popular tag page at 16 connections, alone and under the
# writers, with the caches on or off; figures named <figure>-<on|off>.
mixed() {
  local errors_before
  SERVICE_ENV=(CONDUIT_CACHE_ENABLED=$([[ $1 == on ]] && echo true || echo false))
  log "mixed run at $LARGEST articles, caches $1 (${MIXED}s per figure, after ${WARM}s of the same mix)"
  start_service "$OUT/service-mixed-$1.log"
  wait_for 401 /api/user
  TOKEN=$(login runner)
  # Favorites come from an account of their own: one user writing articles and favorites at once
  # would queue on their own counts row, which no real user does.
  WRITER_TOKEN=$(register writer "$PASSWORD")
  [[ -n $WRITER_TOKEN ]] || WRITER_TOKEN=$(login writer)
  # The same mix, unmeasured, until the JIT has compiled the write paths too: on 2 cores its
  # compiler threads take most of a core for the first minute of writes, and the writes would
  # be timed against the compiler rather than against the reads.
  writers "warm-$1" $((WARM + 2))
  bench "mixed-warm-home-$1" 16 $((WARM / 2)) "$HOME_PAGE"
  bench "mixed-warm-tag-$1" 16 $((WARM / 2)) "$TAG_PAGE"
  wait "${BACKGROUND[@]}"
  BACKGROUND=()
  bench "read-only-home-$1" 16 "$MIXED" "$HOME_PAGE"
  bench "read-only-tag-$1" 16 "$MIXED" "$TAG_PAGE"
  errors_before=$(server_errors)
  writers "writes-$1" $((2 * MIXED + 8))
  sleep 3
  bench "mixed-home-$1" 16 "$MIXED" "$HOME_PAGE"
  bench "mixed-tag-$1" 16 "$MIXED" "$TAG_PAGE"
  wait "${BACKGROUND[@]}"
  BACKGROUND=()
  SERVER_ERRORS[$1]=$(($(server_errors) - errors_before))
  stop_service
}
declare -A SERVER_ERRORS
mixed on
mixed off

# --- the table ----------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1fx", a / b}'; }
verdict() { awk -v ok="$1" 'BEGIN {print ok ? "holds" : "FAILS"}'; }
SMALLEST=${SIZES%% *}
TABLE=$(
  header="| Endpoint (caches off, 1 connection) |"
  rule="|---|"
  for size in $SIZES; do
    header+=" $size articles p50 / p99 ms |"
    rule+="--:|"
  done
  echo "$header p50 growth | Target |"
  echo "$rule--:|---|"
  for i in "${!ENDPOINTS[@]}"; do
    IFS='|' read -r name path _ <<<"${ENDPOINTS[$i]}"
    line="| $name |"
    for size in $SIZES; do
      line+=" ${P50[$size,$i]} / ${P99[$size,$i]} |"
    done
    p99=${P99[$LARGEST,$i]}
    growth=$(ratio "${P50[$LARGEST,$i]}" "${P50[$SMALLEST,$i]}")
    case $name in
      *offset=100000*) target="p99 <= 100 ms: $(verdict "$(awk -v p="$p99" 'BEGIN {print p <= 100}')")" ;;
      *"(deep)"*) target="p99 <= 25 ms: $(verdict "$(awk -v p="$p99" 'BEGIN {print p <= 25}')") (growth not a target)" ;;
      *"/api/tags"*) target="p99 <= 5 ms: $(verdict "$(awk -v p="$p99" 'BEGIN {print p <= 5}')"); growth <= 2x: $(verdict "$(awk -v a="${P50[$LARGEST,$i]}" -v b="${P50[$SMALLEST,$i]}" 'BEGIN {print a <= 2 * b}')")" ;;
      *) target="p99 <= 25 ms: $(verdict "$(awk -v p="$p99" 'BEGIN {print p <= 25}')"); growth <= 2x: $(verdict "$(awk -v a="${P50[$LARGEST,$i]}" -v b="${P50[$SMALLEST,$i]}" 'BEGIN {print a <= 2 * b}')")" ;;
    esac
    echo "$line $growth | $target |"
  done
  echo
  echo "Mixed run at $LARGEST articles, 16 connections, ${MIXED}s per figure, after ${WARM}s of the same mix; writers: two connections creating articles, two favoriting and unfavoriting random articles, aiming at 10 and 20 a second. The targets are for caches on; caches off is for comparison."
  echo
  row "Figure" "Req/s" "p50 ms" "p99 ms" "Errors (status >= 400)" "Target"
  row "---" "--:" "--:" "--:" "--:" "---"
  for caches in on off; do
    for page in home tag; do
      ro=$(rps "read-only-$page-$caches")
      mx=$(rps "mixed-$page-$caches")
      row "$page page, caches $caches, read-only" "$ro" "$(field "read-only-$page-$caches" 4)" "$(field "read-only-$page-$caches" 5)" "$(field "read-only-$page-$caches" 6)" ""
      row "$page page, caches $caches, under writes" "$mx" "$(field "mixed-$page-$caches" 4)" "$(field "mixed-$page-$caches" 5)" "$(field "mixed-$page-$caches" 6)" \
        "$(awk -v a="$mx" -v b="$ro" 'BEGIN {printf "%.0f%%", 100 * a / b}') of read-only$([[ $caches == on ]] && echo ", >= 50%: $(verdict "$(awk -v a="$mx" -v b="$ro" 'BEGIN {print a >= 0.5 * b}')"); p99 <= 50 ms: $(verdict "$(awk -v p="$(field "mixed-$page-$caches" 5)" 'BEGIN {print p <= 50}')")")"
    done
    row "writes, caches $caches: POST /api/articles" "$(rps1 "writes-$caches-articles")" "$(field "writes-$caches-articles" 4)" "$(field "writes-$caches-articles" 5)" "$(field "writes-$caches-articles" 6)" "p99 <= 100 ms: $(verdict "$(awk -v p="$(field "writes-$caches-articles" 5)" 'BEGIN {print p <= 100}')")"
    row "writes, caches $caches: POST/DELETE favorite" "$(rps1 "writes-$caches-favorites")" "$(field "writes-$caches-favorites" 4)" "$(field "writes-$caches-favorites" 5)" "$(field "writes-$caches-favorites" 6) (404: articles of deactivated authors)" "p99 <= 100 ms: $(verdict "$(awk -v p="$(field "writes-$caches-favorites" 5)" 'BEGIN {print p <= 100}')")"
    row "5xx answers, caches $caches (service metrics)" "" "" "" "${SERVER_ERRORS[$caches]}" "none: $(verdict "$((SERVER_ERRORS[$caches] == 0))")"
  done
)

HEADER="Scale run $STARTED_AT, commit $COMMIT; $CPU_MODEL, $CORES cores; load average before: $LOAD_BEFORE; ${DURATION}s per read figure; JVM opts: ${JAVA_OPTS:-none}"
printf '%s\n\n%s\n' "$HEADER" "$TABLE" | tee "$OUT/table.md"
if [[ $RECORD == 1 ]]; then
  printf '\n### %s (scale)\n\n%s\n\n%s\n' "$STARTED_AT" "$HEADER" "$TABLE" >>docs/performance-log.md
  log "appended to docs/performance-log.md"
fi
