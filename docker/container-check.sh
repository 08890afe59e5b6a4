#!/usr/bin/env bash
# Container check: builds the JVM image from docker/Dockerfile.jvm as it is (aot-jar packaging),
# trains its AOT cache with docker/aot-image.sh, times the start of both images, and drives the
# one with the cache through the API (register, log in, read the current user) against the tests'
# PostgreSQL, started for the run (scripts/database.sh; or the server CONDUIT_DATABASE_URL names).
#
# Needs root and a Debian-like host; it installs podman, buildah, debootstrap and runc when they
# are missing. No registry is used: the base image is a minimal Debian trixie with its Java 25
# runtime, made once with debootstrap from the host's own Debian mirror and kept in podman's
# storage as localhost/conduit-base-jvm:trixie-jdk25 (later runs reuse it, and podman's layer
# cache).
# All HTTP traffic goes to 127.0.0.1. The container, the database schema it used and any
# temporary files are removed on exit, pass or fail; on failure the container's log is printed.
#
# Usage: bash docker/container-check.sh   (from anywhere; CI calls it from .ci/run)
# Settings (environment, all optional):
#   CONDUIT_CHECK_BASE_IMAGE   base image to build on, JDK 25 or later (default
#                              localhost/conduit-base-jvm:trixie-jdk25, made here when missing)
#   CONDUIT_CHECK_IMAGE        tag of the image built (default localhost/conduit:jvm; the one with
#                              the AOT cache gets the same tag with -aot appended)
#   CONDUIT_DATABASE_URL       a PostgreSQL of one's own, jdbc:postgresql://HOST:PORT/DATABASE, role
#                              postgres (default: a temporary one, see scripts/database.sh)
#   CONDUIT_CHECK_SCHEMA       schema for this run (default conduit_container_<pid>, dropped at exit)
#   CONDUIT_CHECK_STARTUP_TIMEOUT  seconds to wait for the service (default 120)
#   CONDUIT_DEBIAN_MIRROR      Debian mirror for debootstrap (default: the host's, from
#                              /etc/apt/sources.list.d, else deb.debian.org)
#   CONDUIT_PODMAN_STORAGE_DRIVER  force podman's storage driver (default: podman's own, vfs
#                              when that does not work)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh

BASE_IMAGE=${CONDUIT_CHECK_BASE_IMAGE:-localhost/conduit-base-jvm:trixie-jdk25}
IMAGE=${CONDUIT_CHECK_IMAGE:-localhost/conduit:jvm}
AOT_IMAGE=$IMAGE-aot
SCHEMA=${CONDUIT_CHECK_SCHEMA:-conduit_container_$$}
STARTUP_TIMEOUT=${CONDUIT_CHECK_STARTUP_TIMEOUT:-120}
CONTAINER=conduit-check-$$

START=$SECONDS
STEP_START=$SECONDS
declare -a TIMES=()
container_started=false
passed=0 # checks passed, for the closing "N passed, N failed" line
rootfs=""
tmp=$(mktemp -d /tmp/conduit-container-check.XXXXXX)

log() { printf '[container-check %3ds] %s\n' "$((SECONDS - START))" "$*"; }
die() {
  printf '[container-check] FAILED: %s\n' "$*" >&2
  exit 1
}
# Records how long the step that just ended took, for the summary.
step_done() {
  TIMES+=("$1 $((SECONDS - STEP_START))s")
  STEP_START=$SECONDS
}
# Runs a command with its output in a log file; prints the end of that log if it fails.
quiet() {
  local name=$1
  shift
  if ! "$@" >"$tmp/$name.log" 2>&1; then
    echo "---- last lines of $name ----" >&2
    tail -n 40 "$tmp/$name.log" >&2
    die "$name failed: $*"
  fi
}

unmount_under() {
  local dir=$1 mnt
  [[ -n $dir && -d $dir ]] || return 0
  # Deepest first; a debootstrap interrupted half-way may leave proc/sys mounted.
  while read -r mnt; do
    umount -l "$mnt" 2>/dev/null || true
  done < <(awk -v d="$dir" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/mounts | sort -r)
}

