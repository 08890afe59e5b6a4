#!/usr/bin/env bash
# Benchmark harness (docs/performance.md). Builds the service (JVM mode), starts it in the
# production profile against the local PostgreSQL with a seeded scratch schema, drives it with wrk
# from a second process on 127.0.0.1 and prints one table: the figures, then the targets, each a
# ratio between figures of this run (these machines are noisy, absolute numbers are not
# comparable between runs).
#
#   bench/run.sh [--skip-build] [--record] [--duration SECONDS]
#
# --record appends the table, the CPU model, the load average before the run and the git commit
# to docs/performance-log.md. Environment: BENCH_DURATION (seconds per figure, 12), BENCH_WARMUP (seconds
# per warm-up figure, 20: the C2 compiler needs about a minute of traffic on 2 cores to settle),
# BENCH_PORT (18086), BENCH_USERS (5000), BENCH_ARTICLES (10000), BENCH_JAVA_OPTS (the image's memory flags; default
# heap), BENCH_HASHING_CONCURRENCY (passed to the service as conduit.password.hashing-concurrency),
# BENCH_AOT_JAVA (a JDK 25 or later for the start with an AOT cache; default: one under /usr/lib/jvm).
# The seed start doubles as an AppCDS training run (-XX:ArchiveClassesAtExit): after the figures,
# the service is started three times with that archive. When a JDK 25 or later is at hand
# (BENCH_AOT_JAVA, or the first one under /usr/lib/jvm), the service is also built as an aot-jar
# (target/bench-aot), trained once on that JDK (-XX:AOTCacheOutput, JEP 514) and started three
# times with its Leyden AOT cache; the table gives the plain start and both medians.
# The hashing limit is measured right before and right after the login figure (the mean counts);
# a JFR profile of logins at the end tells how much of the service's Java time is bcrypt; a full
# GC at the end (jcmd GC.run) tells how much of the resident memory the grown heap holds, after
# the figure taken once the service has been idle long enough for G1 to give heap back, and the
# JVM's metaspace and code cache accounts tell what else.
# Everything it starts is stopped on exit; it only ever loads 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-12}
WARMUP=${BENCH_WARMUP:-20}
PORT=${BENCH_PORT:-18086}
USERS=${BENCH_USERS:-5000}
ARTICLES=${BENCH_ARTICLES:-10000}
SCHEMA=conduit_bench
BUILD=1
RECORD=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --skip-build) BUILD=0 ;;
    --record) RECORD=1 ;;
    --duration) DURATION=$2; shift ;;
    *) echo "usage: bench/run.sh [--skip-build] [--record] [--duration SECONDS]" >&2; exit 2 ;;
  esac
  shift
done

PASSWORD="bench-password-$RANDOM$RANDOM"
SECRET=$(openssl rand -base64 48)
OUT=target/bench
# shellcheck source=bench/lib.sh
source bench/lib.sh
if [[ -n ${BENCH_HASHING_CONCURRENCY:-} ]]; then
  SERVICE_ENV+=(CONDUIT_PASSWORD_HASHING_CONCURRENCY="$BENCH_HASHING_CONCURRENCY")
fi

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
CPU_MODEL=$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)
COMMIT=$(git rev-parse --short HEAD)$([[ -z $(git status --porcelain -- src pom.xml bench) ]] || echo "+changes")
STARTED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
log "load before: $LOAD_BEFORE; $CORES cores, $CPU_MODEL; commit $COMMIT"

