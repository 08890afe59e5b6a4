-- Cached reads (the account behind a token, pages of the article list) stay correct across
-- replicas and across processes (administration commands, manual SQL): every committed change
-- they depend on is announced with NOTIFY on the channel 'conduit_<schema>', which each running
-- service LISTENs to (common/cache/DatabaseChanges). NOTIFY is transactional: listeners hear of
-- a change when it commits, never of one that rolls back. Payloads: 'user:<id>' for one account,
-- 'content' for anything an article list shows.

CREATE FUNCTION announce_account_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('conduit_' || TG_TABLE_SCHEMA, 'user:' || OLD.id);
  RETURN NULL;
END
$$;

CREATE FUNCTION announce_content_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Identical notifications of one transaction are delivered once.
  PERFORM pg_notify('conduit_' || TG_TABLE_SCHEMA, 'content');
  RETURN NULL;
END
$$;

CREATE TRIGGER users_announce_account AFTER UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION announce_account_change();

-- Lists show authors' profiles and hide deactivated authors, so account changes count too.
CREATE TRIGGER users_announce_content AFTER UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION announce_content_change();
CREATE TRIGGER articles_announce_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON articles
  FOR EACH STATEMENT EXECUTE FUNCTION announce_content_change();
CREATE TRIGGER article_tags_announce_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON article_tags
  FOR EACH STATEMENT EXECUTE FUNCTION announce_content_change();
CREATE TRIGGER tags_announce_content AFTER UPDATE OR DELETE OR TRUNCATE ON tags
  FOR EACH STATEMENT EXECUTE FUNCTION announce_content_change();
CREATE TRIGGER favorites_announce_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON favorites
  FOR EACH STATEMENT EXECUTE FUNCTION announce_content_change();
