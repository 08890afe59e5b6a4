#!/usr/bin/env bash
# Cost as the data grows (docs/performance.md; docs/database.md), on two shapes of data. For each
# shape and size it seeds a schema of its own, starts the packaged service with its caches off, and
# times every read endpoint one request at a time (wrk, 1 connection): p50 and p99.
#  * uniform (conduit_scale_<size>, bench/seed.sql): users 1 per 10 articles, one in a hundred
#    deactivated; 3 tags per article out of 100; about 5 favorites per article.
#  * skewed (conduit_skewed_<size>, bench/skewed.sql): the same numbers of users and articles,
#    drawn from power laws: bench1 writes a tenth of the articles, tag1 is on a fifth, tens of
#    thousands of tags in the tail; the runner has favorited a fifth of the articles and follows
#    N/1000 authors, bench3 follows N/200; three threads of N/200 comments. Its endpoints take the
#    heavy and the rare value of every filter, every combination of the heavy ones, two nearly
#    empty combinations, the heavy lists at offset 10000 and the feeds of both followers.
# Then, at the largest size, on the uniform shape, the mixed run, caches on and then off: wrk at
# 16 connections on the home page and on the popular tag's page, first alone, then while a second
# client writes 10 articles and 20 favorites a second. And on each shape, caches on, the crawl:
# the home page and a signed-in reader (the runner's GET /api/articles) at 16 connections each,
# under those writes, without and then with 16 more connections crawling random combinations of
# filters at random offsets (bench/crawl.lua), pages no cache holds. One table per shape, with the
# targets and their verdicts.
#
#   bench/scale.sh [--skip-build] [--record] [--reuse] [--seed-only]
#                  [--sizes "10000 100000 1000000"] [--shapes "uniform skewed"]
#                  [--parts "reads mixed crawl"]
#
# --reuse keeps a schema when it already holds that many articles (seeding a million takes
# minutes), once the service has applied any newer migrations to it. --seed-only seeds (or keeps)
# the schemas and stops. --parts runs only those parts (and prints only their tables): to measure
# one figure again after a change, e.g. --reuse --sizes 1000000 --parts crawl. --record appends the tables to
# docs/performance-log.md. Environment: BENCH_DURATION (seconds per read figure, 5, after 3 of
# warm-up), BENCH_MIXED (seconds per mixed or crawl figure, 15), BENCH_MIXED_WARMUP (seconds of the
# same load before the mixed run and the crawl are measured, 60), BENCH_SEED (setseed() of
# bench/skewed.sql, 0.28), BENCH_PORT (18087), BENCH_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="10000 100000 1000000"
SHAPES="uniform skewed"
DURATION=${BENCH_DURATION:-5}
MIXED=${BENCH_MIXED:-15}
SEED=${BENCH_SEED:-0.28}
PORT=${BENCH_PORT:-18087}
BUILD=1
RECORD=0
REUSE=0
SEED_ONLY=0
PARTS="reads mixed crawl"
usage='usage: bench/scale.sh [--skip-build] [--record] [--reuse] [--seed-only] [--sizes "N ..."] [--shapes "uniform skewed"] [--parts "reads mixed crawl"]'
while [[ $# -gt 0 ]]; do
  case $1 in
    --skip-build) BUILD=0 ;;
    --record) RECORD=1 ;;
    --reuse) REUSE=1 ;;
    --seed-only) SEED_ONLY=1 ;;
    --sizes) SIZES=$2; shift ;;
    --shapes) SHAPES=$2; shift ;;
    --parts) PARTS=$2; shift ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
  shift
done
for shape in $SHAPES; do
  [[ $shape == uniform || $shape == skewed ]] || { echo "$usage" >&2; exit 2; }
done
for part in $PARTS; do
  [[ $part == reads || $part == mixed || $part == crawl ]] || { echo "$usage" >&2; exit 2; }
done
# part <name>: whether this run includes it.
part() { [[ " $PARTS " == *" $1 "* ]]; }

