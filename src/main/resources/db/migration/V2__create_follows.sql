-- Who follows whom. The primary key is the unique pair; it also serves "whom does X follow"
-- (the feed, the `following` flag), which always starts from the follower. Users are never
-- deleted, so no index on followed_id is needed for the foreign key.
CREATE TABLE follows (
    follower_id BIGINT      NOT NULL REFERENCES users (id),
    followed_id BIGINT      NOT NULL REFERENCES users (id),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT follows_pkey PRIMARY KEY (follower_id, followed_id)
);
