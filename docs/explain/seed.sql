-- Scratch data for docs/indexes.md: run after the migrations, in a throw-away schema.
-- 2,000 users (1 in 50 deactivated), 50,000 articles, 200 tags (skewed), ~145k article tags,
-- ~100k favorites, ~20k follows, 100k comments.
INSERT INTO users (email, username, password_hash, is_active)
SELECT 'u' || g || '@example.com', 'user' || g, 'x', g % 50 <> 0 FROM generate_series(1, 2000) g;
INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at)
SELECT 'article-' || g, 'Article ' || g, 'd', 'body', 1 + (g * 7919) % 2000,
       timestamptz '2024-01-01' + g * interval '1 minute', timestamptz '2024-01-01' + g * interval '1 minute'
FROM generate_series(1, 50000) g;
INSERT INTO tags (name) SELECT 'tag' || g FROM generate_series(1, 200) g;
-- three tags per article, skewed: low tag ids are popular
INSERT INTO article_tags (article_id, tag_id)
SELECT DISTINCT a.id, 1 + floor(power(random(), 3) * 200)::int
FROM articles a, generate_series(1, 3) ON CONFLICT DO NOTHING;
INSERT INTO favorites (user_id, article_id)
SELECT 1 + floor(random() * 2000)::int, 1 + floor(random() * 50000)::int
FROM generate_series(1, 100000) ON CONFLICT DO NOTHING;
INSERT INTO follows (follower_id, followed_id)
SELECT u, 1 + floor(random() * 2000)::int FROM generate_series(1, 2000) u, generate_series(1, 10)
ON CONFLICT DO NOTHING;
INSERT INTO comments (article_id, author_id, body, created_at, updated_at)
SELECT 1 + floor(random() * 50000)::int, 1 + floor(random() * 2000)::int, 'c', now(), now()
FROM generate_series(1, 100000);
ANALYZE;