SECRET=$(openssl rand -base64 48)
OUT=target/bench-scale
SCHEMA=
# shellcheck source=bench/lib.sh
source bench/lib.sh
# The runner's password outlives a run, so that --reuse can sign in to a kept schema: each schema
# notes the password of its accounts in its comment when seeded (then a kept schema works from any
# checkout); a new schema takes this file's.
PASSWORD_FILE=$OUT/runner-password
[[ -s $PASSWORD_FILE ]] || echo "scale-password-$RANDOM$RANDOM$RANDOM" >"$PASSWORD_FILE"
PASSWORD=$(cat "$PASSWORD_FILE")

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
CPU_MODEL=$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)
COMMIT=$(git rev-parse --short HEAD)$([[ -z $(git status --porcelain -- src pom.xml bench) ]] || echo "+changes")
STARTED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
log "load before: $LOAD_BEFORE; $CORES cores, $CPU_MODEL; commit $COMMIT; sizes $SIZES; shapes $SHAPES"

if [[ $BUILD == 1 ]]; then
  log "building (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log" >&2; exit 1; }
fi
test -f target/quarkus-app/quarkus-run.jar || { echo "no target/quarkus-app; run without --skip-build" >&2; exit 1; }
# A copy of its own, so that a build during the run (which takes long at a million articles) does
# not change the service under measurement.
rm -rf "$OUT/app" && cp -a target/quarkus-app "$OUT/app"
APP_DIR=$OUT/app

# login <username>: the token of an account made by register (bench/lib.sh) or by a seed.
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
schema_of() { [[ $1 == uniform ]] && echo "conduit_scale_$2" || echo "conduit_skewed_$2"; }
# use_schema <shape> <size>: SCHEMA, and PASSWORD: the one its comment notes, else the file's.
use_schema() {
  local noted
  SCHEMA=$(schema_of "$1" "$2")
  noted=$("${PSQL[@]}" -At -c "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = '$SCHEMA'" |
    sed -n 's/^bench password: //p')
  PASSWORD=${noted:-$(cat "$PASSWORD_FILE")}
}
# query <sql>: one row of the current schema, fields separated by spaces.
query() { PGOPTIONS="-c search_path=$SCHEMA" "${PSQL[@]}" -At -F ' ' -c "$1"; }

# seed <shape> <size>: the schema of that shape and size, migrated by the service and seeded.
seed() {
  local shape=$1 size=$2 users=$(($2 / 10)) runner hash started
  if [[ $REUSE == 1 && $(articles_in "$SCHEMA") -ge $size ]]; then
    # Migrations newer than the schema run now, however long they take at this size, rather than
    # in a start that waits for a minute.
    log "$SCHEMA: kept ($(articles_in "$SCHEMA") articles); applying any newer migrations"
    started=$(date +%s)
    SERVICE_ENV=()
    start_service "$OUT/service-migrate-$shape-$size.log"
    WAIT_SECONDS=3600 wait_for 401 /api/user
    stop_service
    log "$SCHEMA: migrated or current after $(($(date +%s) - started)) s"
    return
  fi
  log "$SCHEMA: migrating, then seeding $size articles and $users users ($shape)"
  "${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"
  SERVICE_ENV=()
  start_service "$OUT/service-seed-$shape-$size.log"
  wait_for 401 /api/user
  [[ -n $(register runner "$PASSWORD") ]] || { echo "registration failed" >&2; exit 1; }
  stop_service
  "${PSQL[@]}" -c "COMMENT ON SCHEMA $SCHEMA IS 'bench password: $PASSWORD'"
  read -r runner hash < <(query "SELECT id, password_hash FROM users WHERE username = 'runner'")
  started=$(date +%s)
  if [[ $shape == uniform ]]; then
    PGOPTIONS="-c search_path=$SCHEMA" "${PSQL[@]}" -v users="$users" -v articles="$size" \
      -v hash="$hash" -v runner="$runner" -v deactivate=100 -f bench/seed.sql >/dev/null
  else
    PGOPTIONS="-c search_path=$SCHEMA" "${PSQL[@]}" -v users="$users" -v articles="$size" \
      -v hash="$hash" -v runner="$runner" -v deactivate=100 -v seed="$SEED" \
      -f bench/skewed.sql >"$OUT/shape-$size.txt"
    log "$SCHEMA: the shape (also in $OUT/shape-$size.txt):"
    sed 's/^/    /' "$OUT/shape-$size.txt" >&2
  fi
  log "$SCHEMA: seeded in $(($(date +%s) - started)) s"
}