# A JDK of version 25 or later, for the start with a Leyden AOT cache; none: that start is skipped.
aot_java() {
  local java major
  for java in ${BENCH_AOT_JAVA:-} /usr/lib/jvm/*/bin/java; do
    [[ -x $java ]] || continue
    major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
    if [[ -n $major ]] && ((major >= 25)); then
      echo "$java"
      return
    fi
  done
}
AOT_JAVA=$(aot_java)
if [[ $BUILD == 1 ]]; then
  if [[ -n $AOT_JAVA ]]; then
    # Leyden caches only classes of the JDK's own class loaders, hence the aot-jar packaging. It
    # goes to its own directory, and first, so that target/quarkus-app stays the default fast-jar.
    log "building the aot-jar (target/bench-aot) for the start with an AOT cache"
    ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.type=aot-jar \
      -Dquarkus.package.output-directory=bench-aot >"$OUT/build-aot.log" 2>&1 || { cat "$OUT/build-aot.log" >&2; exit 1; }
  fi
  log "building (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log" >&2; exit 1; }
fi
test -f target/quarkus-app/quarkus-run.jar || { echo "no target/quarkus-app; run without --skip-build" >&2; exit 1; }

# thread_cpu: "<CPU seconds><TAB><thread group>" for every group of the service's threads (the
# name without its number: executor-thread, C2 CompilerThread, GC Thread, ...).
thread_cpu() {
  local task
  for task in /proc/"$SERVICE_PID"/task/*; do
    awk -v hz="$(getconf CLK_TCK)" -v name="$(cat "$task/comm" 2>/dev/null)" \
      '{printf "%.2f %s\n", ($14 + $15) / hz, name}' "$task/stat" 2>/dev/null || true
  done | sed -E 's/[0-9#]+$//; s/ +$//' |
    awk '{v = $1; $1 = ""; sub(/^ /, ""); t[$0] += v} END {for (k in t) printf "%.2f\t%s\n", t[k], k}' | LC_ALL=C sort -t$'\t' -k2
}
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$SERVICE_PID/stat"; }
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$SERVICE_PID/status"; }
heap_committed_mb() {
  jcmd "$SERVICE_PID" GC.heap_info 2>/dev/null | sed -n 's/.*heap *total \([0-9]*\)K.*/\1/p' | awk '{printf "%.0f", $1 / 1024}'
}

# --- 1. schema, runner, seed --------------------------------------------------------------------
log "recreating schema $SCHEMA, first start (Flyway), seeding $USERS users and $ARTICLES articles"
"${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"
# The classes this start loads, and those of a few requests, go into an AppCDS archive when it exits.
ARCHIVE=$PWD/$OUT/app-cds.jsa
rm -f "$ARCHIVE"
start_service "$OUT/service-seed.log" -XX:ArchiveClassesAtExit="$ARCHIVE"
wait_for 401 /api/user
TOKEN=$(register runner "$PASSWORD")
[[ -n $TOKEN ]] || { echo "registration failed" >&2; exit 1; }
# A few requests of each kind, for the runs that train a class archive or an AOT cache.
exercise() {
  local path
  for path in /api/user /api/articles /api/articles/feed /api/tags; do
    curl -s -o /dev/null --max-time 10 -H "Authorization: Token $TOKEN" "$BASE$path"
    curl -s -o /dev/null --max-time 10 "$BASE$path"
  done
  curl -s -o /dev/null --max-time 10 -X POST "$BASE/api/users/login" -H 'Content-Type: application/json' \
    -d "{\"user\":{\"email\":\"runner@example.com\",\"password\":\"$PASSWORD\"}}"
}
exercise
stop_service
test -s "$ARCHIVE" || { echo "no AppCDS archive was written:" >&2; tail -n 20 "$OUT/service-seed.log" >&2; exit 1; }
read -r RUNNER HASH < <("${PSQL[@]}" -At -F ' ' -c "SELECT id, password_hash FROM $SCHEMA.users WHERE username = 'runner'")
COST=$(cut -d'$' -f3 <<<"$HASH")
PGOPTIONS="-c search_path=$SCHEMA" "${PSQL[@]}" -v users="$USERS" -v articles="$ARTICLES" \
  -v hash="$HASH" -v runner="$RUNNER" -f bench/seed.sql >/dev/null

