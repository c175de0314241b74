-- The usage ledger's rollups (issue 5, §2): usage_record summed per minute, hour and day (UTC).
--
-- Every record is counted once: a record is stored once (insert ... on conflict (id) do nothing), and a
-- stored row carries the id of the transaction that inserted it (ingest_xid). Folding adds to the rollups
-- the rows of the transactions that have ended since the last fold, and records which transactions it
-- has folded, in the same transaction: a row is folded exactly once, duplicates never, late records
-- into the buckets they belong to. Writers do not wait for the rollups, and the rollup rows they touch
-- are written once per fold instead of once per batch.

-- What a record called: a REST operation's path template (/pets/{petId}), or an event channel's name.
-- Null when the API declares no operation matching the call (the raw path stays in `path`).
alter table usage_record add column operation text;

-- The transaction that stored the row. Rows already there get this migration's.
alter table usage_record add column ingest_xid xid8 not null default pg_current_xact_id();
create index usage_record_ingest on usage_record (ingest_xid);

-- Usage per API and application is read from the rollups now. This index, its keys spread all over
-- it, cost about a third of every insert; the time index stays (ranges, purges, rebuilds).
drop index usage_record_api_app_time;

-- The latency histogram's buckets: bucket i (1-based) holds latencies in [bounds[i], bounds[i+1]) µs,
-- the last one everything from its bound up. 0, then 8 log-spaced bounds per decade from 100 µs to 100 s
-- (round(10 ^ (2 + k / 8.0)) for k in 0..48). Fixed once and for all: stored histograms are only
-- comparable bucket by bucket.
create function usage_latency_bounds() returns bigint[] language sql immutable parallel safe as $$
    select '{0, 100, 133, 178, 237, 316, 422, 562, 750, 1000,
    1334, 1778, 2371, 3162, 4217, 5623, 7499, 10000, 13335, 17783,
    23714, 31623, 42170, 56234, 74989, 100000, 133352, 177828, 237137, 316228,
    421697, 562341, 749894, 1000000, 1333521, 1778279, 2371374, 3162278, 4216965, 5623413,
    7498942, 10000000, 13335214, 17782794, 23713737, 31622777, 42169650, 56234133, 74989421, 100000000
    }'::bigint[]
$$;

-- What is in the rollups: the rows of every transaction with an id below folded_upto, except those of
-- the transactions in waiting (still running at the last fold, or left for the next one), and nothing
-- else. So a transaction that runs long (anywhere in the cluster) holds back only its own rows.
-- raw_kept_from: records older than this have been purged (gatehouse.usage.raw-retention); their
-- duplicates could no longer be recognised, so a record that old is no longer counted, and rollups
-- before it can no longer be rebuilt.
create table usage_ledger_state (
    singleton     boolean primary key default true check (singleton),
    folded_upto   xid8        not null,
    waiting       xid8[]      not null,
    raw_kept_from timestamptz not null
);
insert into usage_ledger_state (folded_upto, waiting, raw_kept_from) values ('0', '{}', '-infinity');

-- One row per bucket and combination of dimensions. Dimensions: api_id, operation, method (the HTTP
-- method; for events PUBLISH, DELIVER, or POST for a webhook), plan_id, application_id, organization_id,
-- subscription_id, kind, billable, outcome, status_class (status / 100: 2 for 2xx). Measures: count,
-- bytes, the sum of latencies, the records marked overage, and the latency histogram (counts per bucket
-- of usage_latency_bounds()).
create table usage_rollup_minute (
    bucket_start       timestamptz not null,
    api_id             uuid        not null,
    operation          text,
    method             text,
    plan_id            uuid,
    application_id     uuid,
    organization_id    uuid,
    subscription_id    uuid,
    kind               text        not null,
    billable           boolean     not null,
    outcome            text        not null,
    status_class       smallint    not null,
    count              bigint      not null,
    request_bytes      bigint      not null,
    response_bytes     bigint      not null,
    latency_micros_sum bigint      not null,
    overage_count      bigint      not null,
    latency_histogram  bigint[]    not null
);

create table usage_rollup_hour (like usage_rollup_minute) with (fillfactor = 90);
create table usage_rollup_day (like usage_rollup_minute) with (fillfactor = 90);

-- The same per API only (no plan, application, organization or subscription): far fewer rows, for the
-- dashboards' questions that do not ask who called.
create table usage_rollup_api_minute (
    bucket_start       timestamptz not null,
    api_id             uuid        not null,
    operation          text,
    method             text,
    kind               text        not null,
    billable           boolean     not null,
    outcome            text        not null,
    status_class       smallint    not null,
    count              bigint      not null,
    request_bytes      bigint      not null,
    response_bytes     bigint      not null,
    latency_micros_sum bigint      not null,
    overage_count      bigint      not null,
    latency_histogram  bigint[]    not null
) with (fillfactor = 90);
create table usage_rollup_api_hour (like usage_rollup_api_minute) with (fillfactor = 90);
create table usage_rollup_api_day (like usage_rollup_api_minute) with (fillfactor = 90);

