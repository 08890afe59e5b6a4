-- Account recovery (docs/account-recovery.md): one row per password-reset link sent. The link's
-- token is 32 random bytes; only their SHA-256 is kept, so a copy of this table opens no account.
-- A link works once, within its validity (counted from created_at on the database's clock), while
-- the account still has the email it went to and the token version it had (a password change or a
-- deactivation raises it), and until a newer link for the same account supersedes it.
CREATE TABLE password_resets (
  token_hash    BYTEA        PRIMARY KEY,
  user_id       BIGINT       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  email         VARCHAR(254) NOT NULL,
  token_version INTEGER      NOT NULL,
  created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
  used_at       TIMESTAMPTZ,
  superseded_at TIMESTAMPTZ,
  CONSTRAINT password_resets_hash_length CHECK (octet_length(token_hash) = 32)
);
-- A new link supersedes the account's earlier ones; the clean-up deletes old rows.
CREATE INDEX password_resets_user_idx ON password_resets (user_id);
CREATE INDEX password_resets_created_idx ON password_resets (created_at);