# The read endpoints: name, path, and who signs in (nobody, the runner or bench3).
UNIFORM_ENDPOINTS=(
  "GET /api/tags|/api/tags|"
  "GET /api/articles (home page)|/api/articles|"
  "GET /api/articles (home page, signed in)|/api/articles|runner"
  "GET /api/articles?tag=tag1 (popular, ~1/4 of articles)|/api/articles?tag=tag1|"
  "GET /api/articles?tag=tag99 (rare)|/api/articles?tag=tag99|"
  "GET /api/articles?author= (10 articles)|/api/articles?author=bench2|"
  "GET /api/articles?favorited= (~5 favorites)|/api/articles?favorited=bench3|"
  "GET /api/articles?favorited= (1 in 7 articles)|/api/articles?favorited=runner|"
  "GET /api/articles/feed (50 authors)|/api/articles/feed|runner"
  "GET /api/articles/{slug}|/api/articles/bench-article-777|"
  "GET /api/articles/{slug}/comments|/api/articles/bench-article-770/comments|"
  "GET /api/profiles/{username}|/api/profiles/bench2|runner"
  "GET /api/user|/api/user|runner"
  "GET /api/articles?offset=10000 (deep)|/api/articles?offset=10000|"
  "GET /api/articles?offset=100000 (deep)|/api/articles?offset=100000|"
  "GET /api/articles?tag=tag1&offset=10000 (deep)|/api/articles?tag=tag1&offset=10000|"
)
# skewed_endpoints: the skewed shape's, with this schema's rare values (RARE_*, as near 5 articles
# or favorites as there are); the names are the same at every size, the rare values are not.
skewed_endpoints() {
  local filters heavy=("" tag=tag1 author=bench1 favorited=runner tag=tag1\&author=bench1
    tag=tag1\&favorited=runner author=bench1\&favorited=runner
    tag=tag1\&author=bench1\&favorited=runner)
  read -r RARE_TAG RARE_AUTHOR RARE_READER < <(query "
    SELECT (SELECT name FROM tags WHERE articles_count > 0 ORDER BY abs(articles_count - 5), id LIMIT 1),
           (SELECT u.username FROM users u JOIN user_counts c ON c.user_id = u.id
             WHERE u.is_active AND u.username LIKE 'bench%' AND c.articles > 0
             ORDER BY abs(c.articles - 5), u.id LIMIT 1),
           (SELECT u.username FROM users u JOIN user_counts c ON c.user_id = u.id
             WHERE u.is_active AND u.username LIKE 'bench%' AND c.favorites > 0
             ORDER BY abs(c.favorites - 5), u.id LIMIT 1)")
  ENDPOINTS=(
    "GET /api/tags (every tag in use)|/api/tags|"
    "GET /api/articles (home page)|/api/articles|"
    "GET /api/articles (home page, signed in)|/api/articles|runner"
    "?tag=tag1 (heavy: ~1/5 of articles)|/api/articles?tag=tag1|"
    "?tag=<rare> (~5 articles)|/api/articles?tag=$RARE_TAG|"
    "?author=bench1 (heavy: ~1/10 of articles)|/api/articles?author=bench1|"
    "?author=<rare> (~5 articles)|/api/articles?author=$RARE_AUTHOR|"
    "?favorited=runner (heavy: ~1/5 of articles)|/api/articles?favorited=runner|"
    "?favorited=<rare> (~5 favorites)|/api/articles?favorited=$RARE_READER|"
    "?tag=tag1&author=bench1 (~1/20)|/api/articles?tag=tag1&author=bench1|"
    "?tag=tag1&favorited=runner (~1/10)|/api/articles?tag=tag1&favorited=runner|"
    "?author=bench1&favorited=runner (~1/20)|/api/articles?author=bench1&favorited=runner|"
    "?tag=tag1&author=bench1&favorited=runner (~1/40)|/api/articles?tag=tag1&author=bench1&favorited=runner|"
    "?tag=tag-anti&author=bench1 (empty)|/api/articles?tag=tag-anti&author=bench1|"
    "?tag=<rare>&favorited=runner (nearly empty)|/api/articles?tag=$RARE_TAG&favorited=runner|"
  )
  for filters in "${heavy[@]}"; do
    ENDPOINTS+=("?${filters:+$filters&}offset=10000 (deep)|/api/articles?${filters:+$filters&}offset=10000|")
  done
  ENDPOINTS+=(
    "GET /api/articles/feed (runner: N/1000 authors)|/api/articles/feed|runner"
    "GET /api/articles/feed?offset=10000 (runner)|/api/articles/feed?offset=10000|runner"
    "GET /api/articles/feed (bench3: N/200 authors)|/api/articles/feed|bench3"
    "GET /api/articles/feed?offset=10000 (bench3)|/api/articles/feed?offset=10000|bench3"
    "GET /api/articles/hot-thread-1 (N/200 comments)|/api/articles/hot-thread-1|"
    "GET /api/articles/hot-thread-1/comments (N/200)|/api/articles/hot-thread-1/comments|"
    "GET /api/profiles/bench1 (signed in)|/api/profiles/bench1|runner"
    "GET /api/user|/api/user|runner"
  )
}

# sign_in <username...>: TOKENS[<username>] for each.
declare -A TOKENS
sign_in() {
  local user
  for user in "$@"; do
    TOKENS[$user]=$(login "$user")
    [[ -n ${TOKENS[$user]} ]] || { echo "$user could not sign in" >&2; exit 1; }
  done
}
token_of() { [[ -z $1 ]] || echo "${TOKENS[$1]}"; }

# reads <shape> <size>: every read endpoint of the shape, caches off, one request at a time.
declare -A P50 P99 REQUESTS ERRORS NAMES ROWS RARE
reads() {
  local shape=$1 size=$2 i name path auth status header
  SERVICE_ENV=(CONDUIT_CACHE_ENABLED=false)
  start_service "$OUT/service-$shape-$size.log"
  wait_for 401 /api/user
  if [[ $shape == uniform ]]; then
    ENDPOINTS=("${UNIFORM_ENDPOINTS[@]}")
    sign_in runner
  else
    skewed_endpoints
    RARE[$size]="tag $RARE_TAG, author $RARE_AUTHOR, favorited $RARE_READER"
    sign_in runner bench3
  fi
  ROWS[$shape]=${#ENDPOINTS[@]}
  # The JIT compiles the paths of every endpoint before any is timed: the first figures would
  # otherwise be timed against the compiler threads.
  log "$shape, $size articles, caches off: warming up every endpoint (3s each at 4 connections)"
  for i in "${!ENDPOINTS[@]}"; do
    IFS='|' read -r name path auth <<<"${ENDPOINTS[$i]}"
    bench "warm-$shape-$size-$i" 4 3 "$path" BENCH_TOKEN="$(token_of "$auth")"
  done
  log "$shape, $size articles, caches off: ${#ENDPOINTS[@]} read endpoints, one request at a time (${DURATION}s each)"
  for i in "${!ENDPOINTS[@]}"; do
    IFS='|' read -r name path auth <<<"${ENDPOINTS[$i]}"
    bench "read-$shape-$size-$i" 1 "$DURATION" "$path" BENCH_TOKEN="$(token_of "$auth")"
    NAMES[$shape,$i]=$name
    P50[$shape,$size,$i]=$(field "read-$shape-$size-$i" 4)
    P99[$shape,$size,$i]=$(field "read-$shape-$size-$i" 5)
    # Errors and timeouts: the uniform shape stops (a wrong set-up), the skewed one reports them
    # (a query that takes longer than the client waits), unless the answer is a refusal.
    REQUESTS[$shape,$size,$i]=$(field "read-$shape-$size-$i" 2)
    ERRORS[$shape,$size,$i]=$(($(field "read-$shape-$size-$i" 6) + $(field "read-$shape-$size-$i" 7)))
    if [[ ${REQUESTS[$shape,$size,$i]} == 0 ]]; then
      ERRORS[$shape,$size,$i]=$((ERRORS[$shape,$size,$i] + 1))
    fi
    if [[ ${ERRORS[$shape,$size,$i]} != 0 ]]; then
      header=()
      [[ -z $auth ]] || header=(-H "Authorization: Token $(token_of "$auth")")
      status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "${header[@]}" "$BASE$path" || true)
      if [[ ($shape == uniform && $(field "read-$shape-$size-$i" 6) != 0) || $status == 4* ]]; then
        echo "$name answered errors (now $status):" >&2
        curl -s --max-time 60 "$BASE$path" | head -c 2000 >&2
        exit 1
      fi
    fi
  done
  stop_service
}

LARGEST=${SIZES##* }
SMALLEST=${SIZES%% *}
for shape in $SHAPES; do
  for size in $SIZES; do
    use_schema "$shape" "$size"
    seed "$shape" "$size"
    [[ $SEED_ONLY == 1 ]] || ! part reads || reads "$shape" "$size"
  done
done
if [[ $SEED_ONLY == 1 ]]; then
  log "seeded: $(for shape in $SHAPES; do for size in $SIZES; do printf '%s ' "$(schema_of "$shape" "$size")"; done; done)"
  exit 0
fi

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
# start_writing <log>: the service, the runner's token (TOKEN) and the writer's (WRITER_TOKEN).
# Favorites come from an account of their own: one user writing articles and favorites at once
# would queue on their own counts row, which no real user does.
start_writing() {
  start_service "$1"
  wait_for 401 /api/user
  TOKEN=$(login runner)
  [[ -n $TOKEN ]] || { echo "the runner could not sign in" >&2; exit 1; }
  WRITER_TOKEN=$(register writer "$PASSWORD")
  [[ -n $WRITER_TOKEN ]] || WRITER_TOKEN=$(login writer)
  [[ -n $WRITER_TOKEN ]] || { echo "the writer could not sign in" >&2; exit 1; }
}
WARM=${BENCH_MIXED_WARMUP:-60}
HOME_PAGE=/api/articles

# --- the mixed run, at the largest size, uniform shape, caches on and off -----------------------
TAG_PAGE=/api/articles?tag=tag1
# mixed <on|off>: the home page and the popular tag page at 16 connections, alone and under the
# writers, with the caches on or off; figures named <figure>-<on|off>.
mixed() {
  local errors_before
  SERVICE_ENV=(CONDUIT_CACHE_ENABLED=$([[ $1 == on ]] && echo true || echo false))
  log "mixed run at $LARGEST articles, caches $1 (${MIXED}s per figure, after ${WARM}s of the same mix)"
  start_writing "$OUT/service-mixed-$1.log"
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
if [[ " $SHAPES " == *" uniform "* ]] && part mixed; then
  use_schema uniform "$LARGEST"
  mixed on
  mixed off
fi

# --- the crawl, at the largest size, each shape, caches on --------------------------------------
# crawl_names: bench/crawl.lua's values, from the schema: per filter its 10 heaviest values and
# 200 of the others in use (a fixed pseudo-random choice).
crawl_names() {
  query "
    (SELECT 'tag heavy ' || name FROM tags WHERE articles_count > 0 ORDER BY articles_count DESC, id LIMIT 10)
    UNION ALL
    (SELECT 'tag tail ' || name FROM (SELECT name FROM tags WHERE articles_count > 0
       ORDER BY articles_count DESC, id OFFSET 10) t ORDER BY md5(name) LIMIT 200)
    UNION ALL
    (SELECT 'author heavy ' || u.username FROM users u JOIN user_counts c ON c.user_id = u.id
      WHERE u.is_active ORDER BY c.articles DESC, u.id LIMIT 10)
    UNION ALL
    (SELECT 'author tail ' || username FROM (SELECT u.username FROM users u
       JOIN user_counts c ON c.user_id = u.id WHERE u.is_active AND c.articles > 0
       ORDER BY c.articles DESC, u.id OFFSET 10) t ORDER BY md5(username) LIMIT 200)
    UNION ALL
    (SELECT 'favorited heavy ' || u.username FROM users u JOIN user_counts c ON c.user_id = u.id
      WHERE u.is_active ORDER BY c.favorites DESC, u.id LIMIT 10)
    UNION ALL
    (SELECT 'favorited tail ' || username FROM (SELECT u.username FROM users u
       JOIN user_counts c ON c.user_id = u.id WHERE u.is_active AND c.favorites > 0
       ORDER BY c.favorites DESC, u.id OFFSET 10) t ORDER BY md5(username) LIMIT 200)"
}
# crawl <name> <seconds> <seed> <names file>: bench/crawl.lua at 16 connections, in the background.
crawl() {
  BENCH_SCRIPT=bench/crawl.lua bench "$1" 16 "$2" / CRAWL_NAMES="$4" CRAWL_SEED="$3" &
  BACKGROUND+=($!)
}
# readers <name>: the home page, then the runner's home page, 16 connections each, under the
# writers (started 3 s before, for the two figures and 8 s more).
readers() {
  writers "$1-writes" $((2 * MIXED + 8))
  sleep 3
  bench "$1-home" 16 "$MIXED" "$HOME_PAGE"
  bench "$1-reader" 16 "$MIXED" "$HOME_PAGE" BENCH_TOKEN="$TOKEN"
}
# crawled <shape>: the figures of readers, without the crawl and under it; <figure>-<shape>.
crawled() {
  local shape=$1 errors_before
  use_schema "$shape" "$LARGEST"
  SERVICE_ENV=(CONDUIT_CACHE_ENABLED=true)
  log "crawl at $LARGEST articles, $shape, caches on (${MIXED}s per figure, after ${WARM}s of the same load)"
  crawl_names >"$OUT/crawl-names-$shape.txt"
  start_writing "$OUT/service-crawl-$shape.log"
  writers "crawl-warm-$shape" $((WARM + 2))
  crawl "crawl-warm-$shape" "$WARM" 1 "$OUT/crawl-names-$shape.txt"
  bench "crawl-warm-home-$shape" 16 $((WARM / 2)) "$HOME_PAGE"
  bench "crawl-warm-reader-$shape" 16 $((WARM / 2)) "$HOME_PAGE" BENCH_TOKEN="$TOKEN"
  wait "${BACKGROUND[@]}"
  BACKGROUND=()
  # Requests the crawl left running end before the first figure.
  sleep 5
  errors_before=$(server_errors)
  readers "calm-$shape"
  wait "${BACKGROUND[@]}"
  BACKGROUND=()
  SERVER_ERRORS[calm-$shape]=$(($(server_errors) - errors_before))
  errors_before=$(server_errors)
  crawl "crawl-$shape" $((2 * MIXED + 14)) 2 "$OUT/crawl-names-$shape.txt"
  sleep 3
  readers "crawled-$shape"
  wait "${BACKGROUND[@]}"
  BACKGROUND=()
  SERVER_ERRORS[crawled-$shape]=$(($(server_errors) - errors_before))
  stop_service
}
if part crawl; then
  for shape in $SHAPES; do
    crawled "$shape"
  done
fi

# --- the tables ---------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.1fx", a / b; else print "-"}'; }
verdict() { awk -v ok="$1" 'BEGIN {print ok ? "holds" : "FAILS"}'; }
at_most() { verdict "$(awk -v a="$1" -v b="$2" 'BEGIN {print a <= b}')"; }
# reads_table <shape>
reads_table() {
  local shape=$1 i line size p99 growth target header="| Endpoint (caches off, 1 connection) |" rule="|---|"
  for size in $SIZES; do
    header+=" $size articles p50 / p99 ms |"
    rule+="--:|"
  done
  echo "$header p50 growth | Target |"
  echo "$rule--:|---|"
  for ((i = 0; i < ROWS[$shape]; i++)); do
    name=${NAMES[$shape,$i]}
    line="| $name |"
    for size in $SIZES; do
      if [[ ${REQUESTS[$shape,$size,$i]} == 0 ]]; then
        line+=" no answer within 10 s |"
        continue
      fi
      line+=" ${P50[$shape,$size,$i]} / ${P99[$shape,$size,$i]}"
      [[ ${ERRORS[$shape,$size,$i]} == 0 ]] || line+=" (${ERRORS[$shape,$size,$i]} errors or timeouts)"
      line+=" |"
    done
    p99=${P99[$shape,$LARGEST,$i]}
    growth=$(ratio "${P50[$shape,$LARGEST,$i]}" "${P50[$shape,$SMALLEST,$i]}")
    if [[ ${REQUESTS[$shape,$LARGEST,$i]} == 0 ]]; then
      target="FAILS (no answer within 10 s)"
    elif [[ $shape == skewed ]]; then
      if [[ ${ERRORS[$shape,$LARGEST,$i]} != 0 ]]; then
        target="p99 <= 25 ms: FAILS (errors or timeouts) (growth not a target)"
      else
        target="p99 <= 25 ms: $(at_most "$p99" 25) (growth not a target)"
      fi
    else
      case $name in
        *offset=100000*) target="p99 <= 100 ms: $(at_most "$p99" 100)" ;;
        *"(deep)"*) target="p99 <= 25 ms: $(at_most "$p99" 25) (growth not a target)" ;;
        *"/api/tags"*) target="p99 <= 5 ms: $(at_most "$p99" 5); growth <= 2x: $(verdict "$(awk -v a="${P50[$shape,$LARGEST,$i]}" -v b="${P50[$shape,$SMALLEST,$i]}" 'BEGIN {print a <= 2 * b}')")" ;;
        *) target="p99 <= 25 ms: $(at_most "$p99" 25); growth <= 2x: $(verdict "$(awk -v a="${P50[$shape,$LARGEST,$i]}" -v b="${P50[$shape,$SMALLEST,$i]}" 'BEGIN {print a <= 2 * b}')")" ;;
      esac
    fi
    echo "$line $growth | $target |"
  done
  if [[ $shape == skewed ]]; then
    echo
    for size in $SIZES; do
      echo "<rare> at $size articles: ${RARE[$size]}."
    done
  fi
}
mixed_table() {
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
        "$(awk -v a="$mx" -v b="$ro" 'BEGIN {printf "%.0f%%", 100 * a / b}') of read-only$([[ $caches == on ]] && echo ", >= 50%: $(verdict "$(awk -v a="$mx" -v b="$ro" 'BEGIN {print a >= 0.5 * b}')"); p99 <= 50 ms: $(at_most "$(field "mixed-$page-$caches" 5)" 50)")"
    done
    row "writes, caches $caches: POST /api/articles" "$(rps1 "writes-$caches-articles")" "$(field "writes-$caches-articles" 4)" "$(field "writes-$caches-articles" 5)" "$(field "writes-$caches-articles" 6)" "p99 <= 100 ms: $(at_most "$(field "writes-$caches-articles" 5)" 100)"
    row "writes, caches $caches: POST/DELETE favorite" "$(rps1 "writes-$caches-favorites")" "$(field "writes-$caches-favorites" 4)" "$(field "writes-$caches-favorites" 5)" "$(field "writes-$caches-favorites" 6) (404: articles of deactivated authors)" "p99 <= 100 ms: $(at_most "$(field "writes-$caches-favorites" 5)" 100)"
    row "5xx answers, caches $caches (service metrics)" "" "" "" "${SERVER_ERRORS[$caches]}" "none: $(verdict "$((SERVER_ERRORS[$caches] == 0))")"
  done
}
# crawl_table <shape>
crawl_table() {
  local s=$1 calm crawled label phase write f
  echo "Crawl at $LARGEST articles ($s), caches on, ${MIXED}s per figure, after ${WARM}s of the same load: the home page (anonymous) and the runner's GET /api/articles (signed in) at 16 connections each, under the writers of the mixed run, without the crawl and then with it: 16 more anonymous connections on random combinations of tag, author and favorited (10 heavy and 200 tail values each) at random offsets up to 10000."
  echo
  row "Figure" "Req/s" "p50 ms" "p99 ms" "Errors (status >= 400)" "Target"
  row "---" "--:" "--:" "--:" "--:" "---"
  for page in home reader; do
    calm=$(rps "calm-$s-$page")
    crawled=$(rps "crawled-$s-$page")
    label=$([[ $page == home ]] && echo "home page (anonymous)" || echo "runner's GET /api/articles (signed in)")
    row "$label, without the crawl" "$calm" "$(field "calm-$s-$page" 4)" "$(field "calm-$s-$page" 5)" "$(field "calm-$s-$page" 6)" ""
    row "$label, under the crawl" "$crawled" "$(field "crawled-$s-$page" 4)" "$(field "crawled-$s-$page" 5)" "$(field "crawled-$s-$page" 6)" \
      "$(awk -v a="$crawled" -v b="$calm" 'BEGIN {if (b > 0) printf "%.0f%%", 100 * a / b; else print "-"}') of without, >= 50%: $(verdict "$(awk -v a="$crawled" -v b="$calm" 'BEGIN {print a >= 0.5 * b}')"); p99 <= 50 ms: $(at_most "$(field "crawled-$s-$page" 5)" 50)"
  done
  for phase in calm crawled; do
    for write in articles favorites; do
      f=$phase-$s-writes-$write
      row "writes $([[ $phase == calm ]] && echo "without" || echo "under") the crawl: $([[ $write == articles ]] && echo "POST /api/articles" || echo "POST/DELETE favorite")" \
        "$(rps1 "$f")" "$(field "$f" 4)" "$(field "$f" 5)" \
        "$(field "$f" 6)$([[ $write == favorites ]] && echo " (404: articles of deactivated authors)")" \
        "$([[ $phase == crawled ]] && echo "p99 <= 100 ms: $(at_most "$(field "$f" 5)" 100)")"
    done
  done
  row "the crawl itself (16 connections)" "$(rps "crawl-$s")" "$(field "crawl-$s" 4)" "$(field "crawl-$s" 5)" "$(field "crawl-$s" 6) non-2xx, $(field "crawl-$s" 7) timeouts (10 s)" ""
  row "5xx answers without the crawl (service metrics)" "" "" "" "${SERVER_ERRORS[calm-$s]}" "none: $(verdict "$((SERVER_ERRORS[calm-$s] == 0))")"
  row "5xx answers under the crawl (service metrics)" "" "" "" "${SERVER_ERRORS[crawled-$s]}" "none: $(verdict "$((SERVER_ERRORS[crawled-$s] == 0))")"
}
TABLE=$(
  for shape in $SHAPES; do
    echo "#### $([[ $shape == uniform ]] && echo "Uniform shape (bench/seed.sql, conduit_scale_<size>)" || echo "Skewed shape (bench/skewed.sql, seed $SEED, conduit_skewed_<size>)")"
    echo
    if part reads; then
      reads_table "$shape"
      echo
    fi
    if [[ $shape == uniform ]] && part mixed; then
      mixed_table
      echo
    fi
    if part crawl; then
      crawl_table "$shape"
      echo
    fi
  done
)

HEADER="Scale run $STARTED_AT, commit $COMMIT; $CPU_MODEL, $CORES cores; load average before: $LOAD_BEFORE; ${DURATION}s per read figure; JVM opts: ${JAVA_OPTS:-none}"
printf '%s\n\n%s\n' "$HEADER" "$TABLE" | tee "$OUT/table.md"
if [[ $RECORD == 1 ]]; then
  printf '\n### %s (scale)\n\n%s\n\n%s\n' "$STARTED_AT" "$HEADER" "$TABLE" >>docs/performance-log.md
  log "appended to docs/performance-log.md"
fi
