-- The statements of the list, article, comment and tag endpoints (as article/ArticleSearch and
-- article/ArticleRows write them, parameters inlined), under EXPLAIN (ANALYZE, BUFFERS), for
-- docs/database.md. Run against a schema seeded by bench/scale.sh:
--   PGOPTIONS="-c search_path=conduit_scale_1000000" psql -h 127.0.0.1 -U postgres -d postgres \
--     -f docs/explain/queries.sql
-- Right after a scale run, the data they read is in memory, as on a busy server.
\set page 'SELECT a.id, a.slug, a.title, a.description, NULL AS body, a.created_at, a.updated_at, coalesce(ac.favorites, 0) AS favorites_count, u.id AS author_id, u.username, u.bio, u.image, ARRAY(SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id) AS tags, false AS favorited, false AS following FROM ('
\set rest ') p JOIN articles a ON a.id = p.id JOIN users u ON u.id = a.author_id LEFT JOIN article_counts ac ON ac.article_id = a.id ORDER BY a.created_at DESC, a.id DESC'
SELECT id AS runner FROM users WHERE username = 'runner' \gset
\set explain 'EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)'

\echo ===== Q1 home page: count, page
:explain SELECT articles FROM site_counts;
:explain :page SELECT a.id, a.created_at FROM articles a WHERE a.visible ORDER BY a.created_at DESC, a.id DESC OFFSET 0 LIMIT 20 :rest;

\echo ===== Q2 popular tag (tag1): count, page
:explain SELECT coalesce((SELECT articles_count FROM tags WHERE name = 'tag1'), 0);
:explain :page SELECT t.article_id AS id, t.article_created_at AS created_at FROM article_tags t WHERE t.tag_id = (SELECT id FROM tags WHERE name = 'tag1') AND t.visible ORDER BY t.article_created_at DESC, t.article_id DESC OFFSET 0 LIMIT 20 :rest;

\echo ===== Q3 rare tag (tag99): page
:explain :page SELECT t.article_id AS id, t.article_created_at AS created_at FROM article_tags t WHERE t.tag_id = (SELECT id FROM tags WHERE name = 'tag99') AND t.visible ORDER BY t.article_created_at DESC, t.article_id DESC OFFSET 0 LIMIT 20 :rest;

\echo ===== Q4 author: count, page
:explain SELECT coalesce((SELECT c.articles FROM user_counts c WHERE c.user_id = (SELECT id FROM users WHERE lower(username) = lower('bench2') AND is_active)), 0);
:explain :page SELECT a.id, a.created_at FROM articles a WHERE a.author_id = (SELECT id FROM users WHERE lower(username) = lower('bench2') AND is_active) AND a.visible ORDER BY a.created_at DESC, a.id DESC OFFSET 0 LIMIT 20 :rest;

\echo ===== Q5 favorited by the runner (1 article in 7): count, page
:explain SELECT coalesce((SELECT c.favorites FROM user_counts c WHERE c.user_id = (SELECT id FROM users WHERE lower(username) = lower('runner') AND is_active)), 0);
:explain :page SELECT f.article_id AS id, f.article_created_at AS created_at FROM favorites f WHERE f.user_id = (SELECT id FROM users WHERE lower(username) = lower('runner') AND is_active) AND f.visible ORDER BY f.article_created_at DESC, f.article_id DESC OFFSET 0 LIMIT 20 :rest;

\echo ===== Q6 feed of the runner (50 authors): count, page
:explain SELECT coalesce(sum(c.articles), 0) FROM follows f JOIN users u ON u.id = f.followed_id AND u.is_active JOIN user_counts c ON c.user_id = u.id WHERE f.follower_id = :runner;
:explain :page SELECT w.id, w.created_at FROM follows f JOIN users u ON u.id = f.followed_id AND u.is_active CROSS JOIN LATERAL (SELECT a.id, a.created_at FROM articles a WHERE a.author_id = f.followed_id ORDER BY a.created_at DESC, a.id DESC LIMIT 20) w WHERE f.follower_id = :runner ORDER BY w.created_at DESC, w.id DESC OFFSET 0 LIMIT 20 :rest;

\echo ===== Q7 two filters (tag1 and an author): count, page
:explain SELECT count(*) FROM (SELECT a.id, a.created_at FROM articles a WHERE a.author_id = (SELECT id FROM users WHERE lower(username) = lower('bench2') AND is_active) AND a.visible AND EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag_id = (SELECT id FROM tags WHERE name = 'tag1')) ORDER BY a.created_at DESC, a.id DESC) ids;

\echo ===== Q8 deep pages: offset 10,000 and 100,000, and tag1 at 10,000
:explain :page SELECT a.id, a.created_at FROM articles a WHERE a.visible ORDER BY a.created_at DESC, a.id DESC OFFSET 10000 LIMIT 20 :rest;
:explain :page SELECT a.id, a.created_at FROM articles a WHERE a.visible ORDER BY a.created_at DESC, a.id DESC OFFSET 100000 LIMIT 20 :rest;
:explain :page SELECT t.article_id AS id, t.article_created_at AS created_at FROM article_tags t WHERE t.tag_id = (SELECT id FROM tags WHERE name = 'tag1') AND t.visible ORDER BY t.article_created_at DESC, t.article_id DESC OFFSET 10000 LIMIT 20 :rest;

\echo ===== Q9 tags in use
:explain SELECT t1_0.name FROM tags t1_0 WHERE t1_0.articles_count > 0;

\echo ===== Q10 one article by slug
:explain SELECT a.id, a.body, coalesce(ac.favorites, 0), ARRAY(SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id) FROM articles a JOIN users u ON u.id = a.author_id LEFT JOIN article_counts ac ON ac.article_id = a.id WHERE a.slug = 'bench-article-777' AND a.visible;
