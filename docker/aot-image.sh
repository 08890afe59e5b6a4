#!/usr/bin/env bash
# Adds a Leyden AOT cache (JDK 25 or later) to a JVM image of the service: the classes of a real
# run come loaded and linked from the cache, with that run's method profiles, and the first
# answer comes in about half the time (docs/performance-log.md, "Start-up on JDK 25 with an AOT cache").
#
# The cache belongs to one JDK build and one set of jars, so it is trained in the image itself:
#   1. a training container of IMAGE runs the image's own entry point with -XX:AOTCacheOutput,
#      against a database it migrates, on the host's network;
#   2. curl drives it through the whole API (two users, a follow, articles, comments, favorites,
#      every list, the feed, errors);
#   3. it is stopped with SIGTERM, and the JVM writes the cache as it exits;
#   4. AOT_IMAGE is IMAGE plus the cache, in a layer of its own (docker/Dockerfile.jvm-aot).
#
# IMAGE must be built from docker/Dockerfile.jvm with the aot-jar packaging, which leaves every
# class to the JDK's own class loaders (the only ones a Leyden cache covers):
#
#   ./mvnw package -DskipTests -Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory=aot-app
#   docker build -f docker/Dockerfile.jvm --build-arg APP_DIR=target/aot-app -t conduit:jvm .
#   QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/conduit_train \
#     QUARKUS_DATASOURCE_USERNAME=conduit QUARKUS_DATASOURCE_PASSWORD=... \
#     bash docker/aot-image.sh conduit:jvm conduit:jvm-aot
#
# Usage: bash docker/aot-image.sh IMAGE AOT_IMAGE
# Settings (environment):
#   QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD
#                       the training database (required; reached from the host's network). The
#                       training migrates it and leaves two users and two articles in it: give
#                       it a database or schema of its own (QUARKUS_FLYWAY_SCHEMAS).
#   QUARKUS_FLYWAY_SCHEMAS  passed on when set
#   QUARKUS_HTTP_PORT   port of the training container on the host (default 8080)
#   CONTAINER_CLI       the container command and its global options (default: docker when its
#                       engine answers, else podman)
#   CONTAINER_BUILD_OPTS  options for its build command (e.g. "--format docker" for podman,
#                       which keeps the HEALTHCHECK)
#   CONTAINER_RUN_OPTS  options for its run command (e.g. ulimits)
#   AOT_TRAINING_TIMEOUT  seconds to wait for the training container to answer (default 120)
set -euo pipefail
cd "$(dirname "$0")/.."

