-- OAUTH2 plans may trust an external OpenID Connect provider instead of the built-in authorization
-- server: { "issuer", "audience", "clientClaim", "jwksUri" }. Null means the built-in issuer.
-- The plan table already carries the registry_changed() trigger (V1).

alter table plan add column oauth jsonb;
