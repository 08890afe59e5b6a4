# A PostgreSQL for the scripts that run the packaged service (e2e/run.sh,
# docker/container-check.sh); sourced, not run.
#
# CONDUIT_DATABASE_URL=jdbc:postgresql://HOST:PORT/DATABASE (role postgres, no password) names a
# server to use; without it, database_start starts the one the tests use
# (src/main/java/org/conduit/common/db/LocalDatabase.java, binaries from Maven) with temporary
# data, on a free port of 127.0.0.1, and database_stop stops it. Needs target/classes and
# target/test-classes (./mvnw package -DskipTests builds both).
#
#   database_start DIR       sets DATABASE_URL; DIR keeps the classpath and the server's output
#   database_drop SCHEMA     drops a schema from a server of one's own (psql, when there is one)
#   database_stop            stops the server database_start started, if it did

DATABASE_URL=""
DATABASE_PID=""

database_start() {
  local dir=$1
  if [[ -n ${CONDUIT_DATABASE_URL:-} ]]; then
    DATABASE_URL=$CONDUIT_DATABASE_URL
    return 0
  fi
  if [[ ! target/test-classpath.txt -nt pom.xml ]]; then
    ./mvnw -B -ntp -q org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
      -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >"$dir/classpath.log" 2>&1 ||
      { cat "$dir/classpath.log" >&2; return 1; }
  fi
  java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    org.conduit.support.LocalDatabaseMain >"$dir/database.out" 2>&1 &
  DATABASE_PID=$!
  local _
  for _ in $(seq 1 600); do
    DATABASE_URL=$(grep -m 1 '^jdbc:postgresql:' "$dir/database.out" || true)
    [[ -n $DATABASE_URL ]] && return 0
    kill -0 "$DATABASE_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "the local PostgreSQL did not start:" >&2
  cat "$dir/database.out" >&2
  return 1
}

database_drop() {
  [[ -z $DATABASE_PID && -n $DATABASE_URL ]] && command -v psql >/dev/null 2>&1 || return 0
  local rest=${DATABASE_URL#jdbc:postgresql://}
  psql -q "postgresql://postgres@${rest%%\?*}" -c "DROP SCHEMA IF EXISTS \"$1\" CASCADE" \
    >/dev/null 2>&1 || echo "could not drop the schema $1" >&2
}

database_stop() {
  [[ -n $DATABASE_PID ]] || return 0
  kill -TERM "$DATABASE_PID" 2>/dev/null || true
  wait "$DATABASE_PID" 2>/dev/null || true
  DATABASE_PID=""
}
