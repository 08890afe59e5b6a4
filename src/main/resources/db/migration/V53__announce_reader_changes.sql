-- A signed-in reader's favorites and follows are kept in memory (article/ReaderFlags), for the
-- favorited and following flags of the pages they read. Every committed change to them is
-- announced as 'reader:<user id>' on the channel of V52, whoever made it; emptying either table
-- at once announces 'readers', which the service takes as a change to everything.

-- TG_ARGV[0] names the column that holds the reader: the user who favorites, the follower. Rows
-- are only added and removed; an update would announce the reader before and after.
CREATE FUNCTION announce_reader_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('conduit_' || TG_TABLE_SCHEMA, 'reader:' || (to_jsonb(NEW) ->> TG_ARGV[0]));
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('conduit_' || TG_TABLE_SCHEMA, 'reader:' || (to_jsonb(OLD) ->> TG_ARGV[0]));
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
  FOR EACH ROW EXECUTE FUNCTION announce_reader_change('user_id');
CREATE TRIGGER follows_announce_reader AFTER INSERT OR UPDATE OR DELETE ON follows
  FOR EACH ROW EXECUTE FUNCTION announce_reader_change('follower_id');
CREATE TRIGGER favorites_announce_readers AFTER TRUNCATE ON favorites
  FOR EACH STATEMENT EXECUTE FUNCTION announce_readers_change();
CREATE TRIGGER follows_announce_readers AFTER TRUNCATE ON follows
  FOR EACH STATEMENT EXECUTE FUNCTION announce_readers_change();
