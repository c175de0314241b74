#!/usr/bin/env bash
# Event fan-out on one gateway node: N SSE (and WebSocket) subscribers on one channel of an EVENT API with API-key auth,
# a rate limit and metering on, while a publisher sends events at a fixed rate; reports events/s delivered, publish-to-
# deliver p50/p99 per kind of subscriber, and the gateway's CPU time per delivered event, in one run.
# BENCH_SOURCE=builtin (default): events are published through the gateway (POST) into the built-in source.
# BENCH_SOURCE=mqtt: the API's source is the machine's Mosquitto (127.0.0.1:1883); events are published straight to the
#   broker, and BENCH_DIRECT MQTT clients (default 100) read the broker directly next to the gateway's subscribers.
# BENCH_TIMELINE=<file>: the load generator writes there, for each second of the timed part, that second's latencies.
# Needs: a built tree (./gatehouse build), curl. Usage: bench/events.sh [seconds, 20] [SSE subscribers, 1000]
#   [events/s published, 20] [WebSocket subscribers, 0] [warm-up seconds, 10]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
duration="${1:-20}" sse="${2:-1000}" rate="${3:-20}" ws="${4:-0}" warmup="${5:-10}"
source_kind="${BENCH_SOURCE:-builtin}"
work="$(mktemp -d)"
console_port=18190 gateway_port=18100 management_port=18101
gatehouse_pid=
cleanup() {
    [ -n "$gatehouse_pid" ] && kill "$gatehouse_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

./mvnw -B -q -f bench/events/pom.xml package -DskipTests
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
classpath="bench/events/target/events-0.1.0-SNAPSHOT.jar:$(cat bench/events/target/classpath.txt)"

start_gatehouse GATEHOUSE_GATEWAY_ACCESSLOG_ENABLED=false

topic="bench/ticks/$(date +%s)"
case "$source_kind" in
    builtin) source_json='{"kind":"BUILTIN","retention":"PT1H"}' publish=gateway direct=0 ;;
    mqtt) source_json="{\"kind\":\"MQTT\",\"serverUri\":\"tcp://127.0.0.1:1883\",\"qos\":1,\"topics\":{\"ticks\":\"$topic\"}}"
          publish=mqtt direct="${BENCH_DIRECT:-100}" ;;
    *) echo "bench: BENCH_SOURCE is builtin or mqtt" >&2; exit 1 ;;
esac
api_id=$(post /apis "{\"name\":\"Bench events\",\"version\":\"v1\",\"context\":\"/bench-events/v1\",\"type\":\"EVENT\",
  \"channels\":[{\"name\":\"ticks\",\"address\":\"ticks\",\"directions\":[\"SUBSCRIBE\",\"PUBLISH\"]}],\"source\":$source_json}" | id)
plan_id=$(post "/apis/$api_id/plans" '{"name":"Streaming","auth":"API_KEY","permissions":["SUBSCRIBE","PUBLISH"],
  "rateLimits":[{"limit":100000000,"period":"PT1S"}]}' | id)
post "/apis/$api_id/lifecycle" '{"state":"PUBLISHED"}' >/dev/null
org_id=$(post /organizations '{"name":"Bench"}' | id)
app_id=$(post "/organizations/$org_id/applications" '{"name":"bench"}' | id)
key=$(post "/applications/$app_id/api-keys" '{"name":"bench"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')
post /subscriptions "{\"applicationId\":\"$app_id\",\"planId\":\"$plan_id\"}" >/dev/null
sleep 1.5

java_pid=$(pgrep -P "$gatehouse_pid" java || echo "$gatehouse_pid")
hz=$(getconf CLK_TCK)
# the load generator runs the warm-up, then the timed part; the gateway's CPU is read around the timed part
"$java" -Xmx1g -cp "$classpath" bench.EventFanOut --gateway "http://127.0.0.1:$gateway_port" --path /bench-events/v1/ticks \
    --key "$key" --sse "$sse" --ws "$ws" --mqtt-direct "$direct" --topic "$topic" --publish "$publish" --rate "$rate" \
    --seconds "$duration" --warmup "$warmup" ${BENCH_TIMELINE:+--timeline "$BENCH_TIMELINE"} > "$work/fanout.out" 2>&1 &
loadgen=$!
await_line() { # the load generator prints "measuring" and "measured" around its timed part
    until grep -qx "$1" "$work/fanout.out" 2>/dev/null; do
        [ -d "/proc/$loadgen" ] || { cat "$work/fanout.out"; echo "bench: the load generator stopped" >&2; exit 1; }
        sleep 0.05
    done
}
lag_buckets() { # the gateway's gatehouse.events.lag histogram: "le count" per line, all transports summed
    curl -s "http://127.0.0.1:$management_port/actuator/prometheus" | awk -F'[{}]' '/^gatehouse_events_lag_seconds_bucket/ {
        match($2, /le="[^"]+"/); le = substr($2, RSTART + 4, RLENGTH - 5); sum[le] += $3 + 0 }
        END { for (le in sum) print le, sum[le] }' | sort -g
}
await_line measuring
before=$(cpu_ticks "$java_pid")
lag_buckets > "$work/lag.before"
await_line measured
after=$(cpu_ticks "$java_pid")
lag_buckets > "$work/lag.after"
wait "$loadgen" || true
echo "source $source_kind; $sse SSE + $ws WebSocket subscribers on one node; $rate events/s published; $(nproc) cores"
grep -vx "measuring\|measured" "$work/fanout.out"
delivered=$(awk '/events\/s delivered/ && !/mqtt direct/ {sum += $(NF-12)} END {print sum + 0}' "$work/fanout.out")
awk -v t=$((after - before)) -v hz="$hz" -v s="$duration" -v d="$delivered" \
    'BEGIN { if (d > 0) printf "gateway CPU: %.1f%% of one core, %.1f µs per delivered event\n", t * 100 / hz / s, t * 1000000 / hz / (d * s) }'
# the gateway's own share of the latency: from the event's publication (built-in: its insert) to its write on a stream
awk 'NR == FNR { before[$1] = $2; next } { print $1, $2 - before[$1] }' "$work/lag.before" "$work/lag.after" | sort -g |
    awk '{ le[NR] = $1; n[NR] = $2 } END {
    total = n[NR]; if (total <= 0) exit
    for (i = 1; i <= NR; i++) { if (!p50 && n[i] >= total * 0.5) p50 = le[i]; if (!p99 && n[i] >= total * 0.99) p99 = le[i] }
    printf "gateway lag (publication to write, histogram bucket bounds): p50 <= %.0f ms, p99 <= %.0f ms\n", p50 * 1000, p99 * 1000 }'
