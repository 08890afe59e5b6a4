-- Lists cost what their page costs, whatever the size of the database (docs/database.md):
--  * counts kept as the data changes, in the same transaction, by the triggers below: the listed
--    articles of the site (site_counts), of each tag (tags.articles_count), of each author and
--    each user's listed favorites (user_counts), each article's favorites (article_counts);
--  * an article is listed while its author is active (articles.visible), and the tables a list
--    walks carry that flag and the article's date, so that each filter reads one partial index in
--    list order and stops after the page.
-- Every column below is derived: the triggers write it, whoever changes the data (the service, a
-- migration, SQL by hand). Where triggers were bypassed (session_replication_role = replica, bulk
-- loads), SELECT recount_listing() puts everything right again.
--
-- Lock order, so that concurrent writers queue instead of deadlocking:
--   1. the single row of site_counts, taken first by every statement that adds, removes or hides
--      articles or changes article tags (BEFORE STATEMENT triggers; ArticleService.update takes it
--      before it flushes a change of tags);
--   2. users rows (deactivation), then articles rows (favorites and unfavorites lock the article
--      first, without 1: they change no listed set but one user's favorites count);
--   3. tags rows, then user_counts rows, each in ascending id order within one statement.

ALTER TABLE articles ADD COLUMN visible BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE article_tags
    ADD COLUMN article_created_at TIMESTAMPTZ,
    ADD COLUMN visible            BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE favorites
    ADD COLUMN article_created_at TIMESTAMPTZ,
    ADD COLUMN visible            BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE tags ADD COLUMN articles_count INTEGER NOT NULL DEFAULT 0;

-- Kept apart from users, whose every update announces an account change (V52).
-- articles: everything the user wrote (listed while they are active); favorites: their favorites
-- of listed articles.
CREATE TABLE user_counts (
    user_id   BIGINT  PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    articles  INTEGER NOT NULL DEFAULT 0,
    favorites INTEGER NOT NULL DEFAULT 0
);

-- Kept apart from articles: a favorite rewrites a narrow row here, not the article's (its body
-- included), and leaves the articles' pages all-visible for the index-only scans of deep pages.
CREATE TABLE article_counts (
    article_id BIGINT  PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    favorites  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE site_counts (
    id       BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
    articles BIGINT  NOT NULL DEFAULT 0
);
INSERT INTO site_counts DEFAULT VALUES;

-- Derives every column above from the base data and writes those that differ. Takes locks that
-- keep writers out while it runs; readers go on.
CREATE FUNCTION recount_listing() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE site_counts, users, articles, article_tags, favorites, tags, user_counts,
    article_counts IN SHARE ROW EXCLUSIVE MODE;
  UPDATE articles a SET visible = u.is_active
    FROM users u WHERE u.id = a.author_id AND a.visible IS DISTINCT FROM u.is_active;
  UPDATE article_tags t SET article_created_at = a.created_at, visible = a.visible
    FROM articles a WHERE a.id = t.article_id
     AND (t.article_created_at, t.visible) IS DISTINCT FROM (a.created_at, a.visible);
  UPDATE favorites f SET article_created_at = a.created_at, visible = a.visible
    FROM articles a WHERE a.id = f.article_id
     AND (f.article_created_at, f.visible) IS DISTINCT FROM (a.created_at, a.visible);

  UPDATE site_counts SET articles = (SELECT count(*) FROM articles WHERE visible);
  UPDATE tags t SET articles_count = c.n
    FROM (SELECT t2.id, count(at.tag_id) AS n FROM tags t2
          LEFT JOIN article_tags at ON at.tag_id = t2.id AND at.visible GROUP BY t2.id) c
   WHERE c.id = t.id AND t.articles_count <> c.n;
  DELETE FROM article_counts c
   WHERE NOT EXISTS (SELECT 1 FROM favorites f WHERE f.article_id = c.article_id);
  INSERT INTO article_counts AS ac (article_id, favorites)
  SELECT article_id, count(*) FROM favorites GROUP BY article_id
  ON CONFLICT (article_id) DO UPDATE SET favorites = EXCLUDED.favorites
   WHERE ac.favorites <> EXCLUDED.favorites;
  INSERT INTO user_counts AS uc (user_id, articles, favorites)
  SELECT u.id, coalesce(w.n, 0), coalesce(f.n, 0)
    FROM users u
    LEFT JOIN (SELECT author_id, count(*) AS n FROM articles GROUP BY author_id) w
      ON w.author_id = u.id
    LEFT JOIN (SELECT user_id, count(*) AS n FROM favorites WHERE visible GROUP BY user_id) f
      ON f.user_id = u.id
   WHERE w.n IS NOT NULL OR f.n IS NOT NULL
      OR EXISTS (SELECT 1 FROM user_counts e WHERE e.user_id = u.id)
  ON CONFLICT (user_id) DO UPDATE SET articles = EXCLUDED.articles, favorites = EXCLUDED.favorites
   WHERE (uc.articles, uc.favorites) IS DISTINCT FROM (EXCLUDED.articles, EXCLUDED.favorites);
END
$$;

-- Existing data, before any trigger exists.
SELECT recount_listing();

ALTER TABLE article_tags ALTER COLUMN article_created_at SET NOT NULL;
ALTER TABLE favorites ALTER COLUMN article_created_at SET NOT NULL;

-- --- Lock 1 ------------------------------------------------------------------------------------
CREATE FUNCTION lock_listing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM site_counts FOR NO KEY UPDATE;
  RETURN NULL;
END
$$;

CREATE TRIGGER users_lock_listing BEFORE UPDATE OF is_active ON users
  FOR EACH STATEMENT EXECUTE FUNCTION lock_listing();
CREATE TRIGGER articles_lock_listing
  BEFORE INSERT OR DELETE OR UPDATE OF author_id, created_at, visible ON articles
  FOR EACH STATEMENT EXECUTE FUNCTION lock_listing();
CREATE TRIGGER article_tags_lock_listing BEFORE INSERT OR DELETE OR UPDATE ON article_tags
  FOR EACH STATEMENT EXECUTE FUNCTION lock_listing();

-- --- Derived columns, row by row ---------------------------------------------------------------
CREATE FUNCTION derive_article() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- No such author: the foreign key refuses the row once this returns.
  NEW.visible := coalesce((SELECT is_active FROM users WHERE id = NEW.author_id), NEW.visible);
  RETURN NEW;
END
$$;

CREATE TRIGGER articles_derive BEFORE INSERT OR UPDATE OF author_id, visible ON articles
  FOR EACH ROW EXECUTE FUNCTION derive_article();

-- For article_tags and favorites: the article's date and flag. A favorite locks its article, so
-- that it cannot race its hiding; a missing article is the foreign key's violation, as without
-- this trigger (the service answers 404 article).
CREATE FUNCTION derive_from_article() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'favorites' THEN
    SELECT created_at, visible INTO NEW.article_created_at, NEW.visible
      FROM articles WHERE id = NEW.article_id FOR NO KEY UPDATE;
  ELSE
    SELECT created_at, visible INTO NEW.article_created_at, NEW.visible
      FROM articles WHERE id = NEW.article_id;
  END IF;
  IF NOT FOUND THEN
    RAISE foreign_key_violation USING
      MESSAGE = format('insert or update on table "%s" violates foreign key constraint "%s_article_id_fkey"',
                       TG_TABLE_NAME, TG_TABLE_NAME),
      CONSTRAINT = TG_TABLE_NAME || '_article_id_fkey',
      TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER article_tags_derive
  BEFORE INSERT OR UPDATE OF article_id, article_created_at, visible ON article_tags
  FOR EACH ROW EXECUTE FUNCTION derive_from_article();
CREATE TRIGGER favorites_derive
  BEFORE INSERT OR UPDATE OF article_id, article_created_at, visible ON favorites
  FOR EACH ROW EXECUTE FUNCTION derive_from_article();

-- An author's activity decides whether their articles are listed.
CREATE FUNCTION propagate_activity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE articles SET visible = NEW.is_active
   WHERE author_id = NEW.id AND visible IS DISTINCT FROM NEW.is_active;
  RETURN NULL;
END
$$;

CREATE TRIGGER users_propagate_activity AFTER UPDATE OF is_active ON users
  FOR EACH ROW WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active)
  EXECUTE FUNCTION propagate_activity();

