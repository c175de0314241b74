#!/usr/bin/env bash
# Billing bench (issue 5, §7): a month holding $RECORDS usage records (default 10 million) in the machine's
# PostgreSQL, then the time of an invoice run (GET /billing/invoices?period=…, all organizations rated from
# the ledger) and of a CSV usage report over the month, each $RUNS times, through the control plane's API;
# then one close of the period. Needs psql, curl and PostgreSQL at $PGHOST:$PGPORT (trust auth), database
# $PGDATABASE; works in its own schema ($SCHEMA), dropped and created anew.
#   bench/billing.sh                      # 10M records
#   RECORDS=1000000 RUNS=5 bench/billing.sh
#   SEED=false bench/billing.sh           # again on the month seeded last time (its invoices are dropped first)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}
SCHEMA=${SCHEMA:-gatehouse_bench}
RECORDS=${RECORDS:-10000000}
MONTH=${MONTH:-2026-10}
RUNS=${RUNS:-3}
ORGS=${ORGS:-200}
APIS=${APIS:-10}
console_port=${CONSOLE_PORT:-19000}
management_port=${MANAGEMENT_PORT:-19001}
password=bench-admin-password-1
work=$(mktemp -d)
app=""

cleanup() {
    [ -n "$app" ] && kill "$app" 2>/dev/null && wait "$app" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

if [ "${SEED:-true}" = true ]; then
    psql -q -v ON_ERROR_STOP=1 -c "drop schema if exists $SCHEMA cascade" -c "create schema $SCHEMA"
else
    psql -q -v ON_ERROR_STOP=1 -c "truncate $SCHEMA.invoice, $SCHEMA.billing_period, $SCHEMA.document_number cascade"
fi

[ "${GATEHOUSE_SKIP_BUILD:-}" = true ] || "$root/gatehouse" build
echo "bench: starting the control plane on $PGHOST:$PGPORT/$PGDATABASE, schema $SCHEMA"
GATEHOUSE_SKIP_BUILD=true GATEHOUSE_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$SCHEMA" \
GATEHOUSE_DB_USER="$PGUSER" GATEHOUSE_DB_PASSWORD=unused GATEHOUSE_ADMIN_PASSWORD=$password GATEHOUSE_ROLES=control-plane \
GATEHOUSE_CONSOLE_PORT=$console_port GATEHOUSE_MANAGEMENT_PORT=$management_port GATEHOUSE_DATA_DIR="$work" \
    "$root/gatehouse" start --gatehouse.billing.auto-close=false > "$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 240); do
    curl -sf -o /dev/null "http://127.0.0.1:$management_port/actuator/health" && break
    kill -0 "$app" 2>/dev/null || { tail -50 "$work/app.log"; exit 1; }
    sleep 1
done

if [ "${SEED:-true}" = true ]; then
    echo "bench: seeding $RECORDS usage records for $MONTH"
    start=$(date +%s)
    PGOPTIONS="-c search_path=$SCHEMA" psql -q -v records="$RECORDS" -v month="$MONTH-01" -v apis="$APIS" -v orgs="$ORGS" \
        -f "$here/billing/seed.sql"
    echo "bench: seeded in $(( $(date +%s) - start )) s"
    # the control plane folds stored records into the rollups every second as they come in; the seed wrote a
    # month in one transaction, so it is folded here once, timed apart from the runs
    start=$(date +%s.%N)
    while [ "$(PGOPTIONS="-c search_path=$SCHEMA" psql -Atc "select usage_rollup_fold($RECORDS)")" != 0 ]; do :; done
    printf 'bench: folded into the rollups in %.1f s (%s day rows)\n' "$(echo "$(date +%s.%N) - $start" | bc)" \
        "$(psql -Atc "select count(*) from $SCHEMA.usage_rollup_day")"
fi
echo "bench: $(psql -Atc "select count(*) from $SCHEMA.usage_record") records," \
    "$(psql -Atc "select pg_size_pretty(pg_total_relation_size('$SCHEMA.usage_record'))") with indexes"

api="http://127.0.0.1:$console_port/api/v1"
next=$(date -u -d "$MONTH-01 +1 month" +%Y-%m-%d)
timed() { # name accept url [method]
    curl -sS -o "$work/out" -w '%{http_code} %{time_total} %{size_download}' --max-time 300 -u "admin:$password" \
        -H "Accept: $2" -X "${4:-GET}" "$3"
}
for run in $(seq 1 "$RUNS"); do
    read -r code seconds bytes <<< "$(timed invoices application/json "$api/billing/invoices?period=$MONTH")"
    printf 'invoice run   #%d  %s  %6.2f s  %9d bytes  %s invoices\n' "$run" "$code" "$seconds" "$bytes" \
        "$(grep -o '"status":"DRAFT"' "$work/out" | wc -l)"
    read -r code seconds bytes <<< "$(timed report text/csv "$api/billing/usage-report?from=$MONTH-01&to=$next")"
    printf 'usage report  #%d  %s  %6.2f s  %9d bytes  %s rows\n' "$run" "$code" "$seconds" "$bytes" "$(( $(wc -l < "$work/out") - 1 ))"
done
read -r code seconds bytes <<< "$(timed close application/json "$api/billing/periods/$MONTH/close" POST)"
printf 'period close      %s  %6.2f s  %s final invoices\n' "$code" "$seconds" "$(grep -o '"number"' "$work/out" | wc -l)"
printf 'control plane RSS %d MB after the runs\n' "$(( $(ps -o rss= -p "$app") / 1024 ))"
if [ "${ROLLUP_PROBE:-false}" = true ]; then
    echo "bench: the same month read from a daily rollup (stand-in, see billing/rollup-probe.sql):"
    PGOPTIONS="-c search_path=$SCHEMA" psql -q -v month="$MONTH-01" -f "$here/billing/rollup-probe.sql" | grep -E "Time|rows|days|^ +[0-9]"
fi
echo "bench: load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
