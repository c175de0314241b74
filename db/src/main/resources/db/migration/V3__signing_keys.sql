-- Signing keys of the built-in OAuth2 authorization server. Exactly one key is active (retired_at is
-- null) and signs new tokens; a retired key stays published in the JWKS until every token it signed
-- has expired. Keys are DER-encoded: the public key as X.509 SubjectPublicKeyInfo, the private key as
-- PKCS#8. Gateways may read the public keys to verify tokens, hence the registry trigger.

create table signing_key (
    kid          text primary key,
    algorithm    text not null check (algorithm in ('RS256', 'ES256')),
    public_key   bytea not null,
    private_key  bytea not null,
    created_at   timestamptz not null default now(),
    activated_at timestamptz not null,
    retired_at   timestamptz
);

create unique index signing_key_one_active on signing_key ((true)) where retired_at is null;

create trigger signing_key_changed after insert or update or delete on signing_key
    for each statement execute function registry_changed();
