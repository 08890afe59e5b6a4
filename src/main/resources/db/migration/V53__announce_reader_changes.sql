-- A signed-in reader's favorites and follows are kept in memory (article/ReaderFlags), for the
-- favorited and following flags of the pages they read. Every committed change to them is
-- announced as 'reader:<user id>' on the channel of V52, whoever made it; emptying either table
-- at once announces 'readers', which the service takes as a change to everything.

CREATE FUNCTION announce_favoriter_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Favorites are never updated, only added and removed; an update would announce both users.
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('conduit_' || TG_TABLE_SCHEMA, 'reader:' || NEW.user_id);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('conduit_' || TG_TABLE_SCHEMA, 'reader:' || OLD.user_id);
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION announce_follower_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('conduit_' || TG_TABLE_SCHEMA, 'reader:' || NEW.follower_id);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('conduit_' || TG_TABLE_SCHEMA, 'reader:' || OLD.follower_id);
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION announce_readers_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('conduit_' || TG_TABLE_SCHEMA, 'readers');
  RETURN NULL;
END
$$;

CREATE TRIGGER favorites_announce_reader AFTER INSERT OR UPDATE OR DELETE ON favorites
  FOR EACH ROW EXECUTE FUNCTION announce_favoriter_change();
CREATE TRIGGER follows_announce_reader AFTER INSERT OR UPDATE OR DELETE ON follows
  FOR EACH ROW EXECUTE FUNCTION announce_follower_change();
CREATE TRIGGER favorites_announce_readers AFTER TRUNCATE ON favorites
  FOR EACH STATEMENT EXECUTE FUNCTION announce_readers_change();
CREATE TRIGGER follows_announce_readers AFTER TRUNCATE ON follows
  FOR EACH STATEMENT EXECUTE FUNCTION announce_readers_change();
