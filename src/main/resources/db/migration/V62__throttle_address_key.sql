-- The key the throttle hashes client addresses with (login_addresses, bucket names) unless
-- CONDUIT_THROTTLE_ADDRESS_KEY gives one: 32 random bytes made here once and shared by every
-- replica. It used to be derived from the token secret, so rotating that secret (the answer to a
-- leaked one) forgot every known address and restarted every bucket (docs/hardening.md,
-- "Throttling"). gen_random_uuid() is PostgreSQL's own (13 and later): two of them give 244
-- random bits.
CREATE TABLE throttle_key (
  only_one BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_one),
  key      BYTEA   NOT NULL CHECK (octet_length(key) = 32)
);
INSERT INTO throttle_key (key)
  VALUES (decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));

-- Hashes made with the old key match no address any more: known addresses are learnt again at the
-- next sign-in, and address buckets restart (at most an hour of counts).
DELETE FROM login_addresses;
DELETE FROM throttle_counters WHERE bucket LIKE '%:address:%' OR bucket LIKE 'login:account-address:%';
