-- Tokens carry the account's token version; bumping it (password change, deactivation) revokes
-- every token issued before.
ALTER TABLE users ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0;
