-- Webhooks (issue 4, §3): endpoints registered on subscriptions; an outbox of deliveries that gateway
-- nodes claim with "for update skip locked" and a lease; every attempt, for developers to inspect.

-- A callback URL receiving a subscription's events on some channels. The signing secret (whsec_…)
-- is stored as issued, not hashed: the sender needs it to sign every delivery (docs/webhooks.md).
create table webhook_endpoint (
    id              uuid primary key,
    subscription_id uuid not null references subscription (id) on delete cascade,
    url             text not null,
    channels        text[] not null check (cardinality(channels) > 0),
    secret          text not null,
    status          text not null check (status in ('ENABLED', 'DISABLED')),
    disabled_reason text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);

create index webhook_endpoint_subscription on webhook_endpoint (subscription_id);

-- One event handed to webhooks. Its body is kept once, however many endpoints receive it.
create table webhook_message (
    id           uuid primary key,
    api_id       uuid not null,
    channel      text not null,
    event_id     text not null,
    content_type text not null,
    payload      bytea not null,
    created_at   timestamptz not null default now()
);

create index webhook_message_created on webhook_message (created_at);

-- One message to one endpoint. seq orders an endpoint's deliveries: a delivery is attempted only when
-- no earlier one of its endpoint is PENDING. A node owns a claimed delivery until lease_until; a
-- crashed node's claims expire and another node takes them. attempts counts every attempt,
-- round_attempts those since the delivery was (re)queued: the position in the retry schedule.
create table webhook_delivery (
    id              uuid primary key,
    seq             bigint generated always as identity unique,
    endpoint_id     uuid not null references webhook_endpoint (id) on delete cascade,
    message_id      uuid not null references webhook_message (id) on delete cascade,
    event_id        text not null,
    status          text not null check (status in ('PENDING', 'DELIVERED', 'DEAD_LETTER', 'CANCELLED')),
    attempts        integer not null default 0,
    round_attempts  integer not null default 0,
    next_attempt_at timestamptz not null,
    lease_token     uuid,
    lease_until     timestamptz,
    last_status     integer,
    last_error      text,
    created_at      timestamptz not null default now(),
    finished_at     timestamptz,
    unique (endpoint_id, event_id)
);

create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_line on webhook_delivery (endpoint_id, seq) where status = 'PENDING';
create index webhook_delivery_endpoint on webhook_delivery (endpoint_id, seq);
create index webhook_delivery_message on webhook_delivery (message_id);

-- One HTTP attempt of a delivery: its answer (status) or why there was none (error), and how long it took.
create table webhook_attempt (
    id              bigint generated always as identity primary key,
    delivery_id     uuid not null references webhook_delivery (id) on delete cascade,
    attempted_at    timestamptz not null,
    duration_ms     integer not null,
    response_status integer,
    error           text,
    outcome         text not null check (outcome in ('DELIVERED', 'FAILED', 'GONE')),
    gateway_node    text
);

create index webhook_attempt_delivery on webhook_attempt (delivery_id, id);
