#!/usr/bin/env bash
# Load test of webhook -> Set -> respond (last node) on the reference server, on loopback only.
set -u
JAR=${JAR:-weft-app/target/weft.jar}
DATA=$(mktemp -d)
PORT=5711
java -jar $JAR serve --port $PORT --data "$DATA" > /tmp/load-serve.log 2>&1 &
PID=$!
for i in $(seq 1 60); do curl -s -o /dev/null localhost:$PORT/api/openapi.json && break; sleep 1; done
TOKEN=$(curl -s -X POST localhost:$PORT/api/auth/register -H 'content-type: application/json' \
  -d '{"email":"load@test.dev","password":"load test password 1"}' | python3 -c "import sys,json; print(json.load(sys.stdin)['token'])")
mk() { # name saveData path
  curl -s -X POST localhost:$PORT/api/workflows -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d @- <<JSON | python3 -c "import sys,json; print(json.load(sys.stdin)['id'])"
{"name": "$1", "settings": {"saveData": "$2"}, "nodes": [
  {"name": "Hook", "type": "weft.webhook", "parameters": {"method": "POST", "path": "$3", "responseMode": "lastNode"}},
  {"name": "Set", "type": "weft.set", "parameters": {"mode": "manual", "include": "none",
     "fields": [{"name": "ok", "type": "boolean", "value": "{{ true }}"}, {"name": "got", "value": "{{ \$json.body.n }}"}]}}],
 "connections": [{"from": "Hook", "to": "Set"}]}
JSON
}
A=$(mk "load none" none load-none); B=$(mk "load all" all load-all)
for id in $A $B; do curl -s -o /dev/null -w "activate $id %{http_code}\n" -X POST localhost:$PORT/api/workflows/$id/activate -H "Authorization: Bearer $TOKEN"; done
curl -s -X POST localhost:$PORT/webhook/load-none -H 'content-type: application/json' -d '{"n": 1}'; echo
cat > /tmp/post.lua <<'LUA'
wrk.method = "POST"
wrk.body   = '{"n": 1}'
wrk.headers["Content-Type"] = "application/json"
LUA
for path in load-none load-all; do
  for c in 1 8 32; do
    echo "== $path, $c connections"
    wrk -t 1 -c $c -d 10s --latency -s /tmp/post.lua http://127.0.0.1:$PORT/webhook/$path | grep -E "Requests/sec|99%|50%|Non-2xx|Socket errors"
  done
done
kill $PID; wait $PID 2>/dev/null; rm -rf "$DATA"
