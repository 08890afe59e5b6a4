-- The counts kept by V54 are read by cached pages (article_counts, user_counts, site_counts). The
-- triggers that keep them run inside a change that is already announced (V52, V53, V55), so only a
-- change made to them directly, by an operator's statement or recount_listing(), needs announcing:
-- pg_trigger_depth() is 0 then, and 1 or more inside those triggers, which keeps a favorite's
-- announcement about its own article (V55) rather than about every page.
CREATE TRIGGER article_counts_announce_content
  AFTER INSERT OR UPDATE OR DELETE ON article_counts
  FOR EACH STATEMENT WHEN (pg_trigger_depth() < 1) EXECUTE FUNCTION announce_content_change();
CREATE TRIGGER user_counts_announce_content
  AFTER INSERT OR UPDATE OR DELETE ON user_counts
  FOR EACH STATEMENT WHEN (pg_trigger_depth() < 1) EXECUTE FUNCTION announce_content_change();
CREATE TRIGGER site_counts_announce_content
  AFTER INSERT OR UPDATE OR DELETE ON site_counts
  FOR EACH STATEMENT WHEN (pg_trigger_depth() < 1) EXECUTE FUNCTION announce_content_change();
CREATE TRIGGER article_counts_announce_truncate
  AFTER TRUNCATE ON article_counts
  FOR EACH STATEMENT EXECUTE FUNCTION announce_content_change();
CREATE TRIGGER user_counts_announce_truncate
  AFTER TRUNCATE ON user_counts
  FOR EACH STATEMENT EXECUTE FUNCTION announce_content_change();
CREATE TRIGGER site_counts_announce_truncate
  AFTER TRUNCATE ON site_counts
  FOR EACH STATEMENT EXECUTE FUNCTION announce_content_change();
