-- The skewed data shape of bench/scale.sh (schema conduit_skewed_<size>): the same base rows as
-- bench/seed.sql, but drawn from power laws, as a real site's are: a few authors, tags, readers and
-- articles hold much of the data, and a long tail holds little. Loaded after Flyway made the schema
-- and the API registered the runner. psql variables as seed.sql's: users, articles, hash (the
-- runner's bcrypt hash: every bench user logs in with the bench password), runner (the runner's
-- id), optionally deactivate (every Nth user deactivated, never bench1..bench10; 0, the default:
-- nobody), and seed (for setseed(), default 0.28: the same seed gives the same rows).
--
-- At N articles and U = N/10 users (figures for N = 1,000,000). A "Zipf law with offset c over
-- ranks lo..hi" draws rank lo + floor(c * ((hi - lo + 1 + c) / c)^v - c), v uniform in [0, 1):
-- rank k comes about in proportion to 1/(k - lo + c), a long tail; c is solved below so that the
-- head keeps its share at every size.
--  * users: bench1..bench<U>, password the runner's; every 100th deactivated (never bench1..10).
--  * authors: bench<k> is the k-th most prolific author. An article's author is bench1 with
--    probability 1/10, bench2 with 1/20, otherwise the Zipf law over ranks 3..A, A = 2U/5
--    (40,000), c such that bench3 writes ~1/30; bench<A> writes about 2 articles and
--    bench<A+1>..bench<U> none.
--  * tags: k tags per article, k uniform in 1..5 (3 on average; distinct, so a little fewer). The
--    first is tag1 with probability 1/2 on bench1's articles and 1/6 on the others' (tag1 on ~1/5
--    of all articles, on half of bench1's); the second is tag-anti with probability 1/8 on
--    articles not by bench1 (~9% of all, none of bench1's); every other is drawn by the Zipf law
--    over tag2..tag<T>, T = N/25 (40,000, nearly all in use), c such that tag2 is on ~1/10.
--  * favorites: the runner favorites each article of bench1 and each carrying tag1 with
--    probability 1/2, every other with 1/10 (~1/5 of all articles). Then 3N draws of a reader and
--    an article, duplicates dropped (~2.8 favorites per article more, ~3 in all): the reader of
--    rank by the Zipf law over 1..U with c = 7 (the first few ~20,000 to 30,000 favorites each,
--    rank 1,000 ~300, the tail a few), the article of rank by the Zipf law over 1..N with c = 100
--    (the first ~2,000 favorites each, a third of the articles none); the ranks are random
--    permutations of the users and of the articles.
--  * follows: the runner follows bench1, bench2 and N/1000 - 2 other authors at random (1,000 in
--    all); bench3 follows bench2 and N/200 - 1 other authors at random, never bench1 (5,000 in
--    all); every other user follows 5 to 15 authors (10 on average), each bench1 with probability
--    1/25, bench2 with 1/40, otherwise drawn by the authors' law (bench1 followed by about a
--    third of the users, bench2 by a fifth).
--  * comments: the three most favorited articles have the slugs hot-thread-1..3 (every other is
--    bench-article-<n>, n its creation order) and N/200 comments each (5,000), ten seconds apart;
--    N/10 more on random articles; bodies of 110 to 190 characters (150 on average).
--  * articles: one minute apart from 2025-01-01, title, description and body as in seed.sql.
-- Rows go in with triggers off and recount_listing() then derives every derived column and kept
-- count, as in seed.sql. The last query prints the shape.
\if :{?deactivate}
\else
\set deactivate 0
\endif
\if :{?seed}
\else
\set seed 0.28
\endif
SET session_replication_role = replica;
-- Reproducible: every random() in this one process, over rows in one order.
SET max_parallel_workers_per_gather = 0;
SET synchronize_seqscans = off;
SET work_mem = '256MB';
SELECT setseed(:seed) \gset

SELECT greatest(3, :users * 2 / 5) AS authors, greatest(100, :articles / 25) AS tag_ranks,
       :articles * 3 AS draws, greatest(10, :articles / 200) AS thread,
       least(greatest(3, :articles / 1000), greatest(3, :users * 2 / 5) - 1) AS runner_follows,
       least(greatest(3, :articles / 200), greatest(3, :users * 2 / 5) - 2) AS wide_follows
\gset
-- Zipf laws with an offset c: rank lo + floor(c * ((hi - lo + 1 + c) / c)^v - c), v uniform in
-- [0, 1), gives rank k of lo..hi the share ln((k - lo + 1 + c) / (k - lo + c)) / ln((hi - lo + 1 + c) / c)
-- (about proportional to 1/k). The authors' c gives bench3 ~1/30 of all articles, the tags' c
-- gives tag2 ~1/10 of the articles, at every size (c ~2 at a million).
SELECT (SELECT c / 10.0 FROM generate_series(1, 2000) c
         ORDER BY abs(ln(1 + 10.0 / c) / ln((:authors - 2 + c / 10.0) / (c / 10.0)) - 0.039) LIMIT 1) AS author_c,
       (SELECT c / 10.0 FROM generate_series(1, 2000) c
         ORDER BY abs(ln(1 + 10.0 / c) / ln((:tag_ranks - 1 + c / 10.0) / (c / 10.0)) - 0.04) LIMIT 1) AS tag_c
\gset
\set lorem 'Thanks for writing this up. I tried the second approach on our staging setup and it held for a week, but the migration step still needs a lock we cannot take at noon. Did you measure it on a larger table? Same here, though the numbers moved once we changed the pool size, so I am not sure the index is the whole story. '

INSERT INTO users (email, username, password_hash, is_active)
SELECT 'bench' || g || '@example.com', 'bench' || g, :'hash',
       :deactivate = 0 OR g <= 10 OR g % :deactivate <> 0
FROM generate_series(1, :users) g;
SELECT min(id) AS first, max(id) - min(id) + 1 = :users AS dense FROM users WHERE username LIKE 'bench%' \gset
\if :dense
\else
DO $$ BEGIN RAISE EXCEPTION 'bench users are not numbered densely: this file needs a fresh schema'; END $$;
\endif

-- Popularity ranks, random permutations: reader rank -> user, article rank -> creation order.
CREATE TEMP TABLE reader_rank AS
SELECT row_number() OVER (ORDER BY random(), g) AS rank, :first + g - 1 AS user_id
FROM generate_series(1, :users) g;
CREATE UNIQUE INDEX ON reader_rank (rank);
CREATE TEMP TABLE article_rank AS
SELECT row_number() OVER (ORDER BY random(), g) AS rank, g FROM generate_series(1, :articles) g;
CREATE UNIQUE INDEX ON article_rank (rank);

INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at)
SELECT 'bench-article-' || g, 'Bench article ' || g, 'What bench article ' || g || ' is about',
       repeat('Lorem ipsum dolor sit amet. ', 40),
       :first - 1 + CASE WHEN u < 0.10 THEN 1 WHEN u < 0.15 THEN 2
                         ELSE 3 + floor(:author_c * ((:authors - 2 + :author_c) / :author_c::float8) ^ random() - :author_c)::int END,
       timestamptz '2025-01-01' + g * interval '1 minute',
       timestamptz '2025-01-01' + g * interval '1 minute'