# --- 2. the measured start ----------------------------------------------------------------------
# measured_start <log file> [JVM options]: sets START_MS, START_CPU, RSS_START, QUARKUS_STARTED.
measured_start() {
  local t0 t1
  t0=$(date +%s%N)
  start_service "$@"
  wait_for 200 /api/user "Authorization: Token $TOKEN"
  t1=$(date +%s%N)
  START_MS=$(((t1 - t0) / 1000000))
  RSS_START=$(rss_mb)
  # CPU the process used to get there (all its threads): unlike the wall time, it hardly depends
  # on what else the machine is running.
  START_CPU=$(cpu_s)
  QUARKUS_STARTED=$(sed -n 's/.*started in \([0-9.]*s\).*/\1/p' "$1" | head -n 1)
}
# three_starts <log file> [JVM options]: three measured starts, each stopped; sets START3 to the
# median one (ms, CPU s, "started in", RSS MB) and START3_ALL to the three times.
three_starts() {
  local runs=() _
  for _ in 1 2 3; do
    measured_start "$@"
    stop_service
    runs+=("$START_MS $START_CPU ${QUARKUS_STARTED:-?} $RSS_START")
  done
  read -r -a START3 < <(printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p)
  START3_ALL=$(printf '%s\n' "${runs[@]}" | cut -d' ' -f1 | paste -sd /)
}
log "measured start"
measured_start "$OUT/service.log"

# --- 3. figures ---------------------------------------------------------------------------------
AUTH=(BENCH_TOKEN="$TOKEN")
LOGIN=(BENCH_LOGIN_USERS="$USERS" BENCH_PASSWORD="$PASSWORD")

log "warm-up (${WARMUP}s each: 404, health, /api/user, /api/articles with and without a token, the feed, login)"
bench warm-404 16 "$WARMUP" /api/nowhere
bench warm-live 16 "$WARMUP" /q/health/live
bench warm-user 16 "$WARMUP" /api/user "${AUTH[@]}"
bench warm-articles-anon 16 "$WARMUP" /api/articles
bench warm-articles 16 "$WARMUP" /api/articles "${AUTH[@]}"
bench warm-feed 16 "$WARMUP" /api/articles/feed "${AUTH[@]}"
# The login warm-up doubles as the thread check: jstack pauses the JVM, so it samples here rather
# than during a measured figure.
bench warm-login $((CORES * 2)) $((WARMUP + 3)) /api/users/login "${LOGIN[@]}" &
BACKGROUND+=($!)
: >"$OUT/hashing-threads.txt"
sleep 2
for _ in 1 2 3; do
  # Threads that are inside bcrypt right now (waiting ones are parked in HashingGate instead).
  jstack "$SERVICE_PID" 2>/dev/null | awk 'BEGIN {RS = ""} /BcryptUtil|BCryptPassword/ {split($0, q, "\""); print q[2]}' |
    sort | tr '\n' ' ' >>"$OUT/hashing-threads.txt" || true
  echo >>"$OUT/hashing-threads.txt"
  sleep 1
done
wait "${BACKGROUND[@]}"
BACKGROUND=()
HASHING_THREADS=$(tr ' ' '\n' <"$OUT/hashing-threads.txt" | sed '/^$/d' | sort -u | tr '\n' ' ')
HASHING_MOST=$(awk '{ if (NF > m) m = NF } END {print m + 0}' "$OUT/hashing-threads.txt")
EVENT_LOOP_HASHING=$(grep -c 'eventloop' "$OUT/hashing-threads.txt" || true)

for c in 16 64; do
  log "ceiling candidates and GET /api/user at $c connections (${DURATION}s each)"
  bench "notfound-$c" "$c" "$DURATION" /api/nowhere
  bench "live-$c" "$c" "$DURATION" /q/health/live
  bench "user-$c" "$c" "$DURATION" /api/user "${AUTH[@]}"
done

# The machine's speed drifts over minutes (the bare rate alone has moved by 10% between runs a few
# minutes apart), so the hashing limit is measured right before and right after the logins, and
# the mean of the two is the limit.
bcrypt_rate() { timeout $((DURATION + 60)) java -cp 'target/quarkus-app/lib/main/*' bench/BcryptRate.java "$COST" "$DURATION"; }
# The figures since the login warm-up have had the JIT compile the framework for other requests;
# the first logins after them deoptimise and recompile a good part of it (PrintCompilation shows
# the "made not entrant" lines), which on 2 cores takes CPU from bcrypt. Logins once more, so that
# the figure measures logins rather than that switch; the table's thread breakdown shows what
# JIT work is left.
LOGIN_CONNS=$((CORES * 2))
log "logins again (${DURATION}s, not measured): the JIT settles back on the login path"
bench rewarm-login "$LOGIN_CONNS" "$DURATION" /api/users/login "${LOGIN[@]}"
log "bcrypt on one thread at cost $COST (${DURATION}s), before the logins"
read -r BCRYPT_BEFORE BCRYPT_CPU_BEFORE < <(bcrypt_rate)

