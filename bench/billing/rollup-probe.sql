-- What the invoice run's read costs once MeteredUsage reads a daily rollup instead of the raw ledger:
-- builds a stand-in of usage_rollup_day (the ledger's rollups, another part of issue 5) from the seeded
-- month, then times the grouped read MeteredUsage would run on it. Bench only; dropped afterwards.
\set ON_ERROR_STOP on
\timing on
create table bench_rollup_day as
select date_trunc('day', occurred_at, 'UTC') as bucket_start, subscription_id, plan_id, application_id, organization_id,
       api_id, kind, billable, count(*) as count, sum(request_bytes) as request_bytes, sum(response_bytes) as response_bytes
from usage_record group by 1, 2, 3, 4, 5, 6, 7, 8;
analyze bench_rollup_day;
select count(*) as rollup_rows from bench_rollup_day;
select count(*) as subject_days from (
    select subscription_id, plan_id, application_id, (bucket_start at time zone 'UTC')::date as day,
           sum(count) filter (where kind = 'CALL') as calls, sum(count) filter (where kind = 'EVENT') as events,
           sum(request_bytes + response_bytes) as bytes
    from bench_rollup_day
    where billable and bucket_start >= :'month'::timestamptz and bucket_start < :'month'::timestamptz + interval '1 month'
    group by 1, 2, 3, 4) grouped;
drop table bench_rollup_day;
