-- The registry: what publishers and developers manage, and what the gateway snapshot is built from.

create table console_user (
    id              uuid primary key,
    username        text not null unique,
    password_hash   text not null,
    roles           text[] not null,
    organization_id uuid,
    created_at      timestamptz not null default now()
);

create table api (
    id          uuid primary key,
    name        text not null,
    version     text not null,
    context     text not null unique,
    type        text not null check (type in ('REST', 'EVENT')),
    upstream    text,
    description text,
    state       text not null check (state in ('DRAFT', 'PUBLISHED', 'DEPRECATED', 'RETIRED')),
    timeout_ms  integer,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table plan (
    id          uuid primary key,
    api_id      uuid not null references api (id) on delete cascade,
    name        text not null,
    auth        text not null check (auth in ('API_KEY', 'OAUTH2', 'KEYLESS')),
    rate_limits jsonb not null default '[]',
    quota       jsonb,
    approval    text not null default 'AUTO' check (approval in ('AUTO', 'MANUAL')),
    permissions text[] not null default '{SUBSCRIBE}',
    pricing     jsonb not null default '{"model":"FREE"}',
    state       text not null default 'OPEN' check (state in ('OPEN', 'CLOSED')),
    created_at  timestamptz not null default now(),
    unique (api_id, name)
);

create table organization (
    id         uuid primary key,
    name       text not null unique,
    created_at timestamptz not null default now()
);

alter table console_user add foreign key (organization_id) references organization (id);

create table application (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    name            text not null,
    created_at      timestamptz not null default now(),
    unique (organization_id, name)
);

create table api_key (
    id             uuid primary key,
    application_id uuid not null references application (id) on delete cascade,
    name           text not null,
    prefix         text not null,
    key_hash       text not null unique,
    expires_at     timestamptz,
    revoked_at     timestamptz,
    created_at     timestamptz not null default now()
);

create table subscription (
    id             uuid primary key,
    application_id uuid not null references application (id),
    plan_id        uuid not null references plan (id),
    status         text not null check (status in ('PENDING', 'ACTIVE', 'SUSPENDED', 'REJECTED', 'CANCELLED')),
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);

create unique index subscription_one_live_per_plan
    on subscription (application_id, plan_id)
    where status in ('PENDING', 'ACTIVE', 'SUSPENDED');

-- Change notification: every write to a table the gateway snapshot reads bumps one version and
-- notifies listeners on channel 'gatehouse_registry' with the new version as payload.

create table registry_version (
    singleton boolean primary key default true check (singleton),
    version   bigint  not null
);
insert into registry_version (version) values (1);

create function registry_changed() returns trigger language plpgsql as $$
declare
    new_version bigint;
begin
    update registry_version set version = version + 1 returning version into new_version;
    perform pg_notify('gatehouse_registry', new_version::text);
    return null;
end;
$$;

create trigger api_changed after insert or update or delete on api
    for each statement execute function registry_changed();
create trigger plan_changed after insert or update or delete on plan
    for each statement execute function registry_changed();
create trigger application_changed after insert or update or delete on application
    for each statement execute function registry_changed();
create trigger api_key_changed after insert or update or delete on api_key
    for each statement execute function registry_changed();
create trigger subscription_changed after insert or update or delete on subscription
    for each statement execute function registry_changed();

-- The usage ledger: one row per call or delivered event, written by gateways idempotently on id.

create table usage_record (
    id              uuid primary key,
    occurred_at     timestamptz not null,
    kind            text not null check (kind in ('CALL', 'EVENT')),
    api_id          uuid not null,
    plan_id         uuid,
    application_id  uuid,
    organization_id uuid,
    subscription_id uuid,
    outcome         text not null,
    billable        boolean not null,
    method          text,
    path            text,
    status          integer not null,
    request_bytes   bigint not null default 0,
    response_bytes  bigint not null default 0,
    latency_micros  bigint not null default 0,
    request_id      text,
    gateway_node    text
);

create index usage_record_time on usage_record (occurred_at);
create index usage_record_api_app_time on usage_record (api_id, application_id, occurred_at);