FROM (SELECT g, random() AS u FROM generate_series(1, :articles) g) d
ORDER BY g;
SELECT min(id) AS a0, max(id) - min(id) + 1 = :articles AS dense FROM articles \gset
\if :dense
\else
DO $$ BEGIN RAISE EXCEPTION 'articles are not numbered densely: this file needs a fresh schema'; END $$;
\endif
UPDATE articles a SET slug = 'hot-thread-' || r.rank, title = 'Hot thread ' || r.rank
FROM article_rank r WHERE r.rank <= 3 AND a.id = :a0 + r.g - 1;

INSERT INTO tags (name) SELECT 'tag' || g FROM generate_series(1, :tag_ranks) g;
INSERT INTO tags (name) VALUES ('tag-anti');
SELECT id AS tag1 FROM tags WHERE name = 'tag1' \gset

INSERT INTO article_tags (article_id, tag_id, article_created_at)
SELECT DISTINCT x.id, t.id, x.created_at
FROM (SELECT a.id, a.created_at,
             CASE WHEN s = 1 AND a.r1 < CASE WHEN a.by1 THEN 1 / 2.0 ELSE 1 / 6.0 END THEN 'tag1'
                  WHEN s = 2 AND NOT a.by1 AND a.r2 < 1 / 8.0 THEN 'tag-anti'
                  ELSE 'tag' || (2 + floor(:tag_c * ((:tag_ranks - 1 + :tag_c) / :tag_c::float8) ^ random() - :tag_c)::int) END AS name
      FROM (SELECT id, created_at, author_id = :first AS by1, 1 + floor(random() * 5)::int AS k,
                   random() AS r1, random() AS r2
            FROM articles ORDER BY id) a
      CROSS JOIN LATERAL generate_series(1, a.k) s) x
