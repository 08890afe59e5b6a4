-- The client addresses each account has signed in from (README, "Throttling"): for 30 days after
-- a sign-in, its address is not refused by the account-wide bound that strangers' failures fill,
-- so nobody can lock the owner out from elsewhere. Only a keyed hash of the address is kept
-- (HMAC-SHA-256 with a key derived from the token secret, 16 bytes), never the address.
CREATE TABLE login_addresses (
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  address_hash BYTEA NOT NULL,
  last_success TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (user_id, address_hash)
);
CREATE INDEX login_addresses_last_success ON login_addresses (last_success);

-- Bucket names hold the same hash instead of the address from now on; the old buckets expire by
-- themselves within the hour, but need not wait.
DELETE FROM throttle_counters WHERE bucket LIKE '%:address:%';