# Twice as long as the other figures: wrk misses the logins in flight when it stops (on average
# about one bcrypt's worth of work), which is 1.6% of a 12 s figure and half that of a 24 s one.
LOGIN_SECS=$((DURATION * 2))
log "login at $LOGIN_CONNS connections (${LOGIN_SECS}s)"
# The CPU per login counts the logins the service finished (its conduit_logins_total), not those
# wrk saw: the ones wrk leaves in flight at the end still run their bcrypt, and the pause below
# lets them finish inside the window.
logins_total() { curl -s --max-time 10 "$BASE/q/metrics" | awk '/^conduit_logins_total/ {v = $2} END {printf "%d", v}'; }
LOGINS_BEFORE=$(logins_total)
CPU_BEFORE=$(cpu_s)
thread_cpu >"$OUT/login-threads-before.txt"
bench login "$LOGIN_CONNS" "$LOGIN_SECS" /api/users/login "${LOGIN[@]}"
sleep 2
CPU_LOGIN=$(awk -v a="$CPU_BEFORE" -v b="$(cpu_s)" 'BEGIN {print b - a}')
thread_cpu >"$OUT/login-threads-after.txt"
LOGINS_SERVED=$(($(logins_total) - LOGINS_BEFORE))

log "bcrypt on one thread again (${DURATION}s), after the logins"
read -r BCRYPT_AFTER BCRYPT_CPU_AFTER < <(bcrypt_rate)
BCRYPT_PER_CORE=$(awk -v a="$BCRYPT_BEFORE" -v b="$BCRYPT_AFTER" 'BEGIN {printf "%.3f", (a + b) / 2}')
BCRYPT_PER_CPU_S=$(awk -v a="$BCRYPT_CPU_BEFORE" -v b="$BCRYPT_CPU_AFTER" 'BEGIN {printf "%.3f", (a + b) / 2}')

FLOOD_CONNS=32
log "GET /api/user at 16 connections during a login flood of $FLOOD_CONNS connections (${DURATION}s)"
bench flood "$FLOOD_CONNS" $((DURATION + 3)) /api/users/login "${LOGIN[@]}" &
BACKGROUND+=($!)
sleep 2
bench mixed-user 16 "$DURATION" /api/user "${AUTH[@]}"
wait "${BACKGROUND[@]}"
BACKGROUND=()

log "article lists at 16 connections (${DURATION}s each)"
bench articles-anon 16 "$DURATION" /api/articles
bench articles-auth 16 "$DURATION" /api/articles "${AUTH[@]}"
bench feed 16 "$DURATION" /api/articles/feed "${AUTH[@]}"

RSS_END=$(rss_mb)
# What holds the memory: the heap G1 has committed (it grows towards its default maximum, a
# quarter of the machine's memory, and gives little back while the service is busy).
HEAP_COMMITTED=$(heap_committed_mb)
HEAP_MAX=$(jcmd "$SERVICE_PID" VM.flags 2>/dev/null | tr ' ' '\n' | sed -n 's/^-XX:MaxHeapSize=//p' | awk '{printf "%.0f", $1 / 1048576}')
# Then idle: once no GC has run for G1PeriodicGCInterval (60 s, JAVA_OPTS), G1 runs a concurrent
# collection that shrinks the heap to MaxHeapFreeRatio, and the C heap is trimmed
# (TrimNativeHeapInterval). G1's check comes once per interval, so this waits up to 150 s for RSS
# to fall by a fifth, reading /proc every 2 s, and then until two readings in a row agree.
log "idle: waiting up to 150 s for the service to give back memory"
IDLE_WAITED=0
while ((IDLE_WAITED < 150)) && (($(rss_mb) * 5 > RSS_END * 4)); do
  read -r -t 2 -u "$SLEEP_FD" _ || true
  IDLE_WAITED=$((IDLE_WAITED + 2))
