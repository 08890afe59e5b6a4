-- Who favorited which article. The primary key is the unique pair and serves "what did X
-- favorite" (?favorited=); the second index serves the counts and `favorited` flags of a page of
-- articles (index-only) and the cascade when an article is deleted.
CREATE TABLE favorites (
    user_id    BIGINT      NOT NULL REFERENCES users (id),
    article_id BIGINT      NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT favorites_pkey PRIMARY KEY (user_id, article_id)
);

CREATE INDEX favorites_article_idx ON favorites (article_id, user_id);
