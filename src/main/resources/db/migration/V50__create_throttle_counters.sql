-- Counters for throttling (failed logins per account and per client address, registrations per
-- client address). They live in the database so that every replica sees the same counts.
-- A row counts the hits of one bucket until expires_at; after that the next hit starts afresh.
-- Numbered 50 so that the feature migrations (V2..V49) keep their place before it.
CREATE TABLE throttle_counters (
    bucket     VARCHAR(300) PRIMARY KEY,
    hits       INTEGER      NOT NULL CHECK (hits > 0),
    expires_at TIMESTAMPTZ  NOT NULL
);

-- The periodic clean-up deletes expired rows.
CREATE INDEX throttle_counters_expires_at ON throttle_counters (expires_at);
