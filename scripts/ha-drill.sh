#!/usr/bin/env bash
# A PostgreSQL failover under load, on real components (docs/high-availability.md): etcd, a Patroni
# cluster of three PostgreSQL nodes on 127.0.0.1 with synchronous replication, and two replicas of
# the packaged service pointed at the cluster by the driver's multi-host URL. Under a mixed load
# (articles, comments and favorites written, signed-in and anonymous reads) it
#   1. kills the leader as if its machine died: kill -9 of its Patroni and of its whole PostgreSQL
#      (the postmaster and every backend), and lets Patroni fail over;
#   2. brings the dead node back (Patroni rewinds it into a replica);
#   3. runs a planned `patronictl switchover`.
# Then it prints what the clients saw and checks what must hold: every write answered 2xx is on
# the last leader; no answer but 2xx, or 503 with Retry-After; writes back within 15 s of the kill
# and 2 s of the switchover; both replicas see, within 1 s, a change committed on the old leader
# just before the kill and changes made by SQL on the new leaders (an account deactivated, an
# article edited); each replica's log says once that the database went away and once that it is
# back, with no error and no stack trace. Exit status 1 if any of it fails.
#
#   scripts/ha-drill.sh [--record]
#
# --record appends the figures to docs/performance-log.md. Needs root (it installs Debian's
# patroni and etcd-server when missing, and runs PostgreSQL as the user postgres). Everything it
# starts listens on 127.0.0.1 on free ports, lives in one temporary directory, and is stopped and
# removed on exit; the machine's own PostgreSQL is not touched. About three minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

RECORD=0
[[ ${1:-} == --record ]] && RECORD=1

# Patroni's timing (bootstrap.dcs, docs/high-availability.md): the leader's key lives TTL seconds
# in etcd unless renewed; every node runs its loop every LOOP_WAIT seconds; a failing etcd or
# PostgreSQL call is retried for RETRY_TIMEOUT seconds before the leader demotes itself. Patroni
# requires LOOP_WAIT + 2 * RETRY_TIMEOUT <= TTL.
TTL=${HA_TTL:-8}
LOOP_WAIT=${HA_LOOP_WAIT:-2}
RETRY_TIMEOUT=${HA_RETRY_TIMEOUT:-3}
WRITERS=4
READERS=2
JAR=target/quarkus-app/quarkus-run.jar
START=$SECONDS

log() { printf '[ha-drill %3ds] %s\n' "$((SECONDS - START))" "$*"; }
die() {
  log "FAIL: $*"
  exit 1
}
now() { echo "$EPOCHREALTIME"; }
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

[[ $(id -u) == 0 ]] || die "run as root (packages, and PostgreSQL run as the user postgres)"

