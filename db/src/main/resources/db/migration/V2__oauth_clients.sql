-- OAuth clients: an application's client-credentials identity at the built-in authorization server.
-- The secret is kept only as a hash; the gateway maps a token's client id to the application.

create table oauth_client (
    application_id uuid primary key references application (id) on delete cascade,
    client_id      text not null unique,
    secret_hash    text not null,
    created_at     timestamptz not null default now(),
    rotated_at     timestamptz
);

create trigger oauth_client_changed after insert or update or delete on oauth_client
    for each statement execute function registry_changed();