JOIN tags t ON t.name = x.name
ORDER BY x.id, t.id;

INSERT INTO favorites (user_id, article_id, article_created_at)
SELECT :runner, a.id, a.created_at
FROM (SELECT id, created_at, author_id FROM articles ORDER BY id) a
WHERE random() < CASE WHEN a.author_id = :first
                        OR EXISTS (SELECT 1 FROM article_tags t
                                    WHERE t.article_id = a.id AND t.tag_id = :tag1)
                      THEN 1 / 2.0 ELSE 1 / 10.0 END;
INSERT INTO favorites (user_id, article_id, article_created_at)
SELECT DISTINCT r.user_id, a.id, a.created_at
FROM (SELECT n, 1 + floor(7 * ((:users + 7) / 7.0::float8) ^ random() - 7)::int AS reader,
             1 + floor(100 * ((:articles + 100) / 100.0::float8) ^ random() - 100)::int AS pop
      FROM generate_series(1, :draws) n) d
JOIN reader_rank r ON r.rank = d.reader
JOIN article_rank p ON p.rank = d.pop
JOIN articles a ON a.id = :a0 + p.g - 1
ORDER BY r.user_id, a.id;

INSERT INTO follows (follower_id, followed_id)
SELECT :runner, :first + k - 1
FROM (SELECT k FROM generate_series(1, 2) k
      UNION ALL
      (SELECT k FROM generate_series(3, :authors) k ORDER BY random(), k LIMIT :runner_follows - 2)) f;
INSERT INTO follows (follower_id, followed_id)
SELECT :first + 2, :first + k - 1
FROM (SELECT 2 AS k
      UNION ALL
      (SELECT k FROM generate_series(4, :authors) k ORDER BY random(), k LIMIT :wide_follows - 1)) f;
INSERT INTO follows (follower_id, followed_id)
SELECT DISTINCT d.follower, :first - 1 + d.rank
FROM (SELECT u.follower,
             CASE WHEN v < 1 / 25.0 THEN 1 WHEN v < 1 / 25.0 + 1 / 40.0 THEN 2
                  ELSE 3 + floor(:author_c * ((:authors - 2 + :author_c) / :author_c::float8) ^ random() - :author_c)::int END AS rank
      FROM (SELECT :first + g - 1 AS follower, 5 + floor(random() * 11)::int AS k
            FROM generate_series(1, :users) g WHERE g <> 3) u
      CROSS JOIN LATERAL (SELECT random() AS v FROM generate_series(1, u.k)) s) d
WHERE d.follower <> :first - 1 + d.rank
ORDER BY 1, 2;

INSERT INTO comments (article_id, author_id, body, created_at, updated_at)
SELECT a.id, :first + floor(random() * :users)::int,
       substr(:'lorem', 1 + floor(random() * 120)::int, 110 + floor(random() * 81)::int),
       a.created_at + c * interval '10 seconds', a.created_at + c * interval '10 seconds'
FROM (SELECT id, created_at FROM articles WHERE slug LIKE 'hot-thread-%' ORDER BY slug) a
CROSS JOIN generate_series(1, :thread) c;
INSERT INTO comments (article_id, author_id, body, created_at, updated_at)
SELECT a.id, d.author, d.body, a.created_at + d.after, a.created_at + d.after
FROM (SELECT n, :a0 + floor(random() * :articles)::bigint AS article,
             :first + floor(random() * :users)::int AS author,
             substr(:'lorem', 1 + floor(random() * 120)::int, 110 + floor(random() * 81)::int) AS body,
             random() * interval '3 days' AS after
      FROM generate_series(1, :articles / 10) n) d
JOIN articles a ON a.id = d.article;

DO $$ BEGIN PERFORM recount_listing(); END $$;
SET session_replication_role = origin;

