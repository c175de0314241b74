#!/usr/bin/env bash
# The usage ledger's benchmark: usage records/s stored through the gateways' writer path (binary COPY,
# insert ... on conflict do nothing) into PostgreSQL and folded into the rollups by the control plane's
# folder, and raw writes alone for comparison; then the dashboards' queries over a month of rollups. Needs psql and a PostgreSQL on 127.0.0.1:5432 that trusts
# the user postgres (the machine's PostgreSQL 15); uses its own database, gatehouse_ledger_bench, made afresh.
# Usage: bench/ledger.sh [seconds per ingest run, default 20] [records in the month, default 10000000]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}" month="${2:-10000000}"
database=gatehouse_ledger_bench
url="jdbc:postgresql://127.0.0.1:5432/$database"
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

./mvnw -B -q -pl analytics -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime
classpath="analytics/target/classes:$(cat analytics/target/bench-classpath.txt)"
"$java_home/bin/javac" -d "$work" -cp "$classpath" bench/ledger/src/bench/LedgerBench.java
run() { "$java_home/bin/java" -Xmx1g -cp "$work:$classpath" bench.LedgerBench "$@"; }

psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $database" -c "create database $database"
run migrate "$url" 2>&1 | grep -v DEBUG || true
echo "PostgreSQL $(psql -h 127.0.0.1 -U postgres -d $database -Atc 'show server_version'), $(nproc) cores shared by the bench and the server"
for writers in 1 2; do
    for batch in 500 5000; do
        run ingest "$url" "$seconds" "$writers" "$batch" off | grep -v ' INFO '
        run ingest "$url" "$seconds" "$writers" "$batch" on | grep -v ' INFO '
    done
done
run month "$url" "$month" | grep -v ' INFO '
