# Shared by the bench scripts: nginx instances, and wrk runs that report the CPU time per request of one process.
# Expects: $work (scratch dir), $duration, $connections, $warmup.

# Starts an nginx with one worker (BENCH_NGINX_WORKERS=auto: one per core): nginx_instance name server-block (an
# upstream "backend" on $upstream_port is declared).
nginx_instance() {
    cat > "$work/$1.conf" <<CONF
worker_processes ${BENCH_NGINX_WORKERS:-1};
pid $work/$1.pid;
error_log $work/$1-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    upstream backend { server 127.0.0.1:$upstream_port; keepalive 64; }
    $2
}
CONF
    nginx -c "$work/$1.conf"
}

# The upstream (nginx `return 200` with a small JSON body) and nginx as a reverse proxy to it, each its own process.
start_nginx_pair() {
    nginx_instance upstream "server { listen 127.0.0.1:$upstream_port; location / { return 200 '{\"pet\":\"cat\",\"id\":42}'; } location = /bench-status { stub_status; } }"
    nginx_instance proxy "server { listen 127.0.0.1:$nginx_port; ${nginx_proxy_log:-} location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\"; } location = /bench-status { stub_status; } }"
    sleep 0.5
    upstream_worker=$(pgrep -P "$(cat "$work/upstream.pid")" | tr '\n' ' ')
    nginx_worker=$(pgrep -P "$(cat "$work/proxy.pid")" | tr '\n' ' ')
}

