-- The statements of the list, feed, tag and comment endpoints (copied from
-- quarkus.hibernate-orm.log.sql output, parameters inlined), under EXPLAIN ANALYZE. Q6-Q8b are
-- the look-ups by ids of common/db/ArrayReads: the ids go as one bigint[] parameter.
\echo ===== Q1 global page (offset 0, limit 20)
EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF, TIMING OFF, SUMMARY ON)
select a1_0.id,a1_0.slug,a1_0.title,a1_0.description,a1_0.created_at,a1_0.updated_at,a2_0.id,a2_0.username,a2_0.bio,a2_0.image
from articles a1_0 join users a2_0 on a2_0.id=a1_0.author_id
where a2_0.is_active=true order by a1_0.created_at desc, a1_0.id desc offset 0 rows fetch first 20 rows only;
\echo ===== Q1b global count
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
select count(a1_0.id) from articles a1_0 join users a2_0 on a2_0.id=a1_0.author_id where a2_0.is_active=true;
\echo ===== Q2 author page
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
select a1_0.id,a1_0.slug,a1_0.title,a1_0.description,a1_0.created_at,a1_0.updated_at,a2_0.id,a2_0.username,a2_0.bio,a2_0.image
from articles a1_0 join users a2_0 on a2_0.id=a1_0.author_id
where a2_0.is_active=true and lower(a2_0.username)=lower('user17') order by a1_0.created_at desc, a1_0.id desc offset 0 rows fetch first 20 rows only;
\echo ===== Q3 tag page (popular tag1)
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
select a1_0.id,a1_0.slug,a1_0.title,a1_0.description,a1_0.created_at,a1_0.updated_at,a2_0.id,a2_0.username,a2_0.bio,a2_0.image
from articles a1_0 join users a2_0 on a2_0.id=a1_0.author_id
join article_tags t1_0 on a1_0.id=t1_0.article_id join tags t1_1 on t1_1.id=t1_0.tag_id
where a2_0.is_active=true and t1_1.name='tag1' order by a1_0.created_at desc, a1_0.id desc offset 0 rows fetch first 20 rows only;
\echo ===== Q3b tag page (rare tag190)
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
select a1_0.id,a1_0.slug,a1_0.title,a1_0.description,a1_0.created_at,a1_0.updated_at,a2_0.id,a2_0.username,a2_0.bio,a2_0.image
from articles a1_0 join users a2_0 on a2_0.id=a1_0.author_id
join article_tags t1_0 on a1_0.id=t1_0.article_id join tags t1_1 on t1_1.id=t1_0.tag_id
where a2_0.is_active=true and t1_1.name='tag190' order by a1_0.created_at desc, a1_0.id desc offset 0 rows fetch first 20 rows only;
\echo ===== Q3c tag count (rare)
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
select count(a1_0.id) from articles a1_0 join users a2_0 on a2_0.id=a1_0.author_id
join article_tags t1_0 on a1_0.id=t1_0.article_id join tags t1_1 on t1_1.id=t1_0.tag_id
where a2_0.is_active=true and t1_1.name='tag190';
\echo ===== Q4 favorited page
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
select a1_0.id,a1_0.slug,a1_0.title,a1_0.description,a1_0.created_at,a1_0.updated_at,a2_0.id,a2_0.username,a2_0.bio,a2_0.image
from articles a1_0 join users a2_0 on a2_0.id=a1_0.author_id
where a2_0.is_active=true and exists(select 1 from favorites f1_0, users u2 where f1_0.article_id=a1_0.id and u2.id=f1_0.user_id and u2.is_active=true and lower(u2.username)=lower('user17'))
order by a1_0.created_at desc, a1_0.id desc offset 0 rows fetch first 20 rows only;
\echo ===== Q5 feed page, counted in the same statement
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
select a1_0.id,a1_0.slug,a1_0.title,a1_0.description,a1_0.created_at,a1_0.updated_at,a2_0.id,a2_0.username,a2_0.bio,a2_0.image,count(*) over()
from articles a1_0 join users a2_0 on a2_0.id=a1_0.author_id
where a2_0.is_active=true and a2_0.id in (select f1_0.followed_id from follows f1_0 where f1_0.follower_id=17)
order by a1_0.created_at desc, a1_0.id desc offset 0 rows fetch first 20 rows only;
\echo ===== Q5b feed count (only for a page past the end)
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
select count(a1_0.id) from articles a1_0 join users a2_0 on a2_0.id=a1_0.author_id
where a2_0.is_active=true and a2_0.id in (select f1_0.followed_id from follows f1_0 where f1_0.follower_id=17);
\echo ===== Q6 tags of a page
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
SELECT at.article_id, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
WHERE at.article_id = ANY ('{49981,49982,49983,49984,49985,49986,49987,49988,49989,49990,49991,49992,49993,49994,49995,49996,49997,49998,49999,50000}'::bigint[]);
\echo ===== Q7 favorites of a page
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
SELECT article_id, count(*), bool_or(user_id = 17) FROM favorites
WHERE article_id = ANY ('{49981,49982,49983,49984,49985,49986,49987,49988,49989,49990,49991,49992,49993,49994,49995,49996,49997,49998,49999,50000}'::bigint[]) GROUP BY article_id;
\echo ===== Q8 follows among authors
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
SELECT followed_id FROM follows WHERE follower_id = 17 AND followed_id = ANY ('{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20}'::bigint[]);
\echo ===== Q8b favorites of the reader among a kept page
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
SELECT article_id FROM favorites WHERE user_id = 17 AND article_id = ANY ('{49981,49982,49983,49984,49985,49986,49987,49988,49989,49990,49991,49992,49993,49994,49995,49996,49997,49998,49999,50000}'::bigint[]);
\echo ===== Q9 tags in use
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
SELECT t.name FROM tags t WHERE EXISTS (SELECT 1 FROM article_tags at JOIN articles a ON a.id = at.article_id JOIN users u ON u.id = a.author_id WHERE at.tag_id = t.id AND u.is_active);
\echo ===== Q10 comments of an article
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
select c.*, u.* from comments c join users u on u.id=c.author_id where c.article_id=1234 and u.is_active=true order by c.created_at desc, c.id desc;
\echo ===== Q11 article by slug
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
select a.*, u.* from articles a join users u on u.id=a.author_id where a.slug='article-777' and u.is_active=true fetch first 1 rows only;
\echo ===== Q12 deep offset global page (offset 10000)
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
select a1_0.id,a1_0.slug,a1_0.title,a1_0.description,a1_0.created_at,a1_0.updated_at,a2_0.id,a2_0.username,a2_0.bio,a2_0.image
from articles a1_0 join users a2_0 on a2_0.id=a1_0.author_id
where a2_0.is_active=true order by a1_0.created_at desc, a1_0.id desc offset 10000 rows fetch first 20 rows only;