-- The unique keys folding upserts on, which also serve range scans (bucket_start leads). Null
-- dimensions are one value: coalesced in the index, and folding turns '' and the nil UUID into null
-- before grouping, so that no two groups meet on one key.
do $$
declare
    grain text;
begin
    foreach grain in array array['minute', 'hour', 'day'] loop
        execute format($f$
            create unique index usage_rollup_%1$s_key on usage_rollup_%1$s (bucket_start, api_id,
                coalesce(operation, ''), coalesce(method, ''),
                coalesce(plan_id, '00000000-0000-0000-0000-000000000000'),
                coalesce(application_id, '00000000-0000-0000-0000-000000000000'),
                coalesce(organization_id, '00000000-0000-0000-0000-000000000000'),
                coalesce(subscription_id, '00000000-0000-0000-0000-000000000000'),
                kind, billable, outcome, status_class)$f$, grain);
        execute format($f$
            create unique index usage_rollup_api_%1$s_key on usage_rollup_api_%1$s (bucket_start, api_id,
                coalesce(operation, ''), coalesce(method, ''), kind, billable, outcome, status_class)$f$, grain);
    end loop;
end;
$$;
create index usage_rollup_day_api on usage_rollup_day (api_id, bucket_start);
create index usage_rollup_day_organization on usage_rollup_day (organization_id, bucket_start);

