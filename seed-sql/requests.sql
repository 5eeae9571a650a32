-- About 10,000 validation requests for the load plans, drawn from the PERF data set of seed.sql,
-- with known shares (the "category" column); about half carry an orderId. Deterministic.
-- Run with: mvn -q -DskipTests test-compile exec:java -Dexec.mainClass=io.shopup.coupons.perf.SqlScript
--           -Dexec.args="seed-sql/requests.sql perf-jmeter/data/requests.csv"

-- step: csv: 9,500 request bodies in 10 categories
WITH perf AS (
    SELECT c.*, substr(c.code, 8)::int AS g,
           (SELECT count(*) FROM coupon_usage u WHERE u.coupon_id = c.id) AS used,
           c.status = 'ACTIVE' AND (c.valid_from IS NULL OR (c.valid_from <= now() AND now() < c.valid_until)) AS open
      FROM coupons c
     WHERE c.code LIKE 'PERF-%'),
pools AS (
    SELECT 'valid-user-specific' AS category, 2000 AS wanted, p.* FROM perf p
     WHERE p.type = 'USER_SPECIFIC' AND p.open AND p.used = 0
    UNION ALL
    SELECT 'wrong-user', 800, p.* FROM perf p WHERE p.type = 'USER_SPECIFIC' AND p.open
    UNION ALL
    SELECT 'valid-time-specific', 2500, p.* FROM perf p WHERE p.type = 'TIME_SPECIFIC' AND p.open AND p.used = 0
    UNION ALL
    SELECT 'expired', 800, p.* FROM perf p WHERE p.status = 'EXPIRED'
    UNION ALL
    SELECT 'inactive', 600, p.* FROM perf p WHERE p.status = 'INACTIVE'
    UNION ALL
    SELECT 'below-minimum', 600, p.* FROM perf p WHERE p.open AND p.used = 0 AND p.min_order_value >= 25
    UNION ALL
    SELECT 'outside-window', 600, p.* FROM perf p
     WHERE p.type = 'TIME_SPECIFIC' AND p.status = 'ACTIVE' AND NOT p.open
    UNION ALL
    SELECT 'limit-reached', 500, p.* FROM perf p WHERE p.open AND p.usage_limit IS NOT NULL AND p.used >= p.usage_limit
    UNION ALL
    SELECT 'order-already-used', 500, p.* FROM perf p WHERE p.open AND p.g % 5 = 1),
numbered AS (
    SELECT pools.*, row_number() OVER (PARTITION BY category ORDER BY code) - 1 AS k,
           count(*) OVER (PARTITION BY category) AS available
      FROM pools),
requests AS (
    SELECT n.category, n.code,
           CASE
               WHEN n.category = 'wrong-user' THEN 'user_' || lpad(((r::bigint * 15485863) % 1000000 + 1)::text, 7, '0')
               WHEN n.type = 'USER_SPECIFIC' THEN n.user_id
               ELSE 'user_' || lpad(((r::bigint * 15485863) % 1000000 + 1)::text, 7, '0')
           END AS user_id,
           CASE WHEN n.category = 'below-minimum' THEN n.min_order_value - 0.01
                ELSE 100 + (r % 400) + (r % 100) / 100.0 END AS order_value,
           CASE
               WHEN n.category = 'order-already-used' THEN 'PERF-ORD-' || substr(n.code, 6)
               WHEN r % 2 = 0 THEN 'REQ-' || lpad(r::text, 6, '0')
           END AS order_id,
           r
      FROM (SELECT DISTINCT category, wanted FROM pools) w
      CROSS JOIN LATERAL generate_series(0, w.wanted - 1) AS r
      JOIN numbered n ON n.category = w.category AND n.k = r % n.available
    UNION ALL
    SELECT 'unknown-code', 'NOPE-' || lpad(r::text, 5, '0'),
           'user_' || lpad(((r::bigint * 15485863) % 1000000 + 1)::text, 7, '0'), 50 + r % 50,
           CASE WHEN r % 2 = 0 THEN 'REQ-U-' || r END, r
      FROM generate_series(0, 599) r)
SELECT category, code, user_id AS "userId", round(order_value, 2) AS "orderValue", order_id AS "orderId"
  FROM requests
 ORDER BY md5(category || r);
