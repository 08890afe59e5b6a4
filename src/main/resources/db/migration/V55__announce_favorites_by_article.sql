-- A favorite changes one article's favorites count and the lists of favorites, not every list: it
-- is announced as 'favorites:<article id>' rather than 'content' (V52), so that the service keeps
-- the pages that do not show that article (article/ArticleListCache). A statement that touches
-- more than 100 articles announces 'content' instead, as V52 did. TRUNCATE still announces
-- 'content'.

DROP TRIGGER favorites_announce_content ON favorites;

CREATE FUNCTION announce_favorites_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  articles bigint[];
  article bigint;
BEGIN
  EXECUTE format('SELECT array_agg(DISTINCT article_id) FROM (%s) d', transition_deltas(TG_OP))
    INTO articles;
  IF cardinality(articles) > 100 THEN
    PERFORM pg_notify('conduit_' || TG_TABLE_SCHEMA, 'content');
  ELSIF articles IS NOT NULL THEN
    FOREACH article IN ARRAY articles LOOP
      PERFORM pg_notify('conduit_' || TG_TABLE_SCHEMA, 'favorites:' || article);
    END LOOP;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER favorites_announce_insert AFTER INSERT ON favorites
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION announce_favorites_change();
CREATE TRIGGER favorites_announce_update AFTER UPDATE ON favorites
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION announce_favorites_change();
CREATE TRIGGER favorites_announce_delete AFTER DELETE ON favorites
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION announce_favorites_change();
CREATE TRIGGER favorites_announce_truncate AFTER TRUNCATE ON favorites
  FOR EACH STATEMENT EXECUTE FUNCTION announce_content_change();
