-- REST operations, their required scopes, and imported specifications (issue 3, §1).

-- The document an API was imported from, kept as sent: its kind, the media type it came in, its text.
-- Not mapped on the Api entity, so that listing APIs and building gateway snapshots never load it.
alter table api add column spec_format text check (spec_format in ('OPENAPI', 'ASYNCAPI'));
alter table api add column spec_media_type text;
alter table api add column spec_document text;
alter table api add constraint api_spec_complete
    check ((spec_format is null) = (spec_document is null) and (spec_document is null) = (spec_media_type is null));

-- An operation of a REST API: a method and a path template below the API's context
-- (e.g. GET /pets/{petId}), and the OAuth scopes a token must carry to call it.
create table api_operation (
    id           uuid primary key,
    api_id       uuid not null references api (id) on delete cascade,
    method       text not null check (method in ('GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE')),
    path         text not null check (path like '/%'),
    operation_id text,
    summary      text,
    scopes       text[] not null default '{}',
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    unique (api_id, method, path),
    unique (api_id, operation_id)
);

create trigger api_operation_changed after insert or update or delete on api_operation
    for each statement execute function registry_changed();