-- What autovacuum would have done by now on a live database, for this schema's tables only.
SELECT string_agg(format('%I.%I', schemaname, relname), ', ') AS tables
FROM pg_stat_user_tables WHERE schemaname = current_schema() \gset
VACUUM ANALYZE :tables;

\pset footer off
\x on
SELECT (SELECT count(*) FROM articles) AS articles,
       (SELECT count(*) FROM users WHERE username LIKE 'bench%') AS bench_users,
       (SELECT count(*) FROM users WHERE NOT is_active) AS deactivated,
       (SELECT count(DISTINCT author_id) FROM articles) AS authors,
       (SELECT count(*) FROM articles WHERE author_id = :first) AS articles_of_bench1,
       (SELECT count(*) FROM articles WHERE author_id = :first + 1) AS articles_of_bench2,
       (SELECT count(*) FROM articles WHERE author_id = :first + 2) AS articles_of_bench3,
       (SELECT count(*) FROM article_tags WHERE tag_id = :tag1) AS tag1,
       (SELECT count(*) FROM article_tags t JOIN articles a ON a.id = t.article_id
         WHERE t.tag_id = :tag1 AND a.author_id = :first) AS tag1_of_bench1,
       (SELECT count(*) FROM article_tags t JOIN tags g ON g.id = t.tag_id
         WHERE g.name = 'tag2') AS tag2,
       (SELECT count(*) FROM article_tags t JOIN tags g ON g.id = t.tag_id
         WHERE g.name = 'tag-anti') AS tag_anti,
       (SELECT count(*) FROM article_tags t JOIN tags g ON g.id = t.tag_id
          JOIN articles a ON a.id = t.article_id
         WHERE g.name = 'tag-anti' AND a.author_id = :first) AS tag_anti_of_bench1,
       (SELECT count(DISTINCT tag_id) FROM article_tags) AS tags_in_use,
       (SELECT round(count(*)::numeric / :articles, 2) FROM article_tags) AS tags_per_article,
       (SELECT round(count(*)::numeric / :articles, 2) FROM favorites) AS favorites_per_article,
       (SELECT count(*) FROM favorites WHERE user_id = :runner) AS favorites_of_runner,
       (SELECT count(*) FROM favorites f JOIN articles a ON a.id = f.article_id
         WHERE f.user_id = :runner AND a.author_id = :first) AS runner_favorites_of_bench1,
       (SELECT count(*) FROM favorites f JOIN article_tags t ON t.article_id = f.article_id
         WHERE f.user_id = :runner AND t.tag_id = :tag1) AS runner_favorites_with_tag1,
       (SELECT string_agg(n::text, ' ' ORDER BY n DESC) FROM
         (SELECT count(*) AS n FROM favorites WHERE user_id <> :runner GROUP BY user_id
           ORDER BY n DESC LIMIT 5) t) AS top_readers_favorites,
       (SELECT count(DISTINCT user_id) FROM favorites) AS readers_with_favorites,
       (SELECT string_agg(favorites::text, ' ' ORDER BY favorites DESC) FROM
         (SELECT favorites FROM article_counts ORDER BY favorites DESC LIMIT 5) t) AS top_articles_favorites,
       (SELECT count(*) FROM article_counts WHERE favorites > 0) AS articles_with_favorites,
       (SELECT count(*) FROM follows WHERE follower_id = :runner) AS follows_of_runner,
       (SELECT count(*) FROM follows WHERE follower_id = :first + 2) AS follows_of_bench3,
       (SELECT round(count(*)::numeric / :users, 1) FROM follows) AS follows_per_user,
       (SELECT count(*) FROM follows WHERE followed_id = :first) AS followers_of_bench1,
       (SELECT count(*) FROM follows WHERE followed_id = :first + 1) AS followers_of_bench2,
       (SELECT string_agg(a.slug || ' ' || n, ', ' ORDER BY a.slug) FROM
         (SELECT article_id, count(*) AS n FROM comments GROUP BY article_id) c
         JOIN articles a ON a.id = c.article_id WHERE a.slug LIKE 'hot-thread-%') AS threads,
       (SELECT count(*) FROM comments) AS comments,
       (SELECT round(avg(length(body))) FROM comments) AS comment_length;
