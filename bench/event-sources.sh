#!/usr/bin/env bash
# Fan-out from a broker source: N SSE subscribers on one channel of an MQTT-backed EVENT API at the gateway (API-key auth
# and metering on), next to one client reading Mosquitto directly, in one run. The bench client publishes events straight
# to the broker at a fixed rate, each stamped with its send time; it reports events/s delivered and p50/p99/max
# publish-to-deliver latency for both. The gateway node subscribes to the topic once, however many SSE subscribers it has.
# Needs: Mosquitto on 127.0.0.1:1883, curl, a built tree (./gatehouse build).
# Usage: bench/event-sources.sh [subscribers, default 200] [events, default 20000] [events/s, default 2000]
set -euo pipefail
cd "$(dirname "$0")/.."
subscribers="${1:-200}"
events="${2:-20000}"
rate="${3:-2000}"
work="$(mktemp -d)"
console_port=18290 gateway_port=18200 management_port=18201
password="bench-$(head -c 12 /dev/urandom | base64 | tr -dc A-Za-z0-9)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

(exec 3<>/dev/tcp/127.0.0.1/1883) 2>/dev/null || { echo "bench: Mosquitto is not listening on 127.0.0.1:1883" >&2; exit 1; }
paho=$(find ~/.m2/repository/org/eclipse/paho/org.eclipse.paho.mqttv5.client -name '*.jar' | head -n 1)
[ -n "$paho" ] || { echo "bench: the Paho MQTT 5 client is not in ~/.m2 (build the tree first)" >&2; exit 1; }
. .mvn/jdk.sh
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

GATEHOUSE_DATA_DIR="$work/data" GATEHOUSE_ADMIN_PASSWORD="$password" GATEHOUSE_CONSOLE_PORT=$console_port \
GATEHOUSE_GATEWAY_PORT=$gateway_port GATEHOUSE_MANAGEMENT_PORT=$management_port GATEHOUSE_SKIP_BUILD=true \
GATEHOUSE_GATEWAY_ACCESSLOG_ENABLED=false \
    ./gatehouse start-dev > "$work/gatehouse.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 480); do
    curl -sf "http://127.0.0.1:$management_port/actuator/health" >/dev/null \
        && curl -sf -u "admin:$password" "http://127.0.0.1:$console_port/api/v1/apis" >/dev/null && break
    sleep 0.5
done

topic_prefix="gatehouse-bench/$(date +%s)"
api="http://127.0.0.1:$console_port/api/v1"
post() { curl -sS --fail-with-body -u "admin:$password" -H 'Content-Type: application/json' "$api$1" -d "$2"; }
id() { grep -o '"id":"[^"]*"' | head -n 1 | cut -d'"' -f4; }
api_id=$(post /apis "{\"name\":\"EventBench\",\"version\":\"v1\",\"context\":\"/eventbench/v1\",\"type\":\"EVENT\",
  \"channels\":[{\"name\":\"measured\",\"address\":\"lights/{lightId}/measured\",\"directions\":[\"SUBSCRIBE\"]}],
  \"source\":{\"kind\":\"MQTT\",\"serverUri\":\"tcp://127.0.0.1:1883\",\"qos\":0,\"topics\":{\"measured\":\"$topic_prefix/{lightId}\"}}}" | id)
plan_id=$(post "/apis/$api_id/plans" '{"name":"Streams","auth":"API_KEY","permissions":["SUBSCRIBE"]}' | id)
post "/apis/$api_id/lifecycle" '{"state":"PUBLISHED"}' >/dev/null
org_id=$(post /organizations '{"name":"EventBench"}' | id)
app_id=$(post "/organizations/$org_id/applications" '{"name":"bench"}' | id)
key=$(post "/applications/$app_id/api-keys" '{"name":"bench"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')
post /subscriptions "{\"applicationId\":\"$app_id\",\"planId\":\"$plan_id\"}" >/dev/null
sleep 2

echo "$(nproc) cores; $subscribers SSE subscribers on one channel path; MQTT QoS 0; the bench client, Mosquitto and the gateway share the cores"
"$java_bin" -cp "$paho" bench/events/SourceFanOutBench.java "http://127.0.0.1:$gateway_port/eventbench/v1/lights/42/measured" \
    "$key" tcp://127.0.0.1:1883 "$topic_prefix/42" "$subscribers" "$events" "$rate"
echo "gateway meters (SSE): $(curl -sf "http://127.0.0.1:$management_port/actuator/prometheus" | grep -E '^gatehouse_events_(delivered|dropped)_total\{[^}]*transport="sse"' | sed -E 's/\{.*reason="([a-z]+)".*\}/{\1}/; s/\{[^}]*\}//' | tr '\n' ' ')"
echo "load average while it ran: $(cut -d' ' -f1-3 /proc/loadavg)"
