-- Limits on the streams of an EVENT API's plan (issue 4, §4): the most connections (SSE and WebSocket
-- together) one subscription may hold open, and what happens to an event past the plan's rate limit.
-- {"maxConnections": 5, "overRateLimit": "DROP" | "HOLD"}; null: unlimited connections, DROP.
alter table plan add column streams jsonb;
