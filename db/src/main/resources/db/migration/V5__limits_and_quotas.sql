-- Limits and quotas (issue 3, §3 and §4).

-- Application-level rate limits: windows across all of an application's subscriptions together.
alter table application add column rate_limits jsonb not null default '[]';

-- Backend protection: windows on all consumers of one API together, shielding its upstream.
create table api_backend_limit (
    api_id      uuid primary key references api (id) on delete cascade,
    rate_limits jsonb not null default '[]',
    updated_at  timestamptz not null default now()
);

create trigger api_backend_limit_changed after insert or update or delete on api_backend_limit
    for each statement execute function registry_changed();

-- Quota counters, exact across gateway nodes: one row per subscription (or keyless plan) and
-- calendar period (UTC), incremented with insert ... on conflict do update ... returning used.
create table quota_counter (
    subscription_id uuid not null,
    period_start    timestamptz not null,
    used            bigint not null,
    primary key (subscription_id, period_start)
);

-- A call let through past its quota on a plan that bills overage.
alter table usage_record add column overage boolean not null default false;
