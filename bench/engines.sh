#!/usr/bin/env bash
# Chooses the gateway's HTTP engine by measurement: bare proxies (no policies) on Reactor Netty, Vert.x and plain
# Netty, next to nginx, all in front of the same nginx upstream on 127.0.0.1, loaded by wrk in one run.
# Needs: nginx, wrk, curl. Usage: bench/engines.sh [seconds per run, default 15] [connections, default 32] [warm-up, default 15]
# BENCH_ENGINES picks engines (default: ReactorNettyProxy VertxProxy NettyProxy); BENCH_EVENT_LOOPS sets the event loops of
# the Vert.x and Netty proxies (default: two per core). An engine named with a transport, as in NettyProxy@io_uring, runs
# on that Netty transport instead of epoll.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-15}" connections="${2:-32}" warmup="${3:-15}"
work="$(mktemp -d)"
upstream_port=18180 nginx_port=18181 engine_port=18182
source bench/lib.sh
engine_pid=
cleanup() {
    [ -n "$engine_pid" ] && kill "$engine_pid" 2>/dev/null || true
    stop_nginx_pair
    rm -rf "$work"
}
trap cleanup EXIT
./mvnw -B -q -f bench/engines/pom.xml package -DskipTests
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
classpath="bench/engines/target/engines-0.1.0-SNAPSHOT.jar:$(cat bench/engines/target/classpath.txt)"

start_nginx_pair
echo "wrk -t1 -c$connections -d${duration}s on $(nproc) cores; CPU is the proxy process's own user+system time"
measure "upstream directly" "$upstream_worker" "http://127.0.0.1:$upstream_port/pets"
measure "nginx proxy_pass" "$nginx_worker" "http://127.0.0.1:$nginx_port/pets"
for engine in ${BENCH_ENGINES:-ReactorNettyProxy VertxProxy NettyProxy}; do
    transport=epoll
    [[ "$engine" == *@* ]] && transport="${engine#*@}"
    "$java" --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -Xmx512m -Dbench.transport="$transport" -cp "$classpath" \
        "bench.${engine%@*}" "$engine_port" "$upstream_port" ${BENCH_EVENT_LOOPS:-} > "$work/$engine.log" 2>&1 &
    engine_pid=$!
    wait_for "http://127.0.0.1:$engine_port/pets"
    measure "$engine (bare)" "$engine_pid" "http://127.0.0.1:$engine_port/pets"
    kill "$engine_pid"; wait "$engine_pid" 2>/dev/null || true; engine_pid=
done
