-- Minute rollups are kept for gatehouse.usage.minute-rollup-retention (35 days by default); hour and day
-- rollups are kept for ever. Minute rows are one per minute and combination of dimensions, by far the
-- most numerous; past a few weeks, dashboards and billing read hours and days only.
--
-- minutes_kept_from: minute rollups before this UTC midnight have been purged. It only moves forward, and
-- every minute bucket from it on is complete: it is moved up in the same transaction as the first minute
-- rows are deleted, folds no longer write minutes before it (a record that arrives late is still counted
-- in its hour and day), and rebuilds no longer recreate them. So the minute tables hold either a whole
-- minute or nothing, and a query that reads minutes_kept_from and the rollups in one snapshot can tell
-- exactly which questions the minutes still answer.
alter table usage_ledger_state add column minutes_kept_from timestamptz not null default '-infinity';

-- Deletes up to batch minute rows older than cutoff (a UTC midnight), from usage_rollup_minute and then
-- usage_rollup_api_minute, after moving minutes_kept_from up to it; returns how many it deleted (fewer
-- than batch: none are left). Holds the rollups' lock, so a fold either ran before (and the minutes it
-- wrote are deleted here) or runs after and no longer writes them. Hour and day rollups are not touched.
create function usage_minute_purge(cutoff timestamptz, batch int) returns int language plpgsql as $$
declare
    deleted     int;
    api_deleted int;
begin
    if cutoff <> date_trunc('day', cutoff, 'UTC') then
        raise exception 'minute rollups are purged up to a UTC midnight, not %', cutoff using errcode = '22023';
    end if;
    perform pg_advisory_xact_lock(hashtext('gatehouse.usage_rollup'));
    update usage_ledger_state set minutes_kept_from = greatest(minutes_kept_from, cutoff);
    delete from usage_rollup_minute where ctid = any(array(
        select ctid from usage_rollup_minute where bucket_start < cutoff limit batch));
    get diagnostics deleted = row_count;
    delete from usage_rollup_api_minute where ctid = any(array(
        select ctid from usage_rollup_api_minute where bucket_start < cutoff limit batch - deleted));
    get diagnostics api_deleted = row_count;
    return deleted + api_deleted;
end;
$$;

-- A rebuild (V20) recomputes minutes from the raw records and the hours from those minutes; it now drops
-- the minutes before minutes_kept_from again afterwards, in its transaction and under its lock, so that
-- a rebuild of older days does not bring back minutes that later folds would no longer keep whole.
alter function usage_rollup_rebuild_days(timestamptz, timestamptz) rename to usage_rollup_rebuild_every_grain;

create function usage_rollup_rebuild_days(p_from timestamptz, p_to timestamptz) returns void language plpgsql as $$
declare
    minutes_from timestamptz;
begin
    perform usage_rollup_rebuild_every_grain(p_from, p_to);
    select minutes_kept_from into minutes_from from usage_ledger_state;
    delete from usage_rollup_minute where bucket_start >= p_from and bucket_start < least(p_to, minutes_from);
    delete from usage_rollup_api_minute where bucket_start >= p_from and bucket_start < least(p_to, minutes_from);
end;
$$;

-- The fold as V28 left it, except that minutes before minutes_kept_from are no longer written: a late
-- record of a purged minute is added to its hour and day only (hours and days are still summed from all
-- the fold's minutes). Deleting such a row again at the next purge would be as exact for the API, which
-- never reads minutes before minutes_kept_from, but would leave a partial minute row in between for
-- anyone reading the table directly, and make every purge look for them.
do $do$
declare
    buckets  int := array_length(usage_latency_bounds(), 1);
    nil      text := '''00000000-0000-0000-0000-000000000000''::uuid';
    dims     text := 'api_id, operation, method, plan_id, application_id, organization_id, subscription_id, '
                     'kind, billable, outcome, status_class';
    columns  text := 'bucket_start, ' || dims || ', count, request_bytes, response_bytes, latency_micros_sum, '
                     'overage_count, latency_histogram';
    keys     text := '1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12';
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
    bucket_measures text;  -- over the groups of one minute, dimensions and latency bucket b (n records each)
    fold_sums       text;
    merge           text;
begin
    select 'sum(n)::bigint as count, sum(request_bytes)::bigint as request_bytes, '
               || 'sum(response_bytes)::bigint as response_bytes, sum(latency_micros)::bigint as latency_micros_sum, '
               || 'sum(overage)::bigint as overage_count, array['
               || string_agg(format('coalesce(sum(n) filter (where b = %s), 0)::bigint', i), ', ' order by i)
               || '] as latency_histogram',
           'sum(count::int) as count, sum(request_bytes)::bigint as request_bytes, '
               || 'sum(response_bytes)::bigint as response_bytes, sum(latency_micros_sum)::bigint as latency_micros_sum, '
               || 'sum(overage_count::int) as overage_count, array['
               || string_agg(format('sum(latency_histogram[%s]::int)', i), ', ' order by i) || '] as latency_histogram',
           'count = t.count + excluded.count, request_bytes = t.request_bytes + excluded.request_bytes, '
               || 'response_bytes = t.response_bytes + excluded.response_bytes, '
               || 'latency_micros_sum = t.latency_micros_sum + excluded.latency_micros_sum, '
               || 'overage_count = t.overage_count + excluded.overage_count, latency_histogram = array['
               || string_agg(format('t.latency_histogram[%1$s] + excluded.latency_histogram[%1$s]', i), ', ' order by i) || ']'
    into bucket_measures, fold_sums, merge
    from generate_series(1, buckets) i;

    execute format($f$
        create or replace function usage_rollup_fold(max_records bigint default 500000) returns bigint
        language plpgsql set jit = off set enable_sort = on as $body$
        declare
            snap     pg_snapshot;
            upto     xid8;
            waited   xid8[];
            horizon  timestamptz;
            minutes_from timestamptz;
            batch    xid8[];
            deferred xid8[];
            seen     bigint;
        begin
            perform pg_advisory_xact_lock(hashtext('gatehouse.usage_rollup'));
            snap := pg_current_snapshot();
            select s.folded_upto, s.waiting, s.raw_kept_from, s.minutes_kept_from into upto, waited, horizon, minutes_from
            from usage_ledger_state s;
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
            -- the planner cannot tell how many groups a fold's records fall into (their transactions are a
            -- parameter) and guesses one per record: group them by hashing, not by sorting them on 13 keys
            -- (undone as the function returns)
            set local enable_sort = off;
            with minutes as materialized (
                select bucket_start, %8$s, %3$s
                from (select date_trunc('minute', occurred_at, 'UTC') as bucket_start, %2$s,
                             width_bucket(latency_micros, usage_latency_bounds()) as b, count(*) as n,
                             coalesce(sum(request_bytes), 0) as request_bytes, coalesce(sum(response_bytes), 0) as response_bytes,
                             coalesce(sum(latency_micros), 0) as latency_micros, count(*) filter (where overage) as overage
                      from (select * from usage_record where ingest_xid = any(batch) offset 0) pending
                      where occurred_at >= horizon
                      group by %5$s, 13) per_bucket
                group by %5$s
            ), by_minute as (
                insert into usage_rollup_minute as t (%1$s)
                select * from minutes where bucket_start >= minutes_from
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
                select * from api_minutes where bucket_start >= minutes_from
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
        $body$$f$, columns, raw_dims, bucket_measures, null, keys, conflict, merge, dims, api_dims, api_columns,
        api_keys, api_conflict, fold_sums);
end;
$do$;
