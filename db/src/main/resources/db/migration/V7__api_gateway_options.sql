-- Per-API gateway options (issue 3, §2): the request header that carries API keys, how long the
-- gateway waits for a connection to the upstream (null: the gateway's default), and whether the
-- consumer's credential (key header, Authorization: Bearer) is forwarded to the upstream.
alter table api add column key_header text not null default 'X-API-Key' check (key_header <> '');
alter table api add column connect_timeout_ms integer check (connect_timeout_ms > 0);
alter table api add column forward_credentials boolean not null default false;