-- --- Counts, statement by statement ------------------------------------------------------------
-- Each function sees the statement's rows as deltas: +1 for a new row, -1 for an old one (an
-- update is both), and applies their sums. Only transition tables that exist for the event are
-- named, hence the text chosen by TG_OP.
CREATE FUNCTION transition_deltas(op text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE op
    WHEN 'INSERT' THEN 'SELECT *, 1 AS n FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT *, -1 AS n FROM old_rows'
    ELSE 'SELECT *, 1 AS n FROM new_rows UNION ALL SELECT *, -1 AS n FROM old_rows' END
$$;

CREATE FUNCTION count_articles() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas text := transition_deltas(TG_OP);
  listed bigint;
BEGIN
  EXECUTE format('SELECT coalesce(sum(n), 0) FROM (%s) d WHERE visible', deltas) INTO listed;
  IF listed <> 0 THEN
    UPDATE site_counts SET articles = articles + listed;
  END IF;
  EXECUTE format(
    'INSERT INTO user_counts AS c (user_id, articles)
     SELECT author_id, sum(n) FROM (%s) d GROUP BY author_id HAVING sum(n) <> 0 ORDER BY author_id
     ON CONFLICT (user_id) DO UPDATE SET articles = c.articles + EXCLUDED.articles', deltas);
  -- A new date or flag goes to the article's tags and favorites (and from there to their counts).
  -- Most updates change neither (a title, a body): nothing to look up then.
  IF TG_OP = 'UPDATE' THEN
    IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
                WHERE (n.created_at, n.visible) IS DISTINCT FROM (o.created_at, o.visible)) THEN
      UPDATE article_tags t SET article_created_at = n.created_at, visible = n.visible
        FROM new_rows n WHERE t.article_id = n.id
         AND (t.article_created_at, t.visible) IS DISTINCT FROM (n.created_at, n.visible);
      UPDATE favorites f SET article_created_at = n.created_at, visible = n.visible
        FROM new_rows n WHERE f.article_id = n.id
         AND (f.article_created_at, f.visible) IS DISTINCT FROM (n.created_at, n.visible);
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION count_article_tags() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas text := transition_deltas(TG_OP);
  ids bigint[];
BEGIN
  EXECUTE format(
    'SELECT coalesce(array_agg(tag_id ORDER BY tag_id), ''{}'') FROM
       (SELECT tag_id, sum(n) AS n FROM (%s) d WHERE visible GROUP BY tag_id HAVING sum(n) <> 0) d',
    deltas) INTO ids;
  IF cardinality(ids) = 0 THEN
    RETURN NULL;
  END IF;
  PERFORM 1 FROM tags WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
  EXECUTE format(
    'UPDATE tags t SET articles_count = t.articles_count + d.n
       FROM (SELECT tag_id, sum(n) AS n FROM (%s) d WHERE visible GROUP BY tag_id) d
      WHERE t.id = d.tag_id AND d.n <> 0', deltas);
  RETURN NULL;
END
$$;

CREATE FUNCTION count_favorites() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas text := transition_deltas(TG_OP);
BEGIN
  -- An article deleted by this statement's cascade has no count left to keep.
  EXECUTE format(
    'INSERT INTO article_counts AS c (article_id, favorites)
     SELECT article_id, sum(n) FROM (%s) d
      WHERE EXISTS (SELECT 1 FROM articles a WHERE a.id = d.article_id)
      GROUP BY article_id HAVING sum(n) <> 0 ORDER BY article_id
     ON CONFLICT (article_id) DO UPDATE SET favorites = c.favorites + EXCLUDED.favorites', deltas);
  EXECUTE format(
    'INSERT INTO user_counts AS c (user_id, favorites)
     SELECT user_id, sum(n) FROM (%s) d WHERE visible
      GROUP BY user_id HAVING sum(n) <> 0 ORDER BY user_id
     ON CONFLICT (user_id) DO UPDATE SET favorites = c.favorites + EXCLUDED.favorites', deltas);
  RETURN NULL;
END
$$;

CREATE TRIGGER articles_count_insert AFTER INSERT ON articles
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_articles();
CREATE TRIGGER articles_count_update AFTER UPDATE ON articles
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION count_articles();
CREATE TRIGGER articles_count_delete AFTER DELETE ON articles
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_articles();

CREATE TRIGGER article_tags_count_insert AFTER INSERT ON article_tags
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_article_tags();
CREATE TRIGGER article_tags_count_update AFTER UPDATE ON article_tags
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION count_article_tags();
CREATE TRIGGER article_tags_count_delete AFTER DELETE ON article_tags
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_article_tags();

CREATE TRIGGER favorites_count_insert AFTER INSERT ON favorites
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_favorites();
CREATE TRIGGER favorites_count_update AFTER UPDATE ON favorites
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION count_favorites();
CREATE TRIGGER favorites_count_delete AFTER DELETE ON favorites
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_favorites();

-- Emptying a table at once skips the row counts: start again from the data.
CREATE FUNCTION recount_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM recount_listing();
  RETURN NULL;
END
$$;

CREATE TRIGGER articles_recount AFTER TRUNCATE ON articles
  FOR EACH STATEMENT EXECUTE FUNCTION recount_after_truncate();
CREATE TRIGGER article_tags_recount AFTER TRUNCATE ON article_tags
  FOR EACH STATEMENT EXECUTE FUNCTION recount_after_truncate();
CREATE TRIGGER favorites_recount AFTER TRUNCATE ON favorites
  FOR EACH STATEMENT EXECUTE FUNCTION recount_after_truncate();

-- --- Indexes in list order, listed rows only ---------------------------------------------------
-- The site's list (replaces articles_created_idx).
DROP INDEX articles_created_idx;
CREATE INDEX articles_listed_idx ON articles (created_at DESC, id DESC) WHERE visible;
-- ?tag= (replaces article_tags_tag_idx, which counted).
DROP INDEX article_tags_tag_idx;
CREATE INDEX article_tags_listed_idx ON article_tags (tag_id, article_created_at DESC, article_id DESC)
  WHERE visible;
-- ?favorited=
CREATE INDEX favorites_listed_idx ON favorites (user_id, article_created_at DESC, article_id DESC)
  WHERE visible;
