#!/usr/bin/env bash
# CPU time per proxied request: Gatehouse's gateway vs nginx, side by side, same upstream (nginx :9181).
# Usage: bench/proxy-cpu.sh [seconds] [connections]. Needs nginx and wrk; builds gateway-runtime first.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-15}
CONNECTIONS=${2:-32}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
work=/tmp/gatehouse-bench-nginx
mkdir -p "$work"

./mvnw -B -q -o -pl gateway-runtime -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
classpath="$(cat gateway-runtime/target/bench.classpath):gateway-runtime/target/classes"

nginx -c "$PWD/bench/nginx.conf" -p "$work" & nginx_master=$!
"$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -Xmx512m \
    -cp "$classpath" bench/GatewayBench.java 9183 http://127.0.0.1:9181 > "$work/gateway.log" 2>&1 & gateway=$!
trap 'kill $gateway $nginx_master 2>/dev/null || true' EXIT
until grep -q READY "$work/gateway.log"; do sleep 1; done
sleep 2
nginx_worker=$(pgrep -P "$nginx_master" | head -1)

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tick_ms=$((1000 / $(getconf CLK_TCK)))

measure() { # name pid url
    local before after requests
    before=$(ticks "$2")
    requests=$(wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" "$3" | awk '/requests in/ {print $1}')
    after=$(ticks "$2")
    awk -v n="$1" -v r="$requests" -v t="$(( (after - before) * tick_ms ))" -v s="$SECONDS_PER_RUN" \
        'BEGIN { printf "%-8s %9d req  %8.0f req/s  %6d ms CPU  %6.1f us CPU/req\n", n, r, r / s, t, t * 1000 / r }'
}

echo "warming up the gateway..."
wrk -t1 -c"$CONNECTIONS" -d30s http://127.0.0.1:9183/bench/v1/pets > /dev/null
echo "proxy    requests  throughput  proxy CPU  CPU per request  (nginx: its one worker; gateway: the whole JVM)"
measure nginx "$nginx_worker" http://127.0.0.1:9182/bench/v1/pets
measure gateway "$gateway" http://127.0.0.1:9183/bench/v1/pets
