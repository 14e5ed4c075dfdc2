#!/usr/bin/env bash
# Load test of webhook -> Set -> respond (last node) on the reference server, on loopback only.
#
#   bash benchmarks/load/webhook-set-respond.sh            # after: mvn -B -q package -DskipTests -DskipUi -pl weft-app -am
#
# Environment: JAR (default weft-app/target/weft.jar), PORT (5711), DURATION per series (10s), CONNECTIONS ("8 32"),
# ROUNDS (how many times each series runs, 3: the machine may be shared, so compare the runs), WARMUP (15s of load
# before measuring, for the JIT), WORKFLOWS ("load-none load-all": which to load), JAVA_OPTS (extra JVM options for the server, e.g. a JFR recording).
# Each line shows requests/s, p50 and p99, and the server's CPU time per request (from /proc, both cores counted).
set -u
JAR=${JAR:-weft-app/target/weft.jar}
PORT=${PORT:-5711}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-8 32}
ROUNDS=${ROUNDS:-3}
WORKFLOWS=${WORKFLOWS:-load-none load-all}
WARMUP=${WARMUP:-15s}
if ! command -v wrk > /dev/null; then
  echo "wrk is not installed: apt-get install wrk (Debian/Ubuntu), or see https://github.com/wg/wrk" >&2
  exit 2
fi
if [ ! -f "$JAR" ]; then
  echo "$JAR is missing: mvn -B -q package -DskipTests -DskipUi -pl weft-app -am" >&2
  exit 2
fi
DATA=$(mktemp -d)
LOG=$(mktemp)
# shellcheck disable=SC2086
java -Dorg.slf4j.simpleLogger.log.dev.weft.persistence.jdbc.GroupCommit=info ${JAVA_OPTS:-} -jar "$JAR" serve --port "$PORT" --data "$DATA" > "$LOG" 2>&1 &
PID=$!
cleanup() {
  kill "$PID" 2> /dev/null; wait "$PID" 2> /dev/null
  grep -h "weft-jdbc-writer:" "$LOG" | sed 's/^.* - /server: /' # how many execution writes shared a commit
  rm -rf "$DATA" "$LOG"
}
trap cleanup EXIT
for _ in $(seq 1 60); do curl -s -o /dev/null "localhost:$PORT/api/openapi.json" && break; sleep 1; done
TOKEN=$(curl -s -X POST "localhost:$PORT/api/auth/register" -H 'content-type: application/json' \
  -d '{"email":"load@test.dev","password":"load test password 1"}' | python3 -c "import sys,json; print(json.load(sys.stdin)['token'])")
mk() { # name saveData path
  curl -s -X POST "localhost:$PORT/api/workflows" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d @- <<JSON | python3 -c "import sys,json; print(json.load(sys.stdin)['id'])"
{"name": "$1", "settings": {"saveData": "$2"}, "nodes": [
  {"name": "Hook", "type": "weft.webhook", "parameters": {"method": "POST", "path": "$3", "responseMode": "lastNode"}},
  {"name": "Set", "type": "weft.set", "parameters": {"mode": "manual", "include": "none",
     "fields": [{"name": "ok", "type": "boolean", "value": "{{ true }}"}, {"name": "got", "value": "{{ \$json.body.n }}"}]}}],
 "connections": [{"from": "Hook", "to": "Set"}]}
JSON
}
A=$(mk "load none" none load-none); B=$(mk "load all" all load-all)
for id in $A $B; do curl -s -o /dev/null -w "activate $id %{http_code}\n" -X POST "localhost:$PORT/api/workflows/$id/activate" -H "Authorization: Bearer $TOKEN"; done
curl -s -X POST "localhost:$PORT/webhook/load-none" -H 'content-type: application/json' -d '{"n": 1}'; echo
POST=$(mktemp --suffix .lua)
cat > "$POST" <<'LUA'
wrk.method = "POST"
wrk.body   = '{"n": 1}'
wrk.headers["Content-Type"] = "application/json"
LUA
TICKS=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
echo "== warm-up: $WARMUP on each workflow"
for path in $WORKFLOWS; do wrk -t 2 -c 32 -d "$WARMUP" -s "$POST" "http://127.0.0.1:$PORT/webhook/$path" > /dev/null; done
for round in $(seq 1 "$ROUNDS"); do
  for path in $WORKFLOWS; do
    for c in $CONNECTIONS; do
      before=$(cpu)
      out=$(wrk -t 2 -c "$c" -d "$DURATION" --latency -s "$POST" "http://127.0.0.1:$PORT/webhook/$path")
      after=$(cpu)
      rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
      total=$(echo "$out" | awk '/requests in/ {print $1}')
      p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
      p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
      errors=$(echo "$out" | grep -E "Non-2xx|Socket errors" | tr '\n' ' ')
      cpu_us=$(awk -v t="$((after - before))" -v n="$total" -v hz="$TICKS" 'BEGIN {printf "%.0f", n ? t / hz * 1e6 / n : 0}')
      printf "round %s  %-9s  %3s connections  %8s req/s  p50 %-8s p99 %-8s  server CPU %s us/request  load %s %s\n" \
        "$round" "$path" "$c" "$rps" "$p50" "$p99" "$cpu_us" "$(cut -d' ' -f1 /proc/loadavg)" "$errors"
    done
  done
done
rm -f "$POST"
