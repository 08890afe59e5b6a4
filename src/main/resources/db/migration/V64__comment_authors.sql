-- Comments carry what a thread shows of their author: username, bio, image, and whether the
-- author is active (comments of deactivated authors are not shown). Triggers keep the copies in
-- the transaction that changes the account, so a thread of any length is read from one index range
-- of one table (docs/database.md, "Comments"). Joined to users instead, a hot thread of 5,000
-- comments looked up 5,000 distinct authors one by one (most of its 25 ms at a million articles).
-- Nullable, like V63's derived columns, so that a bulk load with triggers off works;
-- recount_listing() fills them.
ALTER TABLE comments
  ADD COLUMN author_username VARCHAR(40),
  ADD COLUMN author_bio      TEXT,
  ADD COLUMN author_image    VARCHAR(2048),
  ADD COLUMN visible         BOOLEAN;

-- A new comment copies its author's profile, the author locked FOR SHARE: a concurrent change of
-- the profile (FOR NO KEY UPDATE or FOR UPDATE) waits for this comment's transaction, and then
-- its own update of the author's comments sees this one.
CREATE FUNCTION derive_comment_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT username, bio, image, is_active
    INTO NEW.author_username, NEW.author_bio, NEW.author_image, NEW.visible
    FROM users WHERE id = NEW.author_id FOR SHARE;
  -- No such author: the foreign key refuses the row once this returns.
  RETURN NEW;
END
$$;

CREATE TRIGGER comments_derive
  BEFORE INSERT OR UPDATE OF author_id, author_username, author_bio, author_image, visible
  ON comments FOR EACH ROW EXECUTE FUNCTION derive_comment_author();

-- A changed profile or activity reaches every comment of the account (a rare write: one row per
-- comment the account has written).
CREATE FUNCTION propagate_comment_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE comments
     SET author_username = NEW.username, author_bio = NEW.bio, author_image = NEW.image,
         visible = NEW.is_active
   WHERE author_id = NEW.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER users_propagate_comment_author AFTER UPDATE OF username, bio, image, is_active ON users
  FOR EACH ROW
  WHEN ((OLD.username, OLD.bio, OLD.image, OLD.is_active)
        IS DISTINCT FROM (NEW.username, NEW.bio, NEW.image, NEW.is_active))
  EXECUTE FUNCTION propagate_comment_author();

-- recount_listing() derives these too: V63's, then the comments' authors.
ALTER FUNCTION recount_listing() RENAME TO recount_listing_v63;

CREATE FUNCTION recount_listing() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM recount_listing_v63();
  UPDATE comments c
     SET author_username = u.username, author_bio = u.bio, author_image = u.image,
         visible = u.is_active
    FROM users u
   WHERE u.id = c.author_id
     AND (c.author_username, c.author_bio, c.author_image, c.visible)
         IS DISTINCT FROM (u.username, u.bio, u.image, u.is_active);
END
$$;

UPDATE comments c
   SET author_username = u.username, author_bio = u.bio, author_image = u.image,
       visible = u.is_active
  FROM users u
 WHERE u.id = c.author_id;