stop_nginx_pair() {
    for pidfile in "$work/upstream.pid" "$work/proxy.pid"; do
        [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
    done
}

wait_for() { # url
    for _ in $(seq 1 120); do
        curl -s -o /dev/null "$1" && return 0
        sleep 0.5
    done
    echo "bench: $1 did not come up" >&2
    return 1
}

# CPU clock ticks (user+system, or system only) of the processes whose pids $1 lists; one that has exited counts none
proc_ticks() { local p v t=0; for p in $2; do v=$(awk "{print $1}" "/proc/$p/stat" 2>/dev/null); t=$((t + ${v:-0})); done; echo "$t"; }
cpu_ticks() { proc_ticks '$14 + $15' "$1"; }
sys_ticks() { proc_ticks '$15' "$1"; }

# Requests served so far: by an nginx of start_nginx_pair (its stub_status), by the gateway (its requests timer's count)
nginx_requests() { curl -s "http://127.0.0.1:$1/bench-status" | awk 'NR == 3 {print $3}'; }
gatehouse_requests() {
    curl -s "http://127.0.0.1:$management_port/actuator/prometheus" | awk '/^gatehouse_gateway_requests_seconds_count/ {s += $2} END {printf "%d\n", s}'
}

# measure name pid url [header] [side pids]: warm up, then one timed wrk run; prints RPS, CPU µs/request of pid, p50,
# (With BENCH_STEADY=true and BENCH_COUNT naming a command that prints the requests served so far, one wrk run covers
# the warm-up and the timed part, whose requests that command counts; p50 and p99 are then those of the whole run.)
# p99, and the CPU µs/request of the side processes (those running at the end of the run), if any are given.
# With BENCH_JFR=<file>, a Java process under test is profiled (JFR) during its timed run.
# BENCH_PROFILER=<path to async-profiler's libasyncProfiler.so> profiles a Java proxy's measured part (CPU, per thread) into
# BENCH_PROFILE (default /tmp/gatehouse-profile.collapsed), in collapsed-stack form; the library comes in the jar
# tools.profiler:async-profiler:<version>:linux-x64 from Maven Central.
profile() {
    local pid=$1 action=$2
    [ -n "${BENCH_PROFILER:-}" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q java || return 0
    local options="start,event=cpu,interval=1ms,threads"
    [ "$action" = stop ] && options="stop,file=${BENCH_PROFILE:-/tmp/gatehouse-profile.collapsed},collapsed,threads"
    "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" bench/AttachProfiler.java "$pid" "$BENCH_PROFILER" "$options"
}

measure() {
    local name=$1 pid=$2 url=$3 header=${4:-X-Bench: 1} side=${5:-}
    local hz before after out rps requests non2xx side_before=0 side_after=0
    local steady=false
    [ "${BENCH_STEADY:-false}" = true ] && [ -n "${BENCH_COUNT:-}" ] && steady=true
    hz=$(getconf CLK_TCK)
    [ "$steady" = true ] || wrk -t1 -c"$connections" -d"${warmup}s" -H "$header" "$url" >/dev/null
    if [ -n "${BENCH_JFR:-}" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q java; then
        "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/jcmd" "$pid" JFR.start settings=profile \
            duration="${duration}s" filename="$BENCH_JFR" >/dev/null
    fi
    [ -n "$side" ] && side=$(for p in $side; do [ -r "/proc/$p/stat" ] && echo "$p"; done | tr '\n' ' ')
    if [ "$steady" = true ]; then
        # one wrk run from the warm-up on: the window is read in its middle, with no new connections or idle gap before it
        wrk -t1 -c"$connections" -d"$((warmup + duration + 2))s" --latency -H "$header" "$url" > "$work/wrk-steady.out" &
        local load=$! count_before count_after
        sleep "$warmup"
        count_before=$($BENCH_COUNT) before=$(cpu_ticks "$pid") sys_before=$(sys_ticks "$pid") side_before=$(cpu_ticks "$side")
        profile "$pid" start
        sleep "$duration"
        profile "$pid" stop
        count_after=$($BENCH_COUNT) after=$(cpu_ticks "$pid") sys_after=$(sys_ticks "$pid") side_after=$(cpu_ticks "$side")
        wait "$load"
        out=$(cat "$work/wrk-steady.out")
        requests=$((count_after - count_before))
        rps=$(awk -v n="$requests" -v s="$duration" 'BEGIN { printf "%.2f", n / s }')
    else
        before=$(cpu_ticks "$pid") sys_before=$(sys_ticks "$pid") side_before=$(cpu_ticks "$side")
        profile "$pid" start
        out=$(wrk -t1 -c"$connections" -d"${duration}s" --latency -H "$header" "$url")
        profile "$pid" stop
        after=$(cpu_ticks "$pid") sys_after=$(sys_ticks "$pid") side_after=$(cpu_ticks "$side")
        requests=$(echo "$out" | awk '/requests in/ {print $1}')
        rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    fi
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
    printf '%-34s %10s req/s  %8.1f µs CPU/request (%4.1f system)  p50 %s  p99 %s  non-2xx %s\n' "$name" "$rps" \
        "$(awk -v t=$((after - before)) -v hz="$hz" -v n="$requests" 'BEGIN { print t * 1000000 / hz / n }')" \
        "$(awk -v t=$((sys_after - sys_before)) -v hz="$hz" -v n="$requests" 'BEGIN { print t * 1000000 / hz / n }')" \
        "$(echo "$out" | awk '/^ +50%/ {print $2}')" "$(echo "$out" | awk '/^ +99%/ {print $2}')" "${non2xx:-0}"
    if [ -n "$side" ]; then
        printf '%-34s %10s        %8.1f µs CPU/request\n' "  ${BENCH_SIDE_NAME:-side processes}" "" \
            "$(awk -v t=$((side_after - side_before)) -v hz="$hz" -v n="$requests" 'BEGIN { print t * 1000000 / hz / n }')"
    fi
}

# Starts `./gatehouse start-dev` from the built jar in the background on $console_port, $gateway_port and $management_port
# with a fresh embedded database under $work, plus any GATEHOUSE_* settings given as arguments (NAME=value), and waits until
# both the management and the console ports answer. Sets gatehouse_pid (the launcher script) and password; post/id below
# call the management API as admin.
start_gatehouse() {
    password="bench-$(head -c 12 /dev/urandom | base64 | tr -dc A-Za-z0-9)"
    env GATEHOUSE_DATA_DIR="$work/data" GATEHOUSE_ADMIN_PASSWORD="$password" GATEHOUSE_CONSOLE_PORT="$console_port" \
        GATEHOUSE_GATEWAY_PORT="$gateway_port" GATEHOUSE_MANAGEMENT_PORT="$management_port" GATEHOUSE_SKIP_BUILD=true "$@" \
        ./gatehouse start-dev > "$work/gatehouse.log" 2>&1 &
    gatehouse_pid=$!
    for _ in $(seq 1 360); do
        curl -sf "http://127.0.0.1:$management_port/actuator/health" >/dev/null \
            && curl -s -o /dev/null "http://127.0.0.1:$console_port/" && return 0
        sleep 0.5
    done
    echo "bench: the gateway did not start; see its log:" >&2
    tail -n 30 "$work/gatehouse.log" >&2
    return 1
}

post() { curl -sS --fail-with-body -u "admin:$password" -H 'Content-Type: application/json' "http://127.0.0.1:$console_port/api/v1$1" -d "$2"; }
id() { grep -o '"id":"[^"]*"' | head -n 1 | cut -d'"' -f4; }
