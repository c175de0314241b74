#!/usr/bin/env bash
# Side-by-side proxy cost: the upstream alone, nginx as a reverse proxy, and the Gatehouse gateway (API-key auth, rate limit
# and metering on), both in front of the same nginx upstream on 127.0.0.1, loaded by wrk in one run.
# Reports requests/s and CPU time per request of the proxy process only (utime+stime from /proc).
# Needs: nginx, wrk (Debian packages nginx-light, wrk) and a built tree (./gatehouse build).
# Usage: bench/gateway-vs-nginx.sh [seconds per run, default 20] [connections, default 32] [warm-up seconds, default 30]
# The gateway serves with one event loop, as nginx here runs one worker (BENCH_EVENT_LOOPS=0 for one per core, and
# BENCH_NGINX_WORKERS=auto for nginx's; the CPU figure then sums its workers).
# Both proxies run without an access log, as nginx's default bench configuration here does. BENCH_ACCESS_LOG=true
# turns it on for both: nginx writes its combined log to a file (64k buffer), the gateway its access log lines to
# the gatehouse log file in the work directory (as they would go to a container's stdout).
# BENCH_STEADY=true: each target gets one wrk run of warm-up + seconds, and the figures are read over its last part
# (requests counted by nginx's stub_status and the gateway's metrics), so that no new run of wrk, with its new
# connections and the JIT's recompiles they cause, starts the measured part; p50 and p99 are then the whole run's.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
duration="${1:-20}"
connections="${2:-32}"
warmup="${3:-30}"
access_log="${BENCH_ACCESS_LOG:-false}"
work="$(mktemp -d)"
upstream_port=18180 nginx_port=18181 console_port=18190 gateway_port=18100 management_port=18101
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    stop_nginx_pair
    rm -rf "$work"
}
trap cleanup EXIT

for tool in nginx wrk curl; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install nginx-light wrk curl)" >&2; exit 1; }
done

[ "$access_log" = true ] && nginx_proxy_log="access_log $work/nginx-access.log combined buffer=64k;"
start_nginx_pair

start_gatehouse GATEHOUSE_GATEWAY_ACCESSLOG_ENABLED="$access_log" GATEHOUSE_GATEWAY_EVENTLOOPS="${BENCH_EVENT_LOOPS:-1}"
pids+=("$gatehouse_pid")

api_id=$(post /apis "{\"name\":\"Bench\",\"version\":\"v1\",\"context\":\"/bench/v1\",\"type\":\"REST\",\"upstream\":\"http://127.0.0.1:$upstream_port\"}" | id)
plan_id=$(post "/apis/$api_id/plans" '{"name":"Unlimited-ish","auth":"API_KEY","rateLimits":[{"limit":100000000,"period":"PT1S"}]}' | id)
post "/apis/$api_id/lifecycle" '{"state":"PUBLISHED"}' >/dev/null
org_id=$(post /organizations '{"name":"Bench"}' | id)
app_id=$(post "/organizations/$org_id/applications" '{"name":"bench"}' | id)
key=$(post "/applications/$app_id/api-keys" '{"name":"bench"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')
post /subscriptions "{\"applicationId\":\"$app_id\",\"planId\":\"$plan_id\"}" >/dev/null
sleep 1

java_pid=$(pgrep -P "$gatehouse_pid" java || echo "$gatehouse_pid")
echo "wrk -t1 -c$connections -d${duration}s on $(nproc) cores; CPU is the proxy process's own user+system time; gateway access log: $access_log${BENCH_STEADY:+; steady window (BENCH_STEADY)}"
BENCH_COUNT="nginx_requests $upstream_port" measure "upstream directly" "$upstream_worker" "http://127.0.0.1:$upstream_port/pets"
BENCH_COUNT="nginx_requests $nginx_port" measure "nginx proxy_pass" "$nginx_worker" "http://127.0.0.1:$nginx_port/pets"
# the embedded PostgreSQL's processes (the usage ledger's writer and fold among them): not the proxy's own CPU, but
# they share the machine with it, so their CPU per call is reported on a line of its own
postmaster=$(pgrep -f "postgres -D $work/data" | head -n 1 || true)
database=$([ -n "$postmaster" ] && pgrep -P "$postmaster" | tr '\n' ' ')
BENCH_SIDE_NAME="embedded PostgreSQL" BENCH_COUNT=gatehouse_requests measure "gatehouse (key+limit+meter)" "$java_pid" \
    "http://127.0.0.1:$gateway_port/bench/v1/pets" "X-API-Key: $key" "$postmaster $database"