-- Folding and rebuilding are generated here from one description of the dimensions and measures, so
-- that both aggregate alike and the histogram's per-bucket expressions need not be written out by hand.
-- The functions created hold static SQL, which PL/pgSQL plans once per session. Both hold the same
-- advisory lock, so rollups have one writer at a time.
do $do$
declare
    buckets  int := array_length(usage_latency_bounds(), 1);
    nil      text := '''00000000-0000-0000-0000-000000000000''::uuid';
    dims     text := 'api_id, operation, method, plan_id, application_id, organization_id, subscription_id, '
                     'kind, billable, outcome, status_class';
    columns  text := 'bucket_start, ' || dims || ', count, request_bytes, response_bytes, latency_micros_sum, '
                     'overage_count, latency_histogram';
    keys     text := '1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12';
    -- the dimensions of usage_record rows, '' and the nil UUID turned into null
    raw_dims text := format('api_id, nullif(operation, '''') as operation, nullif(method, '''') as method, '
                            'nullif(plan_id, %1$s) as plan_id, nullif(application_id, %1$s) as application_id, '
                            'nullif(organization_id, %1$s) as organization_id, '
                            'nullif(subscription_id, %1$s) as subscription_id, kind, billable, outcome, '
                            '(status / 100)::smallint as status_class', nil);
    conflict text := format('(bucket_start, api_id, coalesce(operation, ''''), coalesce(method, ''''), '
                            'coalesce(plan_id, %1$s), coalesce(application_id, %1$s), coalesce(organization_id, %1$s), '
                            'coalesce(subscription_id, %1$s), kind, billable, outcome, status_class)', nil);
    api_dims text := 'api_id, operation, method, kind, billable, outcome, status_class';
    api_columns text := 'bucket_start, api_id, operation, method, kind, billable, outcome, status_class, count, '
                        'request_bytes, response_bytes, latency_micros_sum, overage_count, latency_histogram';
    api_keys text := '1, 2, 3, 4, 5, 6, 7, 8';
    api_conflict text := '(bucket_start, api_id, coalesce(operation, ''''), coalesce(method, ''''), kind, billable, '
                         'outcome, status_class)';
    raw_measures text;  -- over usage_record rows, b being the record's latency bucket
    sum_measures text;  -- over rollup rows of a finer grain
    fold_sums    text;  -- the same over one fold's minutes, whose counts fit an int (a fold takes ~max_records):
                        -- sum(int) is a bigint, summed without numeric arithmetic
    merge    text;      -- adds an upserted row's measures to the stored ones
begin
    select 'count(*) as count, coalesce(sum(request_bytes), 0)::bigint as request_bytes, '
               || 'coalesce(sum(response_bytes), 0)::bigint as response_bytes, '
               || 'coalesce(sum(latency_micros), 0)::bigint as latency_micros_sum, '
               || 'count(*) filter (where overage) as overage_count, array['
               || string_agg(format('count(*) filter (where b = %s)', i), ', ' order by i) || '] as latency_histogram',
           'sum(count)::bigint as count, sum(request_bytes)::bigint as request_bytes, '
               || 'sum(response_bytes)::bigint as response_bytes, sum(latency_micros_sum)::bigint as latency_micros_sum, '
               || 'sum(overage_count)::bigint as overage_count, array['
               || string_agg(format('sum(latency_histogram[%s])::bigint', i), ', ' order by i) || '] as latency_histogram',
           'sum(count::int) as count, sum(request_bytes)::bigint as request_bytes, '
               || 'sum(response_bytes)::bigint as response_bytes, sum(latency_micros_sum)::bigint as latency_micros_sum, '
               || 'sum(overage_count::int) as overage_count, array['
               || string_agg(format('sum(latency_histogram[%s]::int)', i), ', ' order by i) || '] as latency_histogram',
           'count = t.count + excluded.count, request_bytes = t.request_bytes + excluded.request_bytes, '
               || 'response_bytes = t.response_bytes + excluded.response_bytes, '
               || 'latency_micros_sum = t.latency_micros_sum + excluded.latency_micros_sum, '
               || 'overage_count = t.overage_count + excluded.overage_count, latency_histogram = array['
               || string_agg(format('t.latency_histogram[%1$s] + excluded.latency_histogram[%1$s]', i), ', ' order by i) || ']'
    into raw_measures, sum_measures, fold_sums, merge
    from generate_series(1, buckets) i;

    -- Folds the rows of transactions that ended since the last fold, at most about max_records of them
    -- (a transaction's rows are never split); returns how many rows it went through, 0 when none waited.
    -- A transaction is folded once it is visible in the fold's snapshot (committed before it), whatever
    -- older transactions still run.
    -- Records older than raw_kept_from are skipped. The pending rows are summed per minute once; hours,
    -- days and the per-API rollups are summed from those minutes. The planner cannot tell how many rows
    -- a fold reads (their transactions are a parameter): sorting is discouraged, so that they are
    -- grouped by hashing, as suits the thousands they usually are.
    execute format($f$
        create function usage_rollup_fold(max_records bigint default 500000) returns bigint
        language plpgsql set jit = off set enable_sort = off as $body$
        declare
            snap     pg_snapshot;
            upto     xid8;
            waited   xid8[];
            horizon  timestamptz;
            batch    xid8[];
            deferred xid8[];
            seen     bigint;
        begin
            perform pg_advisory_xact_lock(hashtext('gatehouse.usage_rollup'));
            snap := pg_current_snapshot();
            select s.folded_upto, s.waiting, s.raw_kept_from into upto, waited, horizon from usage_ledger_state s;
            -- the transactions ended since the last fold (or waited for) that stored rows, oldest first,
            -- as many as hold about max_records rows now, the others deferred to the next fold
            select coalesce(array_agg(x order by x) filter (where before < max_records), '{}'),
                   coalesce(array_agg(x) filter (where before >= max_records), '{}'),
                   coalesce(sum(n) filter (where before < max_records), 0)
            into batch, deferred, seen
            from (select x, n, sum(n) over (order by x) - n as before
                  from (select ingest_xid as x, count(*) as n from usage_record
                        where (ingest_xid = any(waited) or (ingest_xid >= upto and ingest_xid < pg_snapshot_xmax(snap)))
                          and pg_visible_in_snapshot(ingest_xid, snap)
                        group by ingest_xid) per_transaction) running;
            update usage_ledger_state set folded_upto = pg_snapshot_xmax(snap),
                waiting = array(select x from pg_snapshot_xip(snap) x where x = any(waited) or x >= upto) || deferred;
            if seen = 0 then
                return 0;
            end if;
            with minutes as materialized (
                select date_trunc('minute', occurred_at, 'UTC') as bucket_start, %2$s, %3$s
                from (select *, width_bucket(latency_micros, usage_latency_bounds()) as b from usage_record
                      where ingest_xid = any(batch) and occurred_at >= horizon) r
                group by %5$s
            ), by_minute as (
                insert into usage_rollup_minute as t (%1$s)
                select * from minutes
                on conflict %6$s do update set %7$s
            ), by_hour as (
                insert into usage_rollup_hour as t (%1$s)
                select date_trunc('hour', bucket_start, 'UTC'), %8$s, %13$s from minutes group by %5$s
                on conflict %6$s do update set %7$s
            ), by_day as (
                insert into usage_rollup_day as t (%1$s)
                select date_trunc('day', bucket_start, 'UTC'), %8$s, %13$s from minutes group by %5$s
                on conflict %6$s do update set %7$s
            ), api_minutes as materialized (
                select bucket_start, %9$s, %13$s from minutes group by %11$s
            ), api_by_minute as (
                insert into usage_rollup_api_minute as t (%10$s)
                select * from api_minutes
                on conflict %12$s do update set %7$s
            ), api_by_hour as (
                insert into usage_rollup_api_hour as t (%10$s)
                select date_trunc('hour', bucket_start, 'UTC'), %9$s, %13$s from api_minutes group by %11$s
                on conflict %12$s do update set %7$s
            )
            insert into usage_rollup_api_day as t (%10$s)
            select date_trunc('day', bucket_start, 'UTC'), %9$s, %13$s from api_minutes group by %11$s
            on conflict %12$s do update set %7$s;
            return seen;
        end;
        $body$$f$, columns, raw_dims, raw_measures, sum_measures, keys, conflict, merge, dims, api_dims, api_columns,
        api_keys, api_conflict, fold_sums);

    -- Recomputes the rollups of whole UTC days [p_from, p_to) from the raw records folded so far (those
    -- not yet folded will be by the next fold), the per-API ones from the others. Writers are not held up.
    execute format($f$
        create function usage_rollup_rebuild_days(p_from timestamptz, p_to timestamptz) returns void
        language plpgsql set jit = off as $body$
        declare
            upto    xid8;
            waited  xid8[];
            horizon timestamptz;
        begin
            perform pg_advisory_xact_lock(hashtext('gatehouse.usage_rollup'));
            select s.folded_upto, s.waiting, s.raw_kept_from into upto, waited, horizon from usage_ledger_state s;
            if p_from <> date_trunc('day', p_from, 'UTC') or p_to <> date_trunc('day', p_to, 'UTC') or p_to <= p_from then
                raise exception 'a rebuild covers whole UTC days, not [%%, %%)', p_from, p_to using errcode = '22023';
            end if;
            if p_from < horizon then
                raise exception 'raw usage before %% has been purged; rollups from %% cannot be rebuilt', horizon, p_from
                    using errcode = '22023';
            end if;
            delete from usage_rollup_minute where bucket_start >= p_from and bucket_start < p_to;
            delete from usage_rollup_hour where bucket_start >= p_from and bucket_start < p_to;
            delete from usage_rollup_day where bucket_start >= p_from and bucket_start < p_to;
            insert into usage_rollup_minute (%1$s)
            select date_trunc('minute', occurred_at, 'UTC'), %2$s, %3$s
            from (select *, width_bucket(latency_micros, usage_latency_bounds()) as b from usage_record
                  where occurred_at >= p_from and occurred_at < p_to
                    and ingest_xid < upto and not ingest_xid = any(waited)) r
            group by %5$s;
            insert into usage_rollup_hour (%1$s)
            select date_trunc('hour', bucket_start, 'UTC'), %6$s, %4$s
            from usage_rollup_minute where bucket_start >= p_from and bucket_start < p_to
            group by %5$s;
            insert into usage_rollup_day (%1$s)
            select date_trunc('day', bucket_start, 'UTC'), %6$s, %4$s
            from usage_rollup_hour where bucket_start >= p_from and bucket_start < p_to
            group by %5$s;
            delete from usage_rollup_api_minute where bucket_start >= p_from and bucket_start < p_to;
            delete from usage_rollup_api_hour where bucket_start >= p_from and bucket_start < p_to;
            delete from usage_rollup_api_day where bucket_start >= p_from and bucket_start < p_to;
            insert into usage_rollup_api_minute (%7$s)
            select bucket_start, %8$s, %4$s
            from usage_rollup_minute where bucket_start >= p_from and bucket_start < p_to
            group by %9$s;
            insert into usage_rollup_api_hour (%7$s)
            select date_trunc('hour', bucket_start, 'UTC'), %8$s, %4$s
            from usage_rollup_api_minute where bucket_start >= p_from and bucket_start < p_to
            group by %9$s;
            insert into usage_rollup_api_day (%7$s)
            select date_trunc('day', bucket_start, 'UTC'), %8$s, %4$s
            from usage_rollup_api_hour where bucket_start >= p_from and bucket_start < p_to
            group by %9$s;
        end;
        $body$$f$, columns, raw_dims, raw_measures, sum_measures, keys, dims, api_columns, api_dims, api_keys);
end;
$do$;

-- Deletes up to batch raw records older than cutoff (a UTC midnight), after moving raw_kept_from up to
-- it; returns how many it deleted. Rollups are kept.
create function usage_raw_purge(cutoff timestamptz, batch int) returns int language plpgsql as $$
declare
    deleted int;
begin
    perform pg_advisory_xact_lock(hashtext('gatehouse.usage_rollup'));
    update usage_ledger_state set raw_kept_from = greatest(raw_kept_from, cutoff);
    delete from usage_record where id in (select id from usage_record where occurred_at < cutoff limit batch);
    get diagnostics deleted = row_count;
    return deleted;
end;
$$;
