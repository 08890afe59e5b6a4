-- Administration (README, "Administration"): the last login of each account, the audit log of
-- every administrative action, and the indexes the admin's searches use.

ALTER TABLE users ADD COLUMN last_login TIMESTAMPTZ;

-- V52 announced every update of users, as an account change and as a change of every list. A
-- login now writes last_login, and a password change the hash: neither changes what a token's
-- account check or a list reads, so only the columns they read are announced.
DROP TRIGGER users_announce_account ON users;
DROP TRIGGER users_announce_content ON users;
CREATE TRIGGER users_announce_account
  AFTER UPDATE OF email, username, bio, image, token_version, is_active, is_staff, is_superuser
     OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION announce_account_change();
CREATE TRIGGER users_announce_content
  AFTER UPDATE OF username, bio, image, is_active OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION announce_content_change();

-- Who did what to whom, and why. The service only ever adds rows: an update or a delete is
-- refused here, whoever tries (an operator who must can drop the trigger, which is itself a
-- visible act).
CREATE TABLE admin_audit (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    actor_id BIGINT       REFERENCES users (id),
    actor    VARCHAR(100) NOT NULL,
    action   VARCHAR(50)  NOT NULL,
    target   VARCHAR(400) NOT NULL,
    reason   VARCHAR(1000),
    CONSTRAINT admin_audit_actor_not_blank CHECK (actor <> ''),
    CONSTRAINT admin_audit_reason_null_not_empty CHECK (reason <> '')
);

CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'admin_audit is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER admin_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON admin_audit
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

-- Searches by the start of an email or a username, whatever the database's collation.
CREATE INDEX users_email_prefix_idx ON users (lower(email) text_pattern_ops);
CREATE INDEX users_username_prefix_idx ON users (lower(username) text_pattern_ops);
-- An account's comments, newest first (its page in the admin site, its count in the list).
CREATE INDEX comments_author_idx ON comments (author_id, created_at DESC, id DESC);
