-- Which article carries which tag. The primary key serves "the tags of these articles" (every
-- page of articles); the second index serves "the articles with this tag" (?tag=).
CREATE TABLE article_tags (
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id     BIGINT NOT NULL REFERENCES tags (id),
    CONSTRAINT article_tags_pkey PRIMARY KEY (article_id, tag_id)
);

CREATE INDEX article_tags_tag_idx ON article_tags (tag_id, article_id);