(($# == 2)) || {
  sed -n 's/^# \{0,1\}//; /^Usage:/,/^set -euo/p' "$0" | sed '$d' >&2
  exit 2
}
IMAGE=$1
AOT_IMAGE=$2
: "${QUARKUS_DATASOURCE_JDBC_URL:?the training database: set QUARKUS_DATASOURCE_JDBC_URL}"
: "${QUARKUS_DATASOURCE_USERNAME:?set QUARKUS_DATASOURCE_USERNAME}"
export QUARKUS_DATASOURCE_PASSWORD=${QUARKUS_DATASOURCE_PASSWORD:-}
export QUARKUS_HTTP_PORT=${QUARKUS_HTTP_PORT:-8080}
TIMEOUT=${AOT_TRAINING_TIMEOUT:-120}
if [[ -n ${CONTAINER_CLI:-} ]]; then
  read -r -a CLI <<<"$CONTAINER_CLI"
elif docker info >/dev/null 2>&1; then
  CLI=(docker)
else
  CLI=(podman)
fi
read -r -a BUILD_OPTS <<<"${CONTAINER_BUILD_OPTS:-}"
read -r -a RUN_OPTS <<<"${CONTAINER_RUN_OPTS:-}"

CONTAINER=conduit-aot-training-$$
BASE=http://127.0.0.1:$QUARKUS_HTTP_PORT
tmp=$(mktemp -d /tmp/conduit-aot.XXXXXX)
started=false
log() { printf '[aot-image %3ds] %s\n' "$SECONDS" "$*"; }
die() {
  printf '[aot-image] FAILED: %s\n' "$*" >&2
  exit 1
}
cleanup() {
  local rc=$?
  if $started; then
    ((rc == 0)) || "${CLI[@]}" logs --tail 100 "$CONTAINER" >&2 2>&1 || true
    "${CLI[@]}" rm -f "$CONTAINER" >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT

# A secret for the training only; the cache holds classes and profiles, never configuration.
CONDUIT_JWT_SECRET=$(head -c 48 /dev/urandom | base64 -w0)
export CONDUIT_JWT_SECRET
env_args=(-e CONDUIT_JWT_SECRET -e QUARKUS_DATASOURCE_JDBC_URL -e QUARKUS_DATASOURCE_USERNAME
  -e QUARKUS_DATASOURCE_PASSWORD -e QUARKUS_HTTP_PORT)
[[ -n ${QUARKUS_FLYWAY_SCHEMAS:-} ]] && env_args+=(-e QUARKUS_FLYWAY_SCHEMAS)

# Another service on the port (a dev-mode one, say) would answer in the container's place.
if (exec 3<>"/dev/tcp/127.0.0.1/$QUARKUS_HTTP_PORT") 2>/dev/null; then
  die "127.0.0.1:$QUARKUS_HTTP_PORT is taken; give the training another QUARKUS_HTTP_PORT"
fi
log "training container of $IMAGE on 127.0.0.1:$QUARKUS_HTTP_PORT"
started=true
# Stop at once on SIGTERM (the graceful delay is for load balancers); the cache goes to /tmp,
# which the image's user may write.
"${CLI[@]}" run -d --name "$CONTAINER" --network=host "${RUN_OPTS[@]}" "${env_args[@]}" \
  -e QUARKUS_SHUTDOWN_DELAY=0S -e JAVA_OPTS_APPEND=-XX:AOTCacheOutput=/tmp/app.aot \
  "$IMAGE" >"$tmp/run.log" 2>&1 || {
  cat "$tmp/run.log" >&2
  die "could not start a container of $IMAGE"
}

deadline=$((SECONDS + TIMEOUT))
until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$BASE/api/user" || true) == 401 ]]; do
  [[ $("${CLI[@]}" inspect --format '{{.State.Status}}' "$CONTAINER" 2>/dev/null) == running ]] ||
    die "the training container stopped before answering"
  ((SECONDS < deadline)) || die "no answer from $BASE/api/user within ${TIMEOUT}s"
  sleep 1
done

# call METHOD PATH [TOKEN] [JSON]: the reply's body in $tmp/body, its status in STATUS.
call() {
  local args=(-s -o "$tmp/body" -w '%{http_code}' --max-time 20 -X "$1" "$BASE$2")
  [[ -n ${3:-} ]] && args+=(-H "Authorization: Token $3")
  [[ -n ${4:-} ]] && args+=(-H 'Content-Type: application/json' --data "$4")
  STATUS=$(curl "${args[@]}") || STATUS=000
}
# expect STATUS METHOD PATH [TOKEN] [JSON]: a call whose status is part of the training's point.
expect() {
  call "${@:2}"
  [[ $STATUS == "$1" ]] || die "$2 $3: expected $1, got $STATUS: $(head -c 300 "$tmp/body")"
}
field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" "$tmp/body" | head -n 1; }

log "driving it through the API"
run=$(date +%s)$RANDOM
password=training-$(head -c 12 /dev/urandom | base64 -w0 | tr -d '/+=')
tokens=()
for who in a b; do
  expect 201 POST /api/users "" \
    "{\"user\":{\"username\":\"aot$who$run\",\"email\":\"aot$who$run@training.example\",\"password\":\"$password\"}}"
  expect 200 POST /api/users/login "" \
    "{\"user\":{\"email\":\"aot$who$run@training.example\",\"password\":\"$password\"}}"
  tokens+=("$(field token)")
done
a=${tokens[0]} b=${tokens[1]}
expect 422 POST /api/users "" '{"user":{"username":"","email":"not-an-email","password":""}}'
expect 401 POST /api/users/login "" "{\"user\":{\"email\":\"aota$run@training.example\",\"password\":\"wrong\"}}"
expect 200 GET /api/user "$a"
expect 401 GET /api/user "not-a-token"
expect 200 PUT /api/user "$a" '{"user":{"bio":"Trains the cache","image":"https://example.com/a.png"}}'
expect 200 GET "/api/profiles/aota$run" "$b"
expect 200 POST "/api/profiles/aota$run/follow" "$b"
expect 404 GET "/api/profiles/nobody$run"
slugs=()
for i in 1 2 3; do
  expect 201 POST /api/articles "$a" \
    "{\"article\":{\"title\":\"Training $run $i\",\"description\":\"d$i\",\"body\":\"Body $i\",\"tagList\":[\"aot\",\"t$i\"]}}"
  slugs+=("$(field slug)")
done
expect 422 POST /api/articles "$a" '{"article":{"title":""}}'
expect 200 PUT "/api/articles/${slugs[0]}" "$a" '{"article":{"body":"Changed"}}'
expect 403 PUT "/api/articles/${slugs[0]}" "$b" '{"article":{"body":"Not mine"}}'
expect 200 POST "/api/articles/${slugs[1]}/favorite" "$b"
expect 201 POST "/api/articles/${slugs[1]}/comments" "$b" '{"comment":{"body":"A comment"}}'
comment=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' "$tmp/body" | head -n 1)
# Read paths, several times each, so that their profiles are in the cache.
for _ in 1 2 3 4 5; do
  for token in "" "$a" "$b"; do
    expect 200 GET /api/articles "$token"
    expect 200 GET "/api/articles?tag=aot&limit=5" "$token"
    expect 200 GET "/api/articles?author=aota$run&offset=1" "$token"
    expect 200 GET "/api/articles?favorited=aotb$run" "$token"
    expect 200 GET "/api/articles/${slugs[1]}" "$token"
    expect 200 GET "/api/articles/${slugs[1]}/comments" "$token"
    expect 200 GET /api/tags "$token"
  done
  expect 200 GET /api/articles/feed "$b"
  expect 200 GET /api/user "$a"
  expect 200 GET /q/health/ready
done
expect 404 GET "/api/articles/no-such-article-$run"
expect 204 DELETE "/api/articles/${slugs[1]}/comments/$comment" "$b"
expect 200 DELETE "/api/articles/${slugs[1]}/favorite" "$b"
expect 200 DELETE "/api/profiles/aota$run/follow" "$b"
expect 204 DELETE "/api/articles/${slugs[2]}" "$a"

log "stopping it: the JVM writes the cache as it exits"
"${CLI[@]}" stop -t 120 "$CONTAINER" >/dev/null
"${CLI[@]}" cp "$CONTAINER:/tmp/app.aot" "$tmp/app.aot" 2>"$tmp/cp.log" || {
  cat "$tmp/cp.log" >&2
  die "the training run wrote no cache (is the image's JDK 25 or later?)"
}
[[ -s $tmp/app.aot ]] || die "the cache is empty"
log "cache: $(du -m "$tmp/app.aot" | cut -f1) MB; building $AOT_IMAGE"
"${CLI[@]}" build "${BUILD_OPTS[@]}" --build-arg "IMAGE=$IMAGE" -f docker/Dockerfile.jvm-aot \
  -t "$AOT_IMAGE" "$tmp" >"$tmp/build.log" 2>&1 || {
  tail -n 30 "$tmp/build.log" >&2
  die "building $AOT_IMAGE failed"
}
log "$AOT_IMAGE built"