# --- Components -------------------------------------------------------------------------------
need=()
command -v patroni >/dev/null || need+=(patroni)
command -v etcd >/dev/null || need+=(etcd-server)
if ((${#need[@]})); then
  log "installing ${need[*]} (Debian's packages)"
  source scripts/packages.sh
  install_packages "${need[@]}"
fi
PG_BIN=/usr/lib/postgresql/$(ls /usr/lib/postgresql | sort -V | tail -n 1)/bin
[[ -x $PG_BIN/postgres ]] || die "no PostgreSQL server binaries under /usr/lib/postgresql"
[[ -f $JAR ]] || ./mvnw -B -q package -DskipTests

WORK=$(mktemp -d /tmp/ha-drill.XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() {
  set +e
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  pkill -f "patroni $WORK/" 2>/dev/null
  for node in 1 2 3; do
    [[ -f $WORK/node$node/data/postmaster.pid ]] &&
      kill -9 "$(head -n 1 "$WORK/node$node/data/postmaster.pid")" 2>/dev/null
  done
  sleep 1
  pkill -9 -f "postgres -D $WORK/" 2>/dev/null
  pkill -9 -f "patroni $WORK/" 2>/dev/null
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  if [[ ${KEEP_WORK:-0} == 1 ]]; then
    log "kept $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- etcd and three Patroni nodes -------------------------------------------------------------
ETCD=$(free_port)
ETCD_PEER=$(free_port)
etcd --name drill --data-dir "$WORK/etcd" \
  --listen-client-urls "http://127.0.0.1:$ETCD" --advertise-client-urls "http://127.0.0.1:$ETCD" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER" \
  --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER" \
  --initial-cluster "drill=http://127.0.0.1:$ETCD_PEER" >"$WORK/etcd.log" 2>&1 &
PIDS+=($!)

declare -A PG_PORT API_PORT
for node in 1 2 3; do
  PG_PORT[$node]=$(free_port)
  API_PORT[$node]=$(free_port)
  mkdir -p "$WORK/node$node/socket"
  cat >"$WORK/node$node.yml" <<EOF
scope: conduit-drill
name: node$node
restapi:
  listen: 127.0.0.1:${API_PORT[$node]}
  connect_address: 127.0.0.1:${API_PORT[$node]}
etcd3:
  hosts: 127.0.0.1:$ETCD
bootstrap:
  dcs:
    ttl: $TTL
    loop_wait: $LOOP_WAIT
    retry_timeout: $RETRY_TIMEOUT
    maximum_lag_on_failover: 1048576
    synchronous_mode: true
    postgresql:
      use_pg_rewind: true
      parameters:
        wal_log_hints: "on"
        max_connections: 100
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
  pg_hba:
    - local all all trust
    - host replication replicator 127.0.0.1/32 trust
    - host all all 127.0.0.1/32 trust
postgresql:
  listen: 127.0.0.1:${PG_PORT[$node]}
  connect_address: 127.0.0.1:${PG_PORT[$node]}
  data_dir: $WORK/node$node/data
  bin_dir: $PG_BIN
  pgpass: $WORK/node$node/pgpass
  authentication:
    superuser:
      username: postgres
      password: drill
    replication:
      username: replicator
      password: drill
    rewind:
      username: postgres
      password: drill
  parameters:
    unix_socket_directories: $WORK/node$node/socket
    shared_buffers: 64MB
EOF
done
chown -R postgres:postgres "$WORK"

# start_node <n>: Patroni for node n, as the user postgres (disowned: the drill kills one, and
# bash would report it as a failed job).
start_node() {
  runuser -u postgres -- patroni "$WORK/node$1.yml" >>"$WORK/node$1.log" 2>&1 &
  PIDS+=($!)
  disown $!
}
# members: "<name> <role> <state>" per member, from Patroni's REST API.
members() {
  local node
  for node in 1 2 3; do
    curl -s --max-time 1 "http://127.0.0.1:${API_PORT[$node]}/cluster" && return
  done
}
cluster() {
  members | python3 -c 'import json,sys
for m in json.load(sys.stdin).get("members", []): print(m["name"], m["role"], m["state"])' 2>/dev/null
}
leader() { cluster | awk '$2 == "leader" {print $1}'; }
# settled <members>: a leader, a synchronous standby, and that many members running or streaming.
settled() {
  local state
  state=$(cluster)
  [[ $(awk '$2 == "leader"' <<<"$state" | wc -l) == 1 ]] &&
    [[ $(awk '$2 == "sync_standby"' <<<"$state" | wc -l) == 1 ]] &&
    [[ $(awk '$3 == "running" || $3 == "streaming"' <<<"$state" | wc -l) == "$1" ]]
}
await_settled() {
  local deadline=$((SECONDS + $2))
  until settled "$1"; do
    ((SECONDS < deadline)) || { cluster; die "the cluster did not settle with $1 members"; }
    sleep 0.5
  done
}
node_of() { echo "${1#node}"; }
# sql_on <node> <statements>: SQL on that node, in the service's schema (its triggers name their
# functions without it).
sql_on() {
  PGOPTIONS="-c search_path=conduit" psql -h 127.0.0.1 -p "${PG_PORT[$1]}" -U postgres -d postgres \
    -v ON_ERROR_STOP=1 -qAtX -c "$2"
}

log "etcd on :$ETCD; Patroni nodes on :${PG_PORT[1]} :${PG_PORT[2]} :${PG_PORT[3]} (ttl $TTL s, loop_wait $LOOP_WAIT s, retry_timeout $RETRY_TIMEOUT s, synchronous mode)"
start_node 1
deadline=$((SECONDS + 60))
until [[ -n $(leader) ]]; do
  ((SECONDS < deadline)) || { tail -n 30 "$WORK/node1.log"; die "node1 did not bootstrap"; }
  sleep 0.5
done
start_node 2
start_node 3
await_settled 3 120
log "cluster up: $(cluster | tr '\n' ';')"

# --- Two replicas of the service ---------------------------------------------------------------
URL="jdbc:postgresql://127.0.0.1:${PG_PORT[1]},127.0.0.1:${PG_PORT[2]},127.0.0.1:${PG_PORT[3]}/postgres"
URL+="?targetServerType=primary&hostRecheckSeconds=0&currentSchema=conduit"
SECRET=$(head -c 48 /dev/urandom | base64)
declare -a BASES
start_service() {
  local port
  port=$(free_port)
  CONDUIT_JWT_SECRET=$SECRET QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$port \
    QUARKUS_DATASOURCE_JDBC_URL=$URL QUARKUS_DATASOURCE_USERNAME=postgres \
    QUARKUS_FLYWAY_SCHEMAS=conduit QUARKUS_SHUTDOWN_DELAY=0S \
    CONDUIT_THROTTLE_REGISTRATIONS_PER_ADDRESS=1000 \
    java -jar "$JAR" >"$WORK/service$1.log" 2>&1 &
  PIDS+=($!)
  BASES[$1]="http://127.0.0.1:$port"
  local deadline=$((SECONDS + 90))
  until curl -s -o /dev/null --fail --max-time 2 "${BASES[$1]}/q/health/ready"; do
    ((SECONDS < deadline)) || { tail -n 30 "$WORK/service$1.log"; die "service $1 did not start"; }
    sleep 0.5
  done
}
# One migrates, then the other starts on the migrated schema.
start_service 0
start_service 1
log "service replicas: ${BASES[0]} ${BASES[1]}"

# --- Accounts, and what the coherence checks look at ---------------------------------------------
# api <replica> <method> <path> [token] [json]: prints the body, then a line "<status> <retry-after>".
api() {
  local args=(-s --max-time 35 -X "$2" -w '\n%{http_code} %header{retry-after}\n')
  [[ -n ${4:-} ]] && args+=(-H "Authorization: Token $4")
  [[ -n ${5:-} ]] && args+=(-H 'Content-Type: application/json' -d "$5")
  curl "${args[@]}" "${BASES[$1]}$3" || printf '\n000 \n'
}
field() { sed -n "s/.*\"$1\":\"\\{0,1\\}\\([^\",}]*\\).*/\\1/p" | head -n 1; }
register() {
  api $(($2 % 2)) POST /api/users "" \
    "{\"user\":{\"email\":\"$1@example.com\",\"username\":\"$1\",\"password\":\"drill password\"}}" |
    head -n 1 | field token
}
TAG="d$RANDOM"
PROBE=probe$TAG
PROBE_TOKEN=$(register "$PROBE" 0)
[[ -n $PROBE_TOKEN ]] || die "could not register the probe account"
PROBE_SLUG=$(api 0 POST /api/articles "$PROBE_TOKEN" \
  '{"article":{"title":"probe","description":"d","body":"b","tagList":[]}}' | head -n 1 | field slug)
[[ -n $PROBE_SLUG ]] || die "could not write the probe article"

# --- The load ----------------------------------------------------------------------------------
# Each line of $WORK/load-*: start end kind replica status retry-after what
writer() {
  local id=$1 n=0 token out status slug comment replica t0
  token=$(register "w$id$TAG" "$id")
  [[ -n $token ]] || { echo "writer $id could not register" >&2; return; }
  while [[ ! -e $WORK/stop ]]; do
    n=$((n + 1))
    replica=$(((id + n) % 2))
    t0=$(now)
    out=$(api $replica POST /api/articles "$token" \
      "{\"article\":{\"title\":\"drill $id $n $TAG\",\"description\":\"d\",\"body\":\"b\",\"tagList\":[\"$TAG\"]}}")
    status=$(tail -n 1 <<<"$out")
    slug=$(head -n 1 <<<"$out" | field slug)
    echo "$t0 $(now) article $replica $status ${slug:--}" >>"$WORK/load-w$id"
    [[ $status == 201* && -n $slug ]] || continue
    replica=$((1 - replica))
    t0=$(now)
    out=$(api $replica POST "/api/articles/$slug/comments" "$token" '{"comment":{"body":"drill"}}')
    status=$(tail -n 1 <<<"$out")
    comment=$(head -n 1 <<<"$out" | field id)
    echo "$t0 $(now) comment $replica $status ${comment:--}" >>"$WORK/load-w$id"
    t0=$(now)
    out=$(api $replica POST "/api/articles/$slug/favorite" "$token")
    status=$(tail -n 1 <<<"$out")
    echo "$t0 $(now) favorite $replica $status w$id$TAG/$slug" >>"$WORK/load-w$id"
  done
}
reader() {
  local id=$1 n=0 token out replica t0
  token=$(register "r$id$TAG" "$id")
  while [[ ! -e $WORK/stop ]]; do
    n=$((n + 1))
    replica=$((n % 2))
    t0=$(now)
    out=$(api $replica GET "/api/articles?limit=10" | tail -n 1)
    echo "$t0 $(now) read-anonymous $replica $out -" >>"$WORK/load-r$id"
    t0=$(now)
    out=$(api $replica GET /api/articles/feed "$token" | tail -n 1)
    echo "$t0 $(now) read-signed-in $replica $out -" >>"$WORK/load-r$id"
  done
}
LOAD=()
for id in $(seq 1 "$WRITERS"); do
  writer "$id" &
  LOAD+=($!)
done
for id in $(seq 1 "$READERS"); do
  reader "$id" &
  LOAD+=($!)
done
PIDS+=("${LOAD[@]}")

# --- Coherence --------------------------------------------------------------------------------
# seen <what> <path> <token> <expected substring or status>: waits until both replicas answer it,
# and prints the milliseconds each took; fails after 1 s.
seen() {
  local what=$1 path=$2 token=$3 want=$4 replica t0 out ms report=""
  for replica in 0 1; do
    t0=$(now)
    while :; do
      out=$(api $replica GET "$path" "$token")
      if [[ $want =~ ^[0-9]{3}$ ]]; then
        [[ $(tail -n 1 <<<"$out") == "$want "* ]] && break
      else
        [[ $out == *"$want"* ]] && break
      fi
      ms=$(python3 -c "print(int(($(now) - $t0) * 1000))")
      ((ms <= 1000)) || die "replica $replica still shows the old state of '$what' after 1 s"
      sleep 0.05
    done
    report+=" replica $replica $(python3 -c "print(int(($(now) - $t0) * 1000))") ms;"
  done
  log "coherent: $what:$report"
}
# changed <on node> <what>: edits the probe article's title by SQL, deactivates a fresh account by
# SQL, and checks that both replicas see both within 1 s. Each replica has both in its cache first.
changed() {
  local node=$1 label=$2 victim token title
  victim="v$RANDOM$TAG"
  token=$(register "$victim" 0)
  api 0 GET /api/user "$token" >/dev/null
  api 1 GET /api/user "$token" >/dev/null
  api 0 GET "/api/articles?author=$PROBE" >/dev/null
  api 1 GET "/api/articles?author=$PROBE" >/dev/null
  title="$label $RANDOM"
  sql_on "$node" "UPDATE articles SET title = '$title' WHERE slug = '$PROBE_SLUG';
    UPDATE users SET is_active = false WHERE username = '$victim'"
  seen "$label: article edited by SQL" "/api/articles?author=$PROBE" "" "\"title\":\"$title\""
  seen "$label: account deactivated by SQL" /api/user "$token" 401
}

# first_write_after <t>: end time of the first article, comment or favorite answered 2xx that was
# sent at or after t.
first_write_after() {
  sort -n "$WORK"/load-w* | awk -v t="$1" '$1 >= t && $5 ~ /^2/ {print $2; exit}'
}
# first_write_done_after <t>: the first time after t at which a write was answered 2xx.
first_write_done_after() {
  awk '$5 ~ /^2/ {print $2}' "$WORK"/load-w* | sort -n | awk -v t="$1" '$1 >= t {print; exit}'
}
# longest_write_gap <from> <to>: the longest time between two writes answered 2xx in that window.
longest_write_gap() {
  awk '$5 ~ /^2/ {print $2}' "$WORK"/load-w* | sort -n |
    awk -v a="$1" -v b="$2" '$1 >= a && $1 <= b { if (last) { g = $1 - last; if (g > max) max = g } last = $1 }
      END { printf "%.2f", max }'
}
elapsed() { python3 -c "print(f'{$2 - $1:.2f}')"; }
# await_leader_other_than <name>: the time at which another member answers Patroni's /primary.
await_leader_other_than() {
  local deadline=$((SECONDS + 60)) node
  while ((SECONDS < deadline)); do
    for node in 1 2 3; do
      [[ node$node == "$1" ]] && continue
      if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 \
        "http://127.0.0.1:${API_PORT[$node]}/primary") == 200 ]]; then
        now
        return
      fi
    done
    sleep 0.1
  done
  die "no new leader within 60 s"
}

log "load: $WRITERS writers (article, comment, favorite; both replicas), $READERS readers"
sleep 10

# --- 1. The leader's machine dies ----------------------------------------------------------------
OLD=$(leader)
OLD_NODE=$(node_of "$OLD")
api 0 GET "/api/articles?author=$PROBE" >/dev/null
api 1 GET "/api/articles?author=$PROBE" >/dev/null
BEFORE_KILL="before the kill $RANDOM"
sql_on "$OLD_NODE" "UPDATE articles SET title = '$BEFORE_KILL' WHERE slug = '$PROBE_SLUG'"
POSTMASTER=$(head -n 1 "$WORK/node$OLD_NODE/data/postmaster.pid")
VICTIMS=($(pgrep -f "patroni $WORK/node$OLD_NODE.yml") "$POSTMASTER" $(pgrep -P "$POSTMASTER"))
kill -9 "${VICTIMS[@]}"
KILL_AT=$(now)
log "killed $OLD (Patroni, postmaster $POSTMASTER and its processes)"
FAILOVER_LEADER_AT=$(await_leader_other_than "$OLD")
log "new leader $(leader) after $(elapsed "$KILL_AT" "$FAILOVER_LEADER_AT") s"
deadline=$((SECONDS + 30))
until [[ -n $(first_write_after "$FAILOVER_LEADER_AT") ]]; do
  ((SECONDS < deadline)) || die "no write succeeded within 30 s of the new leader"
  sleep 0.2
done
FAILOVER_WRITE_AT=$(first_write_after "$KILL_AT")
log "first write answered 2xx $(elapsed "$KILL_AT" "$FAILOVER_WRITE_AT") s after the kill"
seen "committed on the old leader just before the kill" "/api/articles?author=$PROBE" "" \
  "\"title\":\"$BEFORE_KILL\""
changed "$(node_of "$(leader)")" "after the failover"

# --- 2. The dead node comes back -----------------------------------------------------------------
start_node "$OLD_NODE"
await_settled 3 120
log "$OLD is back as a replica: $(cluster | tr '\n' ';')"
sleep 5

# --- 3. A planned switchover -----------------------------------------------------------------------
FROM=$(leader)
TO=$(cluster | awk '$2 == "sync_standby" {print $1}')
SWITCH_AT=$(now)
patronictl -c "$WORK/node1.yml" switchover --leader "$FROM" --candidate "$TO" --force \
  >"$WORK/switchover.log" 2>&1 &
SWITCHOVER=$!
SWITCH_LEADER_AT=$(await_leader_other_than "$FROM")
wait "$SWITCHOVER" || { cat "$WORK/switchover.log"; die "patronictl switchover failed"; }
await_settled 3 60
sleep 3
SWITCH_GAP=$(longest_write_gap "$SWITCH_AT" "$(now)")
SWITCH_WRITE_AT=$(first_write_done_after "$SWITCH_LEADER_AT")
log "switchover $FROM -> $TO: new leader $(elapsed "$SWITCH_AT" "$SWITCH_LEADER_AT") s after patronictl started; first write answered 2xx $(elapsed "$SWITCH_LEADER_AT" "$SWITCH_WRITE_AT") s after that; longest time without a write answered 2xx: $SWITCH_GAP s"
changed "$(node_of "$(leader)")" "after the switchover"
sleep 5
touch "$WORK/stop"
wait "${LOAD[@]}" 2>/dev/null || true

# --- What the clients saw ----------------------------------------------------------------------
FINAL=$(node_of "$(leader)")
cat "$WORK"/load-* >"$WORK/all"
echo
echo "== Answers by kind and status (000: no HTTP answer within 35 s) =="
awk '{print $3, $5}' "$WORK/all" | sort | uniq -c
FIVE_HUNDREDS=$(awk '$5 ~ /^5/ && $5 != 503' "$WORK/all" | wc -l)
NO_ANSWER=$(awk '$5 == "000"' "$WORK/all" | wc -l)
NO_RETRY=$(awk '$5 == 503 && NF < 7' "$WORK/all" | wc -l)
OTHER=$(awk '$5 !~ /^2/ && $5 != 503 && $5 !~ /^5/ && $5 != "000"' "$WORK/all" | wc -l)
SLOWEST=$(awk '{d = $2 - $1; if (d > m) m = d} END {printf "%.2f", m}' "$WORK/all")

# Every write answered 2xx, looked for on the last leader.
awk '$3 == "article" && $5 ~ /^2/ {print $6}' "$WORK/all" >"$WORK/articles"
awk '$3 == "comment" && $5 ~ /^2/ {print $6}' "$WORK/all" >"$WORK/comments"
awk '$3 == "favorite" && $5 ~ /^2/ {print $6}' "$WORK/all" | tr '/' ' ' >"$WORK/favorites"
lost() {
  psql -h 127.0.0.1 -p "${PG_PORT[$FINAL]}" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAtX <<EOF
CREATE TEMP TABLE acked_articles (slug text);
CREATE TEMP TABLE acked_comments (id bigint);
CREATE TEMP TABLE acked_favorites (username text, slug text);
\copy acked_articles FROM '$WORK/articles'
\copy acked_comments FROM '$WORK/comments'
\copy acked_favorites FROM '$WORK/favorites' WITH (DELIMITER ' ')
SELECT (SELECT count(*) FROM acked_articles a WHERE NOT EXISTS
          (SELECT 1 FROM conduit.articles x WHERE x.slug = a.slug))
     + (SELECT count(*) FROM acked_comments c WHERE NOT EXISTS
          (SELECT 1 FROM conduit.comments x WHERE x.id = c.id))
     + (SELECT count(*) FROM acked_favorites f WHERE NOT EXISTS
          (SELECT 1 FROM conduit.favorites x JOIN conduit.users u ON u.id = x.user_id
             JOIN conduit.articles a ON a.id = x.article_id
           WHERE u.username = f.username AND a.slug = f.slug));
EOF
}
ACKED=$(($(wc -l <"$WORK/articles") + $(wc -l <"$WORK/comments") + $(wc -l <"$WORK/favorites")))
LOST=$(lost)

FAILOVER_PATRONI=$(elapsed "$KILL_AT" "$FAILOVER_LEADER_AT")
FAILOVER_WRITES=$(elapsed "$KILL_AT" "$FAILOVER_WRITE_AT")
FAILOVER_SERVICE=$(elapsed "$FAILOVER_LEADER_AT" "$FAILOVER_WRITE_AT")
SWITCH_PATRONI=$(elapsed "$SWITCH_AT" "$SWITCH_LEADER_AT")
SWITCH_SERVICE=$(elapsed "$SWITCH_LEADER_AT" "$SWITCH_WRITE_AT")
echo "== Writes answered 2xx: $ACKED; missing on the last leader (node$FINAL): $LOST"
echo "== Answers 5xx other than 503: $FIVE_HUNDREDS; 503 without Retry-After: $NO_RETRY; no answer: $NO_ANSWER; other non-2xx: $OTHER; slowest answer: $SLOWEST s"
echo "== Failover: Patroni promoted a new leader $FAILOVER_PATRONI s after the kill; the first write answered 2xx $FAILOVER_WRITES s after it (the service's part: $FAILOVER_SERVICE s)"
echo "== Switchover: Patroni's new leader $SWITCH_PATRONI s after patronictl started (the tool's own start included); the first write answered 2xx $SWITCH_SERVICE s after the new leader; the longest time without a write answered 2xx: $SWITCH_GAP s (the old leader's stop and Patroni's hand-over included)"
LOG_OK=1
for replica in 0 1; do
  f=$WORK/service$replica.log
  down=$(grep -c 'Database unavailable' "$f" || true)
  back=$(grep -c 'Database available again' "$f" || true)
  errors=$(grep -c ' ERROR ' "$f" || true)
  traces=$(grep -cE '^\s+at [a-z]' "$f" || true)
  warnings=$(grep -c ' WARN ' "$f" || true)
  echo "== Service replica $replica log: 'Database unavailable' $down, 'Database available again' $back, WARN $warnings in all, ERROR $errors, stack-trace lines $traces"
  if ((traces > 0)); then
    echo "   the first stack trace, with the line that wrote it:"
    grep -m 1 -B 1 -A 12 -E '^\s+at [a-z]' "$f" | sed 's/^/   | /'
  fi
  ((down == back && down <= 2 && errors == 0 && traces == 0)) || LOG_OK=0
done

FAILED=()
((LOST == 0)) || FAILED+=("$LOST acknowledged writes lost")
((FIVE_HUNDREDS == 0 && NO_RETRY == 0 && NO_ANSWER == 0 && OTHER == 0)) ||
  FAILED+=("answers other than 2xx or 503 with Retry-After")
python3 -c "import sys; sys.exit(0 if $FAILOVER_WRITES <= 15 else 1)" ||
  FAILED+=("writes back $FAILOVER_WRITES s after the kill (target 15 s)")
python3 -c "import sys; sys.exit(0 if $SWITCH_SERVICE <= 2 else 1)" ||
  FAILED+=("writes back $SWITCH_SERVICE s after the switchover's new leader (target 2 s)")
((LOG_OK)) || FAILED+=("a replica's log says more than once that the database went away and came back, or has errors")

if ((RECORD)); then
  {
    echo
    echo "## $(date -u +'%Y-%m-%d %H:%M') UTC: scripts/ha-drill.sh at $(git rev-parse --short HEAD)"
    echo
    echo "Patroni ttl $TTL s, loop_wait $LOOP_WAIT s, retry_timeout $RETRY_TIMEOUT s, synchronous mode; three nodes, two service replicas (multi-host URL); $WRITERS writers, $READERS readers; $(nproc) cores."
    echo
    echo "| Figure | Value | Target |"
    echo "|---|---|---|"
    echo "| writes answered 2xx / missing on the last leader | $ACKED / $LOST | 0 missing |"
    echo "| answers 5xx other than 503 / 503 without Retry-After / none | $FIVE_HUNDREDS / $NO_RETRY / $NO_ANSWER | 0 |"
    echo "| kill -9 of the leader: Patroni's new leader | $FAILOVER_PATRONI s | |"
    echo "| kill -9 of the leader: first write answered 2xx (service's part) | $FAILOVER_WRITES s ($FAILOVER_SERVICE s) | 15 s |"
    echo "| switchover: Patroni's new leader, from patronictl's start | $SWITCH_PATRONI s | |"
    echo "| switchover: first write answered 2xx after the new leader | $SWITCH_SERVICE s | 2 s |"
    echo "| switchover: longest time without a write answered 2xx | $SWITCH_GAP s | |"
    echo "| slowest answer | $SLOWEST s | |"
  } >>docs/performance-log.md
fi

if ((${#FAILED[@]})); then
  for failure in "${FAILED[@]}"; do log "FAIL: $failure"; done
  # What the next person needs to see why: the logs of every component.
  mkdir -p target/ha-drill
  cp "$WORK"/*.log "$WORK"/all target/ha-drill/ 2>/dev/null || true
  log "logs kept in target/ha-drill/"
  exit 1
fi
log "ok: nothing acknowledged was lost, no 5xx but 503 with Retry-After, writes back in time, both replicas coherent, each outage logged once"