done
RSS_IDLE=$(rss_mb)
for _ in 1 2 3 4 5; do
  read -r -t 2 -u "$SLEEP_FD" _ || true
  IDLE_WAITED=$((IDLE_WAITED + 2))
  [[ $(rss_mb) == "$RSS_IDLE" ]] && break
  RSS_IDLE=$(rss_mb)
done
HEAP_IDLE=$(heap_committed_mb)
# How much of that the heap holds: after a full GC, G1 gives back committed heap beyond
# MaxHeapFreeRatio (70%) of what is live, and RSS falls towards what the service really needs.
jcmd "$SERVICE_PID" GC.run >/dev/null 2>&1 || true
sleep 2
RSS_GC=$(rss_mb)
HEAP_GC=$(jcmd "$SERVICE_PID" GC.heap_info 2>/dev/null | sed -n 's/.*heap *total \([0-9]*\)K, used \([0-9]*\)K.*/\1 \2/p' | awk '{printf "%.0f MB committed, %.0f MB used", $1 / 1024, $2 / 1024}')
# And what the rest is, from the JVM's own accounts (no flag needed): metaspace (class metadata)
# and the code cache (compiled code); the remainder is GC structures, symbols, the CDS archive,
# thread stacks and malloc, which only -XX:NativeMemoryTracking itemises.
jcmd "$SERVICE_PID" VM.metaspace >"$OUT/metaspace.txt" 2>&1 || true
CLASSES=$(sed -n 's/^Total Usage.* \([0-9]*\) classes.*/\1/p' "$OUT/metaspace.txt" | head -n 1)
METASPACE_MB=$(sed -n 's/^ *Both:.* \([0-9.]*\) MB ([^)]*) committed.*/\1/p' "$OUT/metaspace.txt" | head -n 1 | awk '{printf "%.0f", $1}')
CODE_MB=$(jcmd "$SERVICE_PID" Compiler.codecache 2>/dev/null | awk -F'used=' '/^CodeHeap/ {split($2, a, "Kb"); s += a[1]} END {printf "%.0f", s / 1024}')
THREADS=$(find "/proc/$SERVICE_PID/task" -mindepth 1 -maxdepth 1 | wc -l)
REST_MB=$(awk -v r="$RSS_GC" -v h="${HEAP_GC%% MB*}" -v m="$METASPACE_MB" -v c="$CODE_MB" 'BEGIN {print r - h - m - c}')
if [[ $JAVA_OPTS == *NativeMemoryTracking* ]]; then
  # BENCH_JAVA_OPTS=-XX:NativeMemoryTracking=summary: where the memory went, by JVM area.
  jcmd "$SERVICE_PID" VM.native_memory summary >"$OUT/native-memory.txt" 2>&1 || true
fi

# Last, a 10 s JFR profile of logins: how much of the service's Java execution is bcrypt itself
# (the rest is HTTP, JSON, SQL, tokens: what the framework and this service add). It comes after
# the memory figures: JFR's buffers and classes stay in the process (about 40 MB of RSS by hand).
log "logins with a 10 s JFR profile"
rm -f "$OUT/login.jfr" # never read an earlier run's profile
bench profile-login $((CORES * 2)) 14 /api/users/login "${LOGIN[@]}" &
BACKGROUND+=($!)
sleep 2
jcmd "$SERVICE_PID" JFR.start name=bench-login duration=10s filename="$PWD/$OUT/login.jfr" >/dev/null 2>&1 || true
wait "${BACKGROUND[@]}"
BACKGROUND=()
sleep 1 # the recording is written when its 10 s are up
BCRYPT_SHARE=$(jfr print --events jdk.ExecutionSample --stack-depth 64 "$OUT/login.jfr" 2>/dev/null |
  awk '/^jdk.ExecutionSample/ {n++; if (b) k++; b = 0} /BCryptPasswordImpl/ {b = 1} END {if (b) k++; if (n) printf "%.1f%% of %d", 100 * k / n, n}')
stop_service

