-- Combined filters cost what a single one costs (docs/database.md, "Combined filters"): every
-- combination of ?tag=, ?author= and ?favorited= is one list of its own, read from one partial
-- index in list order, and counted by a kept count, like the single filters of V54:
--
--   tag and author                  article_tags  (tag_id, author_id, date)
--   author and favorited            favorites     (user_id, author_id, date)
--   tag and favorited               favorite_tags (user_id, tag_id, date)
--   tag, author and favorited       favorite_tags (user_id, tag_id, author_id, date)
--
-- Walking one filter's list and probing the others per row costs as many rows as that list holds
-- (a tag on a fifth of the articles and an author of a tenth: 441 ms at a million articles).
--
-- So article_tags and favorites also carry the article's author, and favorite_tags holds one row
-- per favorite and tag of the favorited article, with the article's author, date and flag. The
-- counts of every combination live in combination_counts, keyed by the favoriting user, the tag
-- and the author, 0 standing for "any". All of it is derived, like V54's columns: triggers keep it
-- in the same transaction as every change, and recount_listing() derives it anew after a bulk
-- load.
--
-- Lock order (V54's, continued): combination_counts rows come last, in ascending key order within
-- one statement; a statement that changes article tags locks the article first, as a favorite
-- does, so that a favorite and a change of the article's tags see each other's rows.

ALTER TABLE article_tags ADD COLUMN author_id BIGINT;
ALTER TABLE favorites ADD COLUMN author_id BIGINT;
-- The feed: its count adds up the listed articles of each followed author (one row each, without
-- looking at the author's account), and a reader of prolific authors walks the site's list,
-- keeping their articles by the author in the index (an index-only walk).
ALTER TABLE user_counts ADD COLUMN listed_articles INTEGER NOT NULL DEFAULT 0;
DROP INDEX articles_listed_idx;
CREATE INDEX articles_listed_idx ON articles (created_at DESC, id DESC) INCLUDE (author_id)
  WHERE visible;

CREATE TABLE favorite_tags (
    user_id            BIGINT      NOT NULL,
    article_id         BIGINT      NOT NULL,
    tag_id             BIGINT      NOT NULL,
    author_id          BIGINT      NOT NULL,
    article_created_at TIMESTAMPTZ NOT NULL,
    visible            BOOLEAN     NOT NULL,
    CONSTRAINT favorite_tags_pkey PRIMARY KEY (user_id, article_id, tag_id)
);

-- Listed articles of a combination of two or three filters: 0 in a key column is "any".
CREATE TABLE combination_counts (
    user_id   BIGINT  NOT NULL,
    tag_id    BIGINT  NOT NULL,
    author_id BIGINT  NOT NULL,
    articles  INTEGER NOT NULL,
    CONSTRAINT combination_counts_pkey PRIMARY KEY (user_id, tag_id, author_id)
);

CREATE OR REPLACE FUNCTION recount_listing() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE site_counts, users, articles, article_tags, favorites, favorite_tags, tags,
    user_counts, article_counts, combination_counts IN SHARE ROW EXCLUSIVE MODE;
  UPDATE articles a SET visible = u.is_active
    FROM users u WHERE u.id = a.author_id AND a.visible IS DISTINCT FROM u.is_active;
  UPDATE article_tags t
     SET article_created_at = a.created_at, visible = a.visible, author_id = a.author_id
    FROM articles a WHERE a.id = t.article_id
     AND (t.article_created_at, t.visible, t.author_id)
         IS DISTINCT FROM (a.created_at, a.visible, a.author_id);
  UPDATE favorites f
     SET article_created_at = a.created_at, visible = a.visible, author_id = a.author_id
    FROM articles a WHERE a.id = f.article_id
     AND (f.article_created_at, f.visible, f.author_id)
         IS DISTINCT FROM (a.created_at, a.visible, a.author_id);
  DELETE FROM favorite_tags ft
   WHERE NOT EXISTS (SELECT 1 FROM favorites f JOIN article_tags t ON t.article_id = f.article_id
                      WHERE f.user_id = ft.user_id AND f.article_id = ft.article_id
                        AND t.tag_id = ft.tag_id);
  INSERT INTO favorite_tags AS ft
    (user_id, article_id, tag_id, author_id, article_created_at, visible)
  SELECT f.user_id, f.article_id, t.tag_id, f.author_id, f.article_created_at, f.visible
    FROM favorites f JOIN article_tags t ON t.article_id = f.article_id
  ON CONFLICT (user_id, article_id, tag_id) DO UPDATE
     SET author_id = EXCLUDED.author_id, article_created_at = EXCLUDED.article_created_at,
         visible = EXCLUDED.visible
   WHERE (ft.author_id, ft.article_created_at, ft.visible)
         IS DISTINCT FROM (EXCLUDED.author_id, EXCLUDED.article_created_at, EXCLUDED.visible);

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
  INSERT INTO user_counts AS uc (user_id, articles, listed_articles, favorites)
  SELECT u.id, coalesce(w.n, 0), coalesce(w.listed, 0), coalesce(f.n, 0)
    FROM users u
    LEFT JOIN (SELECT author_id, count(*) AS n, count(*) FILTER (WHERE visible) AS listed
                 FROM articles GROUP BY author_id) w
      ON w.author_id = u.id
    LEFT JOIN (SELECT user_id, count(*) AS n FROM favorites WHERE visible GROUP BY user_id) f
      ON f.user_id = u.id
   WHERE w.n IS NOT NULL OR f.n IS NOT NULL
      OR EXISTS (SELECT 1 FROM user_counts e WHERE e.user_id = u.id)
  ON CONFLICT (user_id) DO UPDATE
     SET articles = EXCLUDED.articles, listed_articles = EXCLUDED.listed_articles,
         favorites = EXCLUDED.favorites
   WHERE (uc.articles, uc.listed_articles, uc.favorites)
         IS DISTINCT FROM (EXCLUDED.articles, EXCLUDED.listed_articles, EXCLUDED.favorites);

  WITH recounted AS (
    SELECT 0::bigint AS user_id, tag_id, author_id, count(*)::int AS articles
      FROM article_tags WHERE visible GROUP BY tag_id, author_id
    UNION ALL
    SELECT user_id, 0, author_id, count(*) FROM favorites WHERE visible GROUP BY user_id, author_id
    UNION ALL
    SELECT user_id, tag_id, 0, count(*) FROM favorite_tags WHERE visible GROUP BY user_id, tag_id
    UNION ALL
    SELECT user_id, tag_id, author_id, count(*) FROM favorite_tags WHERE visible
     GROUP BY user_id, tag_id, author_id
  ), gone AS (
    DELETE FROM combination_counts c
     WHERE NOT EXISTS (SELECT 1 FROM recounted r
                        WHERE (r.user_id, r.tag_id, r.author_id) = (c.user_id, c.tag_id, c.author_id))
  )
  INSERT INTO combination_counts AS c (user_id, tag_id, author_id, articles)
  SELECT user_id, tag_id, author_id, articles FROM recounted
  ON CONFLICT (user_id, tag_id, author_id) DO UPDATE SET articles = EXCLUDED.articles
   WHERE c.articles <> EXCLUDED.articles;
END
$$;

-- Existing data, before the triggers below exist. The new columns stay nullable: a bulk load with
-- triggers off inserts the base columns only, and recount_listing() derives the rest.
SELECT recount_listing();

-- --- Derived columns, row by row ---------------------------------------------------------------
-- The article's date, flag and author; the article is locked, so that a favorite and a change of
-- the article's tags, which each copy the other's rows into favorite_tags, come one after the
-- other (each statement of the second then sees the first's rows).
CREATE OR REPLACE FUNCTION derive_from_article() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT created_at, visible, author_id INTO NEW.article_created_at, NEW.visible, NEW.author_id
    FROM articles WHERE id = NEW.article_id FOR NO KEY UPDATE;
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

DROP TRIGGER article_tags_derive ON article_tags;
CREATE TRIGGER article_tags_derive
  BEFORE INSERT OR UPDATE OF article_id, article_created_at, visible, author_id ON article_tags
  FOR EACH ROW EXECUTE FUNCTION derive_from_article();
DROP TRIGGER favorites_derive ON favorites;
CREATE TRIGGER favorites_derive
  BEFORE INSERT OR UPDATE OF article_id, article_created_at, visible, author_id ON favorites
  FOR EACH ROW EXECUTE FUNCTION derive_from_article();

-- V54's, with the author's listed articles counted too, and the author passed on as the date and
-- the flag are.
CREATE OR REPLACE FUNCTION count_articles() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas text := transition_deltas(TG_OP);
  listed bigint;
BEGIN
  EXECUTE format('SELECT coalesce(sum(n), 0) FROM (%s) d WHERE visible', deltas) INTO listed;
  IF listed <> 0 THEN
    UPDATE site_counts SET articles = articles + listed;
  END IF;
  EXECUTE format(
    'INSERT INTO user_counts AS c (user_id, articles, listed_articles)
     SELECT author_id, sum(n), coalesce(sum(n) FILTER (WHERE visible), 0) FROM (%s) d
      GROUP BY author_id
     HAVING sum(n) <> 0 OR coalesce(sum(n) FILTER (WHERE visible), 0) <> 0 ORDER BY author_id
     ON CONFLICT (user_id) DO UPDATE SET articles = c.articles + EXCLUDED.articles,
       listed_articles = c.listed_articles + EXCLUDED.listed_articles', deltas);
  IF TG_OP = 'UPDATE' THEN
    IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
                WHERE (n.created_at, n.visible, n.author_id)
                      IS DISTINCT FROM (o.created_at, o.visible, o.author_id)) THEN
      UPDATE article_tags t
         SET article_created_at = n.created_at, visible = n.visible, author_id = n.author_id
        FROM new_rows n WHERE t.article_id = n.id
         AND (t.article_created_at, t.visible, t.author_id)
             IS DISTINCT FROM (n.created_at, n.visible, n.author_id);
      UPDATE favorites f
         SET article_created_at = n.created_at, visible = n.visible, author_id = n.author_id
        FROM new_rows n WHERE f.article_id = n.id
         AND (f.article_created_at, f.visible, f.author_id)
             IS DISTINCT FROM (n.created_at, n.visible, n.author_id);
    END IF;
  END IF;
  RETURN NULL;
END
$$;

-- favorite_tags follows favorites: a favorite brings a row per tag of its article; a changed date,
-- flag or author is copied; an unfavorite takes its rows away.
CREATE FUNCTION spread_favorites() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Transition tables exist for their events only: each statement names those of its event.
  IF TG_OP = 'DELETE' THEN
    DELETE FROM favorite_tags ft USING old_rows o
     WHERE ft.user_id = o.user_id AND ft.article_id = o.article_id;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM favorite_tags ft
     USING (SELECT user_id, article_id FROM old_rows
            EXCEPT SELECT user_id, article_id FROM new_rows) o
     WHERE ft.user_id = o.user_id AND ft.article_id = o.article_id;
  END IF;
  INSERT INTO favorite_tags AS ft
    (user_id, article_id, tag_id, author_id, article_created_at, visible)
  SELECT n.user_id, n.article_id, t.tag_id, n.author_id, n.article_created_at, n.visible
    FROM new_rows n JOIN article_tags t ON t.article_id = n.article_id
   ORDER BY 1, 2, 3
  ON CONFLICT (user_id, article_id, tag_id) DO UPDATE
     SET author_id = EXCLUDED.author_id, article_created_at = EXCLUDED.article_created_at,
         visible = EXCLUDED.visible
   WHERE (ft.author_id, ft.article_created_at, ft.visible)
         IS DISTINCT FROM (EXCLUDED.author_id, EXCLUDED.article_created_at, EXCLUDED.visible);
  RETURN NULL;
END
$$;

CREATE TRIGGER favorites_spread_insert AFTER INSERT ON favorites
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION spread_favorites();
CREATE TRIGGER favorites_spread_update AFTER UPDATE ON favorites
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION spread_favorites();
CREATE TRIGGER favorites_spread_delete AFTER DELETE ON favorites
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION spread_favorites();

-- ... and article_tags: a tag added to or taken from a favorited article adds or takes the rows of
-- its favorites. A new date or flag reaches favorite_tags through favorites, not from here.
CREATE FUNCTION spread_article_tags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM favorite_tags ft USING old_rows o, favorites f
     WHERE f.article_id = o.article_id
       AND ft.user_id = f.user_id AND ft.article_id = o.article_id AND ft.tag_id = o.tag_id;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO favorite_tags (user_id, article_id, tag_id, author_id, article_created_at, visible)
    SELECT f.user_id, f.article_id, n.tag_id, f.author_id, f.article_created_at, f.visible
      FROM new_rows n JOIN favorites f ON f.article_id = n.article_id
     ORDER BY 1, 2, 3
    ON CONFLICT (user_id, article_id, tag_id) DO NOTHING;
  ELSE
    -- Only pairs that changed: a new date or flag comes through favorites.
    DELETE FROM favorite_tags ft
     USING (SELECT article_id, tag_id FROM old_rows
            EXCEPT SELECT article_id, tag_id FROM new_rows) o, favorites f
     WHERE f.article_id = o.article_id
       AND ft.user_id = f.user_id AND ft.article_id = o.article_id AND ft.tag_id = o.tag_id;
    INSERT INTO favorite_tags (user_id, article_id, tag_id, author_id, article_created_at, visible)
    SELECT f.user_id, f.article_id, n.tag_id, f.author_id, f.article_created_at, f.visible
      FROM (SELECT article_id, tag_id FROM new_rows
            EXCEPT SELECT article_id, tag_id FROM old_rows) n
      JOIN favorites f ON f.article_id = n.article_id
     ORDER BY 1, 2, 3
    ON CONFLICT (user_id, article_id, tag_id) DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER article_tags_spread_insert AFTER INSERT ON article_tags
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION spread_article_tags();
CREATE TRIGGER article_tags_spread_update AFTER UPDATE ON article_tags
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION spread_article_tags();
CREATE TRIGGER article_tags_spread_delete AFTER DELETE ON article_tags
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION spread_article_tags();

-- --- Counts, statement by statement ------------------------------------------------------------
-- The statement that applies the sums of a statement's deltas (the text of a query with the
-- columns user_id, tag_id, author_id, n and visible) to combination_counts, in key order. Executed
-- by the trigger functions themselves: only they see their transition tables.
CREATE FUNCTION add_combinations(deltas text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
    'INSERT INTO combination_counts AS c (user_id, tag_id, author_id, articles)
     SELECT user_id, tag_id, author_id, sum(n) FROM (%s) d WHERE visible
      GROUP BY user_id, tag_id, author_id HAVING sum(n) <> 0 ORDER BY user_id, tag_id, author_id
     ON CONFLICT (user_id, tag_id, author_id) DO UPDATE SET articles = c.articles + EXCLUDED.articles',
    deltas)
$$;

-- V54's, plus the counts of tag and author.
CREATE OR REPLACE FUNCTION count_article_tags() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas text := transition_deltas(TG_OP);
  ids bigint[];
BEGIN
  EXECUTE format(
    'SELECT coalesce(array_agg(tag_id ORDER BY tag_id), ''{}'') FROM
       (SELECT tag_id, sum(n) AS n FROM (%s) d WHERE visible GROUP BY tag_id HAVING sum(n) <> 0) d',
    deltas) INTO ids;
  IF cardinality(ids) > 0 THEN
    PERFORM 1 FROM tags WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
    EXECUTE format(
      'UPDATE tags t SET articles_count = t.articles_count + d.n
         FROM (SELECT tag_id, sum(n) AS n FROM (%s) d WHERE visible GROUP BY tag_id) d
        WHERE t.id = d.tag_id AND d.n <> 0', deltas);
  END IF;
  EXECUTE add_combinations(format(
    'SELECT 0::bigint AS user_id, tag_id, author_id, n, visible FROM (%s) d', deltas));
  RETURN NULL;
END
$$;

-- V54's, plus the counts of author and favoriting user.
CREATE OR REPLACE FUNCTION count_favorites() RETURNS trigger LANGUAGE plpgsql AS $$
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
  EXECUTE add_combinations(format(
    'SELECT user_id, 0::bigint AS tag_id, author_id, n, visible FROM (%s) d', deltas));
  RETURN NULL;
END
$$;

-- Tag and favoriting user, with and without the author: both in one statement, in key order.
CREATE FUNCTION count_favorite_tags() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas text := transition_deltas(TG_OP);
BEGIN
  EXECUTE add_combinations(format(
    'SELECT user_id, tag_id, 0::bigint AS author_id, n, visible FROM (%1$s) d
     UNION ALL SELECT user_id, tag_id, author_id, n, visible FROM (%1$s) d', deltas));
  RETURN NULL;
END
$$;

CREATE TRIGGER favorite_tags_count_insert AFTER INSERT ON favorite_tags
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_favorite_tags();
CREATE TRIGGER favorite_tags_count_update AFTER UPDATE ON favorite_tags
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION count_favorite_tags();
CREATE TRIGGER favorite_tags_count_delete AFTER DELETE ON favorite_tags
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_favorite_tags();
CREATE TRIGGER favorite_tags_recount AFTER TRUNCATE ON favorite_tags
  FOR EACH STATEMENT EXECUTE FUNCTION recount_after_truncate();

-- Changed by hand (not by the triggers above): the cached pages may be wrong (as V60).
CREATE TRIGGER favorite_tags_announce_content
  AFTER INSERT OR UPDATE OR DELETE ON favorite_tags
  FOR EACH STATEMENT WHEN (pg_trigger_depth() < 1) EXECUTE FUNCTION announce_content_change();
CREATE TRIGGER combination_counts_announce_content
  AFTER INSERT OR UPDATE OR DELETE ON combination_counts
  FOR EACH STATEMENT WHEN (pg_trigger_depth() < 1) EXECUTE FUNCTION announce_content_change();
CREATE TRIGGER combination_counts_announce_truncate
  AFTER TRUNCATE ON combination_counts
  FOR EACH STATEMENT EXECUTE FUNCTION announce_content_change();

-- --- Indexes in list order, listed rows only ---------------------------------------------------
CREATE INDEX article_tags_author_listed_idx
  ON article_tags (tag_id, author_id, article_created_at DESC, article_id DESC) WHERE visible;
CREATE INDEX favorites_author_listed_idx
  ON favorites (user_id, author_id, article_created_at DESC, article_id DESC) WHERE visible;
CREATE INDEX favorite_tags_listed_idx
  ON favorite_tags (user_id, tag_id, article_created_at DESC, article_id DESC) WHERE visible;
CREATE INDEX favorite_tags_author_listed_idx
  ON favorite_tags (user_id, tag_id, author_id, article_created_at DESC, article_id DESC)
  WHERE visible;

-- As V57: the visibility map current, for the index-only scans of deep pages.
ALTER TABLE favorite_tags SET (
    autovacuum_vacuum_insert_threshold = 1000, autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0);
