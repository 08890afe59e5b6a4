-- A password change revokes every token issued before it (token_version goes up) except the one
-- that made the change, as Django's update_session_auth_hash keeps the session that changed it:
-- kept_token is the SHA-256 of that token (never the token itself). A deactivation clears it.
ALTER TABLE users ADD COLUMN kept_token BYTEA;

-- The token check reads the column from the account cache: a change of it is an account change.
DROP TRIGGER users_announce_account ON users;
CREATE TRIGGER users_announce_account
  AFTER UPDATE OF email, username, bio, image, token_version, kept_token, is_active, is_staff,
     is_superuser
     OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION announce_account_change();
