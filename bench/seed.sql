-- Scratch data for bench/run.sh, loaded after Flyway made the schema and the API registered the
-- runner. psql variables: users, articles, hash (a real bcrypt hash of the bench password, copied
-- from the runner's registration), runner (the runner's id).
-- Users bench1..bench<users> who all log in with the bench password; articles with tags,
-- favorites and follows; the runner follows 50 authors and has favorited some articles.
INSERT INTO users (email, username, password_hash)
SELECT 'bench' || g || '@example.com', 'bench' || g, :'hash' FROM generate_series(1, :users) g;
SELECT min(id) AS first FROM users WHERE username LIKE 'bench%' \gset

INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at)
SELECT 'bench-article-' || g, 'Bench article ' || g, 'What bench article ' || g || ' is about',
       repeat('Lorem ipsum dolor sit amet. ', 40), :first + (g * 7919) % :users,
       timestamptz '2025-01-01' + g * interval '1 minute',
       timestamptz '2025-01-01' + g * interval '1 minute'
FROM generate_series(1, :articles) g;

INSERT INTO tags (name) SELECT 'tag' || g FROM generate_series(1, 100) g;
-- Three draws per article (up to three tags), low tag numbers popular. random() sits in the
-- subquery's select list so that every row draws its own: in the join condition it was drawn
-- once, and every article got the same single tag.
INSERT INTO article_tags (article_id, tag_id)
SELECT d.article_id, t.id
FROM (SELECT a.id AS article_id, 1 + floor(power(random(), 3) * 100)::int AS n
      FROM articles a, generate_series(1, 3)) d
JOIN tags t ON t.name = 'tag' || d.n
ON CONFLICT DO NOTHING;

INSERT INTO favorites (user_id, article_id)
SELECT :first + floor(random() * :users)::int, a.id
FROM articles a, generate_series(1, 5)
ON CONFLICT DO NOTHING;
INSERT INTO favorites (user_id, article_id)
SELECT :runner, id FROM articles WHERE id % 7 = 0
ON CONFLICT DO NOTHING;

INSERT INTO follows (follower_id, followed_id)
SELECT u.id, :first + floor(random() * :users)::int
FROM users u, generate_series(1, 10)
WHERE u.id <> :runner
ON CONFLICT DO NOTHING;
INSERT INTO follows (follower_id, followed_id)
SELECT :runner, :first + g * (:users / 50) FROM generate_series(0, 49) g
ON CONFLICT DO NOTHING;

-- What autovacuum would have done by now on a live database: statistics, and the visibility map
-- that lets the counts use index-only scans (without it the global count reads the whole table).
VACUUM ANALYZE;
