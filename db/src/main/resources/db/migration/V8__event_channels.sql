-- Event APIs (issue 4, §1): the channels of an EVENT API, its event source, and plan permissions.

-- The one event source of an EVENT API: {"kind": "BUILTIN" | "KAFKA" | "RABBITMQ" | "MQTT", …the kind's
-- settings}. Null on an EVENT API means the built-in broker with its defaults; never set on a REST API.
alter table api add column event_source jsonb;
alter table api add constraint api_event_source_of_event_apis
    check (event_source is null
           or (type = 'EVENT' and jsonb_typeof(event_source) = 'object'
               and event_source ->> 'kind' in ('BUILTIN', 'KAFKA', 'RABBITMQ', 'MQTT')));

-- A channel of an EVENT API: its address as the document names it (a template such as
-- smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured), the path template below
-- the API's context the gateway serves it at, its parameters and messages (payload schemas as JSON),
-- and what consumers may do on it: SUBSCRIBE (receive its events) and/or PUBLISH (send events to it).
create table api_channel (
    id          uuid primary key,
    api_id      uuid not null references api (id) on delete cascade,
    name        text not null check (name <> ''),
    address     text not null,
    path        text not null check (path like '/%'),
    description text,
    parameters  jsonb not null default '[]' check (jsonb_typeof(parameters) = 'array'),
    messages    jsonb not null default '[]' check (jsonb_typeof(messages) = 'array'),
    directions  text[] not null default '{SUBSCRIBE}' check (directions <@ array['SUBSCRIBE', 'PUBLISH']),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    unique (api_id, name)
);

create index api_channel_api on api_channel (api_id);

create trigger api_channel_changed after insert or update or delete on api_channel
    for each statement execute function registry_changed();

-- What a plan lets its subscribers do on an event API's channels (V1 made the column; the values are
-- checked from now on).
alter table plan add constraint plan_permissions_known
    check (cardinality(permissions) > 0 and permissions <@ array['SUBSCRIBE', 'PUBLISH']);