cleanup() {
  local rc=$?
  set +e
  if $container_started; then
    if ((rc != 0)); then
      echo "---- container log ($CONTAINER) ----" >&2
      "${PODMAN[@]}" logs --tail 300 "$CONTAINER" >&2 2>&1
      echo "---- end of container log ----" >&2
    fi
    "${PODMAN[@]}" rm -f "$CONTAINER" >/dev/null 2>&1
  fi
  if [[ $SCHEMA == conduit_container_* ]]; then database_drop "$SCHEMA"; fi
  database_stop
  if [[ -n $rootfs ]]; then
    unmount_under "$rootfs"
    rm -rf --one-file-system "$rootfs"
  fi
  rm -rf "$tmp"
  if ((rc != 0)); then
    echo "[container-check] FAILED (exit $rc) after $((SECONDS - START))s" >&2
    echo "container-check: $passed passed, 1 failed"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- 1. tools -------------------------------------------------------------------------------
[[ $(id -u) -eq 0 ]] || die "must run as root (podman import/build/run and debootstrap need it)"

# Each tool is the package of the same name.
missing=()
for tool in podman buildah debootstrap runc curl; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]} > 0)); then
  command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get to install them"
  packages=(podman buildah debootstrap runc)
  [[ " ${missing[*]} " == *" curl "* ]] && packages+=(curl)
  log "installing ${packages[*]} (missing: ${missing[*]})"
  export DEBIAN_FRONTEND=noninteractive
  quiet apt-update timeout 600 apt-get update
  quiet apt-install timeout 900 apt-get install -y --no-install-recommends "${packages[@]}"
fi

# Global podman options. Without systemd (containers, CI sandboxes) podman must manage cgroups
# itself and keep its events in a file.
PODMAN=(podman --runtime runc)
if [[ ! -d /run/systemd/system ]]; then
  PODMAN+=(--cgroup-manager=cgroupfs --events-backend=file)
fi
if [[ -n ${CONDUIT_PODMAN_STORAGE_DRIVER:-} ]]; then
  PODMAN+=(--storage-driver="$CONDUIT_PODMAN_STORAGE_DRIVER")
elif ! "${PODMAN[@]}" info >"$tmp/podman-info.log" 2>&1; then
  # overlay is podman's default; it fails where the storage sits on a file system that overlay
  # cannot use (or in a nested container): vfs works everywhere, only with more disk.
  log "podman's default storage driver does not work here; using vfs"
  PODMAN+=(--storage-driver=vfs)
  quiet podman-info "${PODMAN[@]}" info
fi
log "podman $("${PODMAN[@]}" version --format '{{.Client.Version}}'), storage driver $("${PODMAN[@]}" info --format '{{.Store.GraphDriverName}}')"
step_done tools

