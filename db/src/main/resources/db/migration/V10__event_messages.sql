-- The built-in event source (issue 4): events published to an EVENT API's channels, kept for the
-- API's retention so that consumers can catch up (SSE Last-Event-ID). id is the ordering key: it
-- grows with every insert, so one stream (an API's concrete channel path) reads "id > last seen".
create table event_message (
    id           bigint generated always as identity primary key,
    api_id       uuid not null,
    channel      text not null,
    channel_path text not null,
    parameters   jsonb not null default '{}'::jsonb,
    content_type text not null,
    payload      bytea not null,
    published_at timestamptz not null default now()
);

create index event_message_stream on event_message (api_id, channel_path, id);
create index event_message_published on event_message (api_id, published_at);

-- Wakes the gateways that stream the API's channels (payload: the API's id); they read the new rows.
create function event_message_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('gatehouse_events', new.api_id::text);
    return null;
end;
$$;

create trigger event_message_published after insert on event_message
    for each row execute function event_message_notify();
