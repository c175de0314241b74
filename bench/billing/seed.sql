-- A month of usage for the billing bench: a registry of :apis APIs with one plan per price model each,
-- :orgs organizations with 5 applications each, two subscriptions per application (some starting or
-- ending mid-month, one price change mid-month), and :records usage records spread evenly over the month
-- (every 10th an event, 3% rejected). Run with psql -v records=… -v month=2026-10-01 -v apis=10 -v orgs=200.

\set ON_ERROR_STOP on
begin;

insert into api (id, name, version, context, type, upstream, state)
select md5('api' || a)::uuid, 'API ' || lpad(a::text, 3, '0'), 'v1', '/bench-' || a || '/v1', 'REST', 'http://127.0.0.1:9101', 'PUBLISHED'
from generate_series(1, :apis) a;

create temporary table bench_price (model text, pricing jsonb);
insert into bench_price values
  ('FREE',     '{"model":"FREE"}'),
  ('FLAT',     '{"model":"FLAT","currency":"EUR","fee":"49.00","period":"MONTH","includedUnits":2000,"overageUnitPrice":"0.002","meter":"REQUESTS","setupFee":"10.00"}'),
  ('PER_UNIT', '{"model":"PER_UNIT","currency":"EUR","unitPrice":"0.001","meter":"REQUESTS"}'),
  ('TIERED',   '{"model":"TIERED","currency":"EUR","meter":"REQUESTS","tiers":[{"upTo":1000,"unitPrice":"0"},{"upTo":4000,"unitPrice":"0.002"},{"upTo":null,"unitPrice":"0.001"}]}'),
  ('VOLUME',   '{"model":"VOLUME","currency":"USD","meter":"EVENTS","tiers":[{"upTo":500,"unitPrice":"0.01"},{"upTo":null,"unitPrice":"0.005"}]}');

insert into plan (id, api_id, name, auth, pricing, created_at)
select md5('plan' || a || p.model)::uuid, md5('api' || a)::uuid, initcap(p.model), 'API_KEY',
       p.pricing || '{"effectiveFrom":"2026-01-01"}', '2026-01-01'
from generate_series(1, :apis) a cross join bench_price p;

insert into plan_price (plan_id, effective_from, pricing)
select id, '2026-01-01', pricing from plan where api_id in (select md5('api' || a)::uuid from generate_series(1, :apis) a);
-- the per-unit price doubles from the 16th on
insert into plan_price (plan_id, effective_from, pricing)
select id, (:'month'::date + 15), jsonb_set(pricing, '{unitPrice}', '"0.002"') || jsonb_build_object('effectiveFrom', (:'month'::date + 15)::text)
from plan where name = 'Per_Unit' and api_id in (select md5('api' || a)::uuid from generate_series(1, :apis) a);

insert into organization (id, name)
select md5('org' || o)::uuid, 'Org ' || lpad(o::text, 4, '0') from generate_series(1, :orgs) o;

insert into application (id, organization_id, name)
select md5('app' || j)::uuid, md5('org' || ((j - 1) / 5 + 1))::uuid, 'app-' || lpad(j::text, 5, '0')
from generate_series(1, :orgs * 5) j;

create temporary table bench_subscription as
select row_number() over (order by j, k) - 1 as n, md5('sub' || j || '-' || k)::uuid as id, md5('app' || j)::uuid as application_id,
       md5('org' || ((j - 1) / 5 + 1))::uuid as organization_id, md5('api' || (1 + (j + k) % :apis))::uuid as api_id,
       md5('plan' || (1 + (j + k) % :apis) || (array['FREE','FLAT','PER_UNIT','TIERED','VOLUME'])[1 + (j * 3 + k) % 5])::uuid as plan_id,
       case when j % 20 = 0 then :'month'::timestamptz + interval '9 days 6 hours' else timestamptz '2026-01-01' end as started_at,
       case when j % 25 = 0 then :'month'::timestamptz + interval '20 days' end as ended_at
from generate_series(1, :orgs * 5) j cross join generate_series(0, 1) k;

insert into subscription (id, application_id, plan_id, status, created_at, updated_at, started_at, ended_at)
select id, application_id, plan_id, case when ended_at is null then 'ACTIVE' else 'CANCELLED' end,
       started_at, coalesce(ended_at, started_at), started_at, ended_at
from bench_subscription;
commit;

-- The records: spread evenly over the month, each to a subscription in turn.
select count(*) as subscriptions from bench_subscription \gset
insert into usage_record (id, occurred_at, kind, api_id, plan_id, application_id, organization_id, subscription_id, outcome,
                          billable, method, path, status, request_bytes, response_bytes, latency_micros, request_id, gateway_node)
select lpad(to_hex(g::bigint), 32, '0')::uuid,
       :'month'::timestamptz + (g - 1) * ((:'month'::date + interval '1 month') - :'month'::date) / :records,
       case when (g / :subscriptions) % 10 = 0 then 'EVENT' else 'CALL' end,
       s.api_id, s.plan_id, s.application_id, s.organization_id, s.id,
       case when g % 33 = 0 then 'REJECTED' else 'ACCEPTED' end, g % 33 <> 0,
       'GET', '/bench', case when g % 33 = 0 then 429 else 200 end, g % 700, (g::bigint * 7919) % 40000, 1500, null, 'bench'
from generate_series(1, :records) g
join bench_subscription s on s.n = g % :subscriptions;
analyze;