# ---- 2. base image --------------------------------------------------------------------------
# The first "deb" source for bookworm (the host's release) in the host's APT configuration (deb822
# .sources or one-line .list files), else deb.debian.org; the same mirror serves trixie.
debian_mirror() {
  if [[ -n ${CONDUIT_DEBIAN_MIRROR:-} ]]; then
    echo "$CONDUIT_DEBIAN_MIRROR"
    return
  fi
  local found=""
  shopt -s nullglob
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    found=$(awk '
      function flush() {
        if (types ~ /(^|[ \t])deb([ \t]|$)/ && (" " suites " ") ~ /[ \t]bookworm[ \t]/ && uri != "") {
          print uri; done = 1; exit
        }
        types = ""; suites = ""; uri = ""
      }
      /^[ \t]*$/ { flush(); next }
      /^Types:/  { types = $0; sub(/^Types:[ \t]*/, "", types) }
      /^Suites:/ { suites = $0; sub(/^Suites:[ \t]*/, "", suites) }
      /^URIs:/   { uri = $2 }
      END { if (!done) flush() }' "$f")
    [[ -n $found ]] && break
  done
  if [[ -z $found ]]; then
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      [[ -f $f ]] || continue
      found=$(sed -E 's/\[[^]]*\]//' "$f" | awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }')
      [[ -n $found ]] && break
    done
  fi
  shopt -u nullglob
  echo "${found:-http://deb.debian.org/debian}"
}

if "${PODMAN[@]}" image exists "$BASE_IMAGE"; then
  log "base image $BASE_IMAGE: present, reused"
else
  [[ $BASE_IMAGE == localhost/* ]] || die "base image $BASE_IMAGE is not in podman's storage"
  mirror=$(debian_mirror)
  rootfs=$(mktemp -d /var/tmp/conduit-base-rootfs.XXXXXX)
  log "making $BASE_IMAGE: debootstrap --variant=minbase trixie from $mirror, with openjdk-25-jre-headless"
  quiet debootstrap timeout 1500 debootstrap --variant=minbase \
    --include=openjdk-25-jre-headless trixie "$rootfs" "$mirror"
  unmount_under "$rootfs"
  [[ -x $rootfs/usr/bin/java ]] || die "the base has no /usr/bin/java after debootstrap"
  # Nothing the runtime reads: package caches and lists, documentation, logs.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin \
    "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* \
    "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* "$rootfs"/var/log/*.log \
    "$rootfs"/var/log/apt/* "$rootfs"/var/cache/debconf/*-old "$rootfs"/var/lib/dpkg/*-old
  # Same mirror as the host for anyone who extends the image.
  echo "deb $mirror trixie main" >"$rootfs/etc/apt/sources.list"
  tar --numeric-owner -C "$rootfs" -cf - . |
    "${PODMAN[@]}" import \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'ENV LANG=C.UTF-8' \
      --change 'CMD ["/bin/bash"]' \
      --message "debootstrap minbase trixie + openjdk-25-jre-headless" \
      - "$BASE_IMAGE" >"$tmp/import.log" 2>&1 || {
    tail -n 20 "$tmp/import.log" >&2
    die "podman import failed"
  }
  unmount_under "$rootfs"
  rm -rf --one-file-system "$rootfs"
  rootfs=""
  log "base image $BASE_IMAGE made"
fi
step_done base-image

# ---- 3. application and image ---------------------------------------------------------------
# The aot-jar, which a Leyden cache can cover (docs/containers.md); always built, since no
# other step does and an old one would be checked in place of the code.
log "packaging the aot-jar into target/aot-app"
quiet mvn-package timeout 1200 ./mvnw -B -ntp package -DskipTests \
  -Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory=aot-app
step_done package

# The images this replaces, the one built on the other first, removed once the new ones pass:
# each run would otherwise leave two untagged images behind.
previous_images=()
for tag in "$AOT_IMAGE" "$IMAGE"; do
  id=$("${PODMAN[@]}" image inspect --format '{{.Id}}' "$tag" 2>/dev/null) && previous_images+=("$id")
done

# docker format, so that the HEALTHCHECK is kept (the OCI format has no field for it);
# --pull=never: the base is local, no registry is asked.
BUILD_OPTS=(--isolation=chroot --format docker --pull=never)
log "building $IMAGE from docker/Dockerfile.jvm on $BASE_IMAGE"
quiet podman-build timeout 900 "${PODMAN[@]}" build "${BUILD_OPTS[@]}" \
  --build-arg "BASE_IMAGE=$BASE_IMAGE" --build-arg APP_DIR=target/aot-app \
  -f docker/Dockerfile.jvm -t "$IMAGE" .
image_id=$("${PODMAN[@]}" image inspect --format '{{.Id}}' "$IMAGE")
image_size=$("${PODMAN[@]}" image inspect --format '{{.Size}}' "$IMAGE")
base_size=$("${PODMAN[@]}" image inspect --format '{{.Size}}' "$BASE_IMAGE")
healthcheck=$("${PODMAN[@]}" image inspect --format '{{if .Config.Healthcheck}}{{json .Config.Healthcheck.Test}}{{end}}' "$IMAGE")
[[ -n $healthcheck ]] || die "the image lost its HEALTHCHECK"
passed=$((passed + 1))
[[ $("${PODMAN[@]}" image inspect --format '{{.Config.User}}' "$IMAGE") == 185 ]] ||
  die "the image does not run as user 185"
passed=$((passed + 1))
step_done image-build

# ---- 4. the AOT cache -----------------------------------------------------------------------
quiet database database_start "$tmp"
log "database $DATABASE_URL"

free_port() {
  local p _
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    # A refused connection means nobody listens there.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  return 1
}
PORT=$(free_port) || die "no free port found"

# Given to podman by name only (-e NAME), so that the secret is not on any command line. The
# training and the checked containers share the schema: the checked ones start on a migrated one,
# as a restarted service does.
CONDUIT_JWT_SECRET=$(head -c 48 /dev/urandom | base64 -w0)
QUARKUS_DATASOURCE_JDBC_URL="$DATABASE_URL?currentSchema=$SCHEMA"
QUARKUS_DATASOURCE_USERNAME=postgres
QUARKUS_DATASOURCE_PASSWORD=container-check
QUARKUS_FLYWAY_SCHEMAS=$SCHEMA
QUARKUS_HTTP_PORT=$PORT
export CONDUIT_JWT_SECRET QUARKUS_DATASOURCE_JDBC_URL QUARKUS_DATASOURCE_USERNAME \
  QUARKUS_DATASOURCE_PASSWORD QUARKUS_FLYWAY_SCHEMAS QUARKUS_HTTP_PORT

# podman's default open-files limit is above what some machines allow (a hard limit of 20000
# here), and runc then refuses to start the container: ask for no more than the machine gives.
cap_limit() { # cap_limit WANTED HARD_LIMIT
  if [[ $2 == unlimited ]] || (($2 >= $1)); then echo "$1"; else echo "$2"; fi
}
NOFILE=$(cap_limit 20000 "$(ulimit -Hn)")
NPROC=$(cap_limit 4096 "$(ulimit -Hu)")
# --health-interval=disable: no periodic health timer (it needs systemd); the check below runs
# the image's HEALTHCHECK once by hand instead.
RUN_OPTS=(--ulimit "nofile=$NOFILE:$NOFILE" --ulimit "nproc=$NPROC:$NPROC" --health-interval=disable)

log "training the AOT cache (docker/aot-image.sh), then building $AOT_IMAGE"
CONTAINER_CLI="${PODMAN[*]}" CONTAINER_BUILD_OPTS="${BUILD_OPTS[*]}" CONTAINER_RUN_OPTS="${RUN_OPTS[*]}"
export CONTAINER_CLI CONTAINER_BUILD_OPTS CONTAINER_RUN_OPTS
quiet aot-image timeout 900 bash docker/aot-image.sh "$IMAGE" "$AOT_IMAGE"
aot_cache=$(sed -n 's/.*cache: \([0-9]* MB\).*/\1/p' "$tmp/aot-image.log")
aot_size=$("${PODMAN[@]}" image inspect --format '{{.Size}}' "$AOT_IMAGE")
[[ -n $("${PODMAN[@]}" image inspect --format '{{if .Config.Healthcheck}}x{{end}}' "$AOT_IMAGE") ]] ||
  die "$AOT_IMAGE lost the HEALTHCHECK"
passed=$((passed + 1))
step_done aot-cache

# ---- 5. timed starts ------------------------------------------------------------------------
BASE_URL=http://127.0.0.1:$PORT
# start_timed IMAGE [podman run options]: starts $CONTAINER and waits until GET /api/user answers
# 401 (no token); START_MS is the time from `podman run` to that answer, polled every 100 ms.
# Whether the container still runs is asked once a second only: a `podman inspect` takes a good
# part of a core for a moment, which the start being timed would pay for.
start_timed() {
  local t0 code deadline=$((SECONDS + STARTUP_TIMEOUT)) state polls=0
  t0=$(date +%s%N)
  container_started=true
  "${PODMAN[@]}" run -d --name "$CONTAINER" --network=host "${RUN_OPTS[@]}" \
    -e CONDUIT_JWT_SECRET -e QUARKUS_DATASOURCE_JDBC_URL -e QUARKUS_DATASOURCE_USERNAME \
    -e QUARKUS_DATASOURCE_PASSWORD -e QUARKUS_FLYWAY_SCHEMAS -e QUARKUS_HTTP_PORT \
    "${@:2}" "$1" >"$tmp/run.log" 2>&1 || {
    cat "$tmp/run.log" >&2
    die "podman run $1 failed"
  }
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$BASE_URL/api/user" || true)
    [[ $code == 401 ]] && break
    if ((++polls % 10 == 0)); then
      state=$("${PODMAN[@]}" inspect --format '{{.State.Status}}' "$CONTAINER" 2>/dev/null || echo gone)
      [[ $state == running ]] || die "$1 stopped before answering (state: $state)"
    fi
    ((SECONDS < deadline)) || die "$1: no answer from $BASE_URL/api/user within ${STARTUP_TIMEOUT}s (last status: $code)"
    sleep 0.1
  done
  START_MS=$((($(date +%s%N) - t0) / 1000000))
}
stop_container() {
  "${PODMAN[@]}" rm -f "$CONTAINER" >/dev/null 2>&1
  container_started=false
}

log "starting $IMAGE (no AOT cache) on 127.0.0.1:$PORT (schema $SCHEMA)"
start_timed "$IMAGE"
plain_ms=$START_MS
stop_container
log "up in $plain_ms ms; starting $AOT_IMAGE with -XX:AOTMode=on (a cache it cannot use stops it)"
start_timed "$AOT_IMAGE" -e JAVA_OPTS_APPEND=-XX:AOTMode=on
aot_ms=$START_MS
log "up in $aot_ms ms: GET /api/user without a token -> 401"
passed=$((passed + 1))
step_done starts

# ---- 6. through the API ---------------------------------------------------------------------
# http METHOD PATH [TOKEN] [JSON]: sets STATUS and BODY.
http() {
  local args=(-sS -o "$tmp/body" -w '%{http_code}' --max-time 20 -X "$1" "$BASE_URL$2")
  [[ -n ${3:-} ]] && args+=(-H "Authorization: Token $3")
  [[ -n ${4:-} ]] && args+=(-H 'Content-Type: application/json' --data "$4")
  STATUS=$(curl "${args[@]}" 2>"$tmp/curl.err") || STATUS="000 ($(cat "$tmp/curl.err"))"
  BODY=$(cat "$tmp/body" 2>/dev/null || true)
}
expect() {
  [[ $STATUS == "$1" ]] || die "$2: expected HTTP $1, got $STATUS: $BODY"
  passed=$((passed + 1))
}
token_of() { sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$BODY"; }

user="ctr_$(date +%s)_$RANDOM"
email="$user@container-check.example"
password="pw-$(head -c 12 /dev/urandom | base64 -w0 | tr -d '/+=')"

http POST /api/users "" "{\"user\":{\"email\":\"$email\",\"username\":\"$user\",\"password\":\"$password\"}}"
expect 201 "register"
[[ $BODY == *"\"username\":\"$user\""* ]] || die "register: username not in the reply: $BODY"
log "POST /api/users -> 201 ($user)"

http POST /api/users/login "" "{\"user\":{\"email\":\"$email\",\"password\":\"$password\"}}"
expect 200 "login"
token=$(token_of)
[[ -n $token ]] || die "login: no token in the reply: $BODY"
log "POST /api/users/login -> 200 with a token"

http GET /api/user "$token"
expect 200 "current user"
[[ $BODY == *"\"username\":\"$user\""* ]] || die "current user: expected username $user: $BODY"
[[ $BODY == *"\"email\":\"$email\""* ]] || die "current user: expected email $email: $BODY"
log "GET /api/user with the token -> 200, username $user"

http GET /api/user "not-a-token"
expect 401 "current user with a bad token"

# The image's HEALTHCHECK probes /q/health/live; it is checked once that endpoint exists.
health_code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE_URL/q/health/live" || true)
if [[ $health_code == 404 ]]; then
  health="not checked (no /q/health/live in this build)"
else
  if "${PODMAN[@]}" healthcheck run "$CONTAINER" >"$tmp/health.log" 2>&1; then
    health="healthy (HEALTHCHECK passed, /q/health/live -> $health_code)"
    passed=$((passed + 1))
  else
    cat "$tmp/health.log" >&2
    die "the image's HEALTHCHECK failed (/q/health/live -> $health_code)"
  fi
fi
step_done api

# ---- summary --------------------------------------------------------------------------------
aot_id=$("${PODMAN[@]}" image inspect --format '{{.Id}}' "$AOT_IMAGE")
for id in "${previous_images[@]}"; do
  [[ $id == "$image_id" || $id == "$aot_id" ]] || "${PODMAN[@]}" rmi "$id" >/dev/null 2>&1 || true
done
human() { echo "$(numfmt --to=iec-i --suffix=B "$1" 2>/dev/null || echo "$1 bytes") ($1 bytes)"; }
echo "container check passed in $((SECONDS - START))s"
echo "  image       $IMAGE (${image_id:0:12}), $(human "$image_size"); base $BASE_IMAGE $(human "$base_size")"
echo "  AOT image   $AOT_IMAGE, $(human "$aot_size"), its cache ${aot_cache:-?}"
echo "  start       first answer after ${plain_ms} ms without the AOT cache, ${aot_ms} ms with it (from podman run)"
echo "  run as      user $("${PODMAN[@]}" image inspect --format '{{.Config.User}}' "$AOT_IMAGE"), port $PORT, schema $SCHEMA"
echo "  API         register 201, login 200, current user 200 ($user), bad token 401"
echo "  healthcheck $health"
echo "  steps       ${TIMES[*]}"
echo "container-check: $passed passed, 0 failed"