log "three starts with the AppCDS archive of the seed run"
PLAIN=("$START_MS" "$START_CPU" "$QUARKUS_STARTED" "$RSS_START")
three_starts "$OUT/service-cds.log" -XX:SharedArchiveFile="$ARCHIVE" -Xshare:on
CDS=("${START3[@]}") CDS_ALL=$START3_ALL
AOT=()
if [[ -n $AOT_JAVA && -f target/bench-aot/quarkus-run.jar ]]; then
  AOT_VERSION=$("$AOT_JAVA" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  log "JDK $AOT_VERSION: a training start of the aot-jar, then three starts with its AOT cache"
  AOT_CACHE=$PWD/$OUT/app.aot
  rm -f "$AOT_CACHE"
  APP_DIR=target/bench-aot JAVA_BIN=$AOT_JAVA
  start_service "$OUT/service-aot-training.log" -XX:AOTCacheOutput="$AOT_CACHE"
  wait_for 200 /api/user "Authorization: Token $TOKEN"
  for _ in 1 2 3 4 5; do exercise; done
  stop_service # the JVM writes the cache as it exits
  test -s "$AOT_CACHE" || { echo "no AOT cache was written:" >&2; tail -n 20 "$OUT/service-aot-training.log" >&2; exit 1; }
  # AOTMode=on: a cache the JVM cannot use stops the start instead of being skipped in silence.
  three_starts "$OUT/service-aot.log" -XX:AOTMode=on -XX:AOTCache="$AOT_CACHE"
  AOT=("${START3[@]}") AOT_ALL=$START3_ALL
  APP_DIR=target/quarkus-app JAVA_BIN=java
fi
START_MS=${PLAIN[0]} START_CPU=${PLAIN[1]} QUARKUS_STARTED=${PLAIN[2]} RSS_START=${PLAIN[3]}

# --- 4. the table -------------------------------------------------------------------------------
pct() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f%%", 100 * a / b}'; }
ge() { awk -v a="$1" -v b="$2" -v r="$3" 'BEGIN {print (a >= r * b) ? "holds" : "FAILS"}'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN {print (a < b) ? "holds" : "FAILS"}'; }
fig() { # name label conns note
  row "$2" "$3" "$(rps "$1")" "$(field "$1" 4)" "$(field "$1" 5)" "$4"
}
errs() { # non-2xx / timeouts of a figure, when any
  local s t
  s=$(field "$1" 6)
  t=$(field "$1" 7)
  [[ $s == 0 && $t == 0 ]] || printf '%s non-2xx, %s timeouts' "$s" "$t"
}

# The ceiling: the faster of the two endpoints that touch neither the database nor a token.
CEIL16=live-16 CEIL64=live-64 CEIL_NAME="GET /q/health/live"
if (($(rps notfound-16) > $(rps live-16))); then
  CEIL16=notfound-16 CEIL64=notfound-64 CEIL_NAME="GET /api/nowhere (404)"
fi
HASH_LIMIT=$(awk -v r="$BCRYPT_PER_CORE" -v c="$CORES" 'BEGIN {printf "%.1f", r * c}')
LOGIN_RPS=$(rps1 login)
LOGIN_CPU_MS=$(awk -v c="$CPU_LOGIN" -v n="$LOGINS_SERVED" 'BEGIN {printf "%.0f", n ? 1000 * c / n : 0}')
# The same CPU by thread group, in ms per login: bcrypt runs on the executor threads, so what the
# others take (JIT compilers, GC, event loops) is on top of it.
LOGIN_THREADS=$(LC_ALL=C join -t$'\t' -1 2 -2 2 -a 2 -e 0 -o 0,1.1,2.1 "$OUT/login-threads-before.txt" "$OUT/login-threads-after.txt" |
  awk -F'\t' -v n="$LOGINS_SERVED" 'n {ms = 1000 * ($3 - $2) / n; if (ms >= 0.5) printf "%.1f %s\n", ms, $1}' |
  sort -rn | awk '{ms = $1; $1 = ""; printf "%s%s %s", (NR > 1 ? ", " : ""), substr($0, 2), ms}')
BCRYPT_CPU_MS=$(awk -v r="$BCRYPT_PER_CPU_S" 'BEGIN {printf "%.0f", 1000 / r}')
ARTICLES_RPS=$(rps articles-anon)
ARTICLES_AUTH_RPS=$(rps articles-auth)
IDLE_P99=$(field user-16 5)
MIXED_P99=$(field mixed-user 5)

TABLE=$(
  row "Figure" "Conns" "Req/s" "p50 ms" "p99 ms" "Notes"
  row "---" "--:" "--:" "--:" "--:" "---"
  fig notfound-16 "GET /api/nowhere (404 envelope)" 16 "$(errs notfound-16 | sed 's/^[0-9]* non-2xx, 0 timeouts$/all 404, as intended/')"
  fig notfound-64 "GET /api/nowhere (404 envelope)" 64 "$(errs notfound-64 | sed 's/^[0-9]* non-2xx, 0 timeouts$/all 404, as intended/')"
  fig live-16 "GET /q/health/live" 16 "$(errs live-16)"
  fig live-64 "GET /q/health/live" 64 "$(errs live-64)"
  fig user-16 "GET /api/user (token)" 16 "$(errs user-16)"
  fig user-64 "GET /api/user (token)" 64 "$(errs user-64)"
  row "bcrypt verify, 1 thread, cost $COST" 1 "$BCRYPT_PER_CORE" "" "" "mean of $BCRYPT_BEFORE before and $BCRYPT_AFTER after the logins; hashing limit = $BCRYPT_PER_CORE x $CORES cores = $HASH_LIMIT/s"
  fig login "POST /api/users/login" "$LOGIN_CONNS" "$LOGIN_RPS logins/s; $LOGIN_CPU_MS ms of service CPU per login ($LOGINS_SERVED served) vs $BCRYPT_CPU_MS ms per bare verification; $(errs login)"
  row "Service CPU per login by thread group (ms)" "$LOGIN_CONNS" "" "" "" "${LOGIN_THREADS:-?}"
  row "Service Java samples inside bcrypt during logins (JFR, 10 s after the memory figures)" "$LOGIN_CONNS" "" "" "" "${BCRYPT_SHARE:-no profile}"
  row "POST /api/users/login (flood)" "$FLOOD_CONNS" "$(rps1 flood)" "$(field flood 4)" "$(field flood 5)" "$(field flood 6) x 503 busy, $(field flood 7) timeouts"
  fig mixed-user "GET /api/user during the flood" 16 "$(errs mixed-user)"
  fig articles-anon "GET /api/articles (anonymous)" 16 "$(errs articles-anon)"
  fig articles-auth "GET /api/articles (token)" 16 "$(errs articles-auth)"
  fig feed "GET /api/articles/feed" 16 "$(errs feed)"
  row "Start-up to first GET /api/user 200" "" "" "" "" "$START_MS ms (Quarkus: started in $QUARKUS_STARTED); $START_CPU s of CPU"
  row "The same start with the seed run's AppCDS archive (3 starts)" "" "" "" "" "${CDS[0]} ms, the median of $CDS_ALL (Quarkus: started in ${CDS[2]}); ${CDS[1]} s of CPU"
  if ((${#AOT[@]})); then
    row "The aot-jar on JDK $AOT_VERSION with its AOT cache (3 starts)" "" "" "" "" "${AOT[0]} ms, the median of $AOT_ALL (Quarkus: started in ${AOT[2]}); ${AOT[1]} s of CPU; RSS ${AOT[3]} MB"
  fi
  row "RSS after start-up / after the run" "" "" "" "" "$RSS_START MB / $RSS_END MB; heap committed at the end ${HEAP_COMMITTED:-?} MB of a ${HEAP_MAX:-?} MB maximum"
  row "RSS idle after the run (G1's idle collection, a trim of the C heap)" "" "" "" "" "$RSS_IDLE MB after ${IDLE_WAITED} s; heap committed ${HEAP_IDLE:-?} MB"
  row "RSS after a full GC (jcmd GC.run) at the end" "" "" "" "" "$RSS_GC MB; heap ${HEAP_GC:-?}"
  row "What that RSS holds besides the heap" "" "" "" "" "metaspace $METASPACE_MB MB ($CLASSES classes), code cache $CODE_MB MB, $THREADS threads; the rest $REST_MB MB (GC structures, symbols, CDS archive, stacks, malloc)"
  row "Hashing threads (jstack, 3 samples in the login warm-up)" "" "" "" "" "${HASHING_THREADS:-none seen}; at most $HASHING_MOST at once; $EVENT_LOOP_HASHING on an event loop"
  row "**Target**" "" "" "" "" "**ratio, verdict**"
  row "GET /api/user >= 60% of the ceiling ($CEIL_NAME)" 16 "" "" "" "$(pct "$(rps user-16)" "$(rps $CEIL16)") $(ge "$(rps user-16)" "$(rps $CEIL16)" 0.6)"
  row "GET /api/user >= 60% of the ceiling ($CEIL_NAME)" 64 "" "" "" "$(pct "$(rps user-64)" "$(rps $CEIL64)") $(ge "$(rps user-64)" "$(rps $CEIL64)" 0.6)"
  row "Login >= 90% of the hashing limit" "$LOGIN_CONNS" "" "" "" "$(pct "$LOGIN_RPS" "$HASH_LIMIT") $(ge "$LOGIN_RPS" "$HASH_LIMIT" 0.9)"
  row "Login >= 90% of the hashing limit, in CPU (load-independent)" "$LOGIN_CONNS" "" "" "" "$BCRYPT_CPU_MS / $LOGIN_CPU_MS ms = $(pct "$BCRYPT_CPU_MS" "$LOGIN_CPU_MS") $(ge "$BCRYPT_CPU_MS" "$LOGIN_CPU_MS" 0.9)"
  row "Hashing never on an event loop" "" "" "" "" "$([[ $EVENT_LOOP_HASHING == 0 ]] && echo holds || echo FAILS)"
  row "GET /api/user p99 under the flood < 5x idle p99" 16 "" "" "" "$MIXED_P99 / $IDLE_P99 ms = $(awk -v a="$MIXED_P99" -v b="$IDLE_P99" 'BEGIN {printf "%.1fx", a / b}') $(lt "$MIXED_P99" "$(awk -v b="$IDLE_P99" 'BEGIN {print 5 * b}')")"
  row "GET /api/articles (anonymous) >= 40% of the ceiling" 16 "" "" "" "$(pct "$ARTICLES_RPS" "$(rps $CEIL16)") $(ge "$ARTICLES_RPS" "$(rps $CEIL16)" 0.4)"
  row "GET /api/articles (token) >= 40% of the ceiling" 16 "" "" "" "$(pct "$ARTICLES_AUTH_RPS" "$(rps $CEIL16)") $(ge "$ARTICLES_AUTH_RPS" "$(rps $CEIL16)" 0.4)"
  row "Time to first response < 2 s" "" "" "" "" "$START_MS ms $(lt "$START_MS" 2000); with the AppCDS archive ${CDS[0]} ms $(lt "${CDS[0]}" 2000)$(((${#AOT[@]})) && echo "; on JDK $AOT_VERSION with the AOT cache ${AOT[0]} ms $(lt "${AOT[0]}" 2000)")"
  row "RSS after the run < 300 MB" "" "" "" "" "$RSS_END MB $(lt "$RSS_END" 300); idle $RSS_IDLE MB $(lt "$RSS_IDLE" 300); after a full GC $RSS_GC MB $(lt "$RSS_GC" 300)"
)

HEADER="Run $STARTED_AT, commit $COMMIT; $CPU_MODEL, $CORES cores; load average before: $LOAD_BEFORE; ${DURATION}s per figure; $USERS users, $ARTICLES articles; bcrypt cost $COST; JVM opts: ${JAVA_OPTS:-none}${BENCH_HASHING_CONCURRENCY:+; hashing concurrency $BENCH_HASHING_CONCURRENCY}"
printf '%s\n\n%s\n' "$HEADER" "$TABLE" | tee "$OUT/table.md"
if [[ $RECORD == 1 ]]; then
  printf '\n### %s\n\n%s\n\n%s\n' "$STARTED_AT" "$HEADER" "$TABLE" >>docs/performance-log.md
  log "appended to docs/performance-log.md"
fi
