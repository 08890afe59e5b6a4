-- Scratch data for bench/run.sh and bench/scale.sh, loaded after Flyway made the schema and the
-- API registered the runner. psql variables: users, articles, hash (a real bcrypt hash of the
-- bench password, copied from the runner's registration), runner (the runner's id), and
-- optionally deactivate (N: every Nth user is deactivated; 0, the default: nobody).
-- Users bench1..bench<users> who all log in with the bench password; articles with three tags
-- each out of 100 (low numbers popular), about five favorites each, a comment on every tenth;
-- every user follows about ten others; the runner follows 50 authors and has favorited every
-- seventh article.
-- Rows go in with triggers off (session_replication_role = replica: a bulk load, as docs/database.md
-- describes); recount_listing() then derives what the triggers would have
-- kept, so the database is as consistent as one the service wrote. Sizes up to millions of
-- articles: ids and products are bigint.
\if :{?deactivate}
\else
\set deactivate 0
\endif
SET session_replication_role = replica;

INSERT INTO users (email, username, password_hash, is_active)
SELECT 'bench' || g || '@example.com', 'bench' || g, :'hash', :deactivate = 0 OR g % :deactivate <> 0
FROM generate_series(1, :users) g;
SELECT min(id) AS first FROM users WHERE username LIKE 'bench%' \gset

INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at)
SELECT 'bench-article-' || g, 'Bench article ' || g, 'What bench article ' || g || ' is about',
       repeat('Lorem ipsum dolor sit amet. ', 40), :first + (g::bigint * 7919) % :users,
       timestamptz '2025-01-01' + g * interval '1 minute',
       timestamptz '2025-01-01' + g * interval '1 minute'
FROM generate_series(1, :articles) g;

-- Three distinct tags per article: the first drawn with low numbers popular (tag1 on about a
-- fifth of the articles), the second 1-49 and the third 50-99 places after it.
INSERT INTO tags (name) SELECT 'tag' || g FROM generate_series(1, 100) g;
INSERT INTO article_tags (article_id, tag_id, article_created_at)
SELECT d.id, t.id, d.created_at
FROM (SELECT a.id, a.created_at, 1 + floor(power(random(), 3) * 100)::int AS first,
             1 + floor(random() * 49)::int AS second, 50 + floor(random() * 50)::int AS third
      FROM articles a) d
CROSS JOIN LATERAL (VALUES (d.first), (1 + (d.first - 1 + d.second) % 100),
                           (1 + (d.first - 1 + d.third) % 100)) n(n)
JOIN tags t ON t.name = 'tag' || n.n;

INSERT INTO favorites (user_id, article_id, article_created_at)
SELECT :first + floor(random() * :users)::bigint, a.id, a.created_at
FROM articles a, generate_series(1, 5)
ON CONFLICT DO NOTHING;
INSERT INTO favorites (user_id, article_id, article_created_at)
SELECT :runner, id, created_at FROM articles WHERE id % 7 = 0
ON CONFLICT DO NOTHING;

INSERT INTO comments (article_id, author_id, body, created_at, updated_at)
SELECT a.id, :first + floor(random() * :users)::bigint, 'A comment on bench article ' || a.id,
       a.created_at + interval '1 hour', a.created_at + interval '1 hour'
FROM articles a WHERE a.id % 10 = 0;

INSERT INTO follows (follower_id, followed_id)
SELECT u.id, :first + floor(random() * :users)::bigint
FROM users u, generate_series(1, 10)
WHERE u.id <> :runner
ON CONFLICT DO NOTHING;
INSERT INTO follows (follower_id, followed_id)
SELECT :runner, :first + g * (:users / 50) FROM generate_series(0, 49) g
ON CONFLICT DO NOTHING;

SELECT recount_listing();
SET session_replication_role = origin;

-- What autovacuum would have done by now on a live database: statistics, and the visibility map
-- that lets index-only scans skip the table.
VACUUM ANALYZE;
