-- About 10,000 validation requests over the large data set of large.sql, mixed as a big shop's
-- checkouts are: generated codes (unused and used up), the popular coupon (by users who have and
-- have not redeemed it), user-specific coupons, unknown codes. Deterministic.

-- step: csv: 10,000 request bodies in 7 categories
WITH requests AS (
    -- 3,000 unused single-use codes (VALID, or MIN_ORDER_NOT_MET below 50)
    SELECT 'generated-unused' AS category, 'LARGE-G-' || lpad((500001 + r * 131)::text, 7, '0') AS code,
           'user_' || lpad(((r * 7) % 9999999 + 1)::text, 7, '0') AS user_id, 20 + (r % 200) AS order_value,
           CASE WHEN r % 2 = 0 THEN 'REQ-G-' || r END AS order_id
      FROM generate_series(0, 2999) r
    UNION ALL
    -- 1,500 used-up single-use codes (USAGE_LIMIT_REACHED)
    SELECT 'generated-used', 'LARGE-G-' || lpad((1 + r * 331)::text, 7, '0'),
           'user_' || lpad(((r * 11) % 9999999 + 1)::text, 7, '0'), 100, NULL
      FROM generate_series(0, 1499) r
    UNION ALL
    -- 2,500 checkouts with the popular coupon by users who never used it (VALID)
    SELECT 'popular-new-user', 'LARGE-POPULAR', 'user_' || lpad((9000000 + r)::text, 7, '0'), 60 + (r % 300),
           'REQ-P-' || r
      FROM generate_series(0, 2499) r
     WHERE NOT EXISTS (SELECT 1 FROM coupon_usage u JOIN coupons c ON c.id = u.coupon_id
                        WHERE c.code = 'LARGE-POPULAR' AND u.user_id = 'user_' || lpad((9000000 + r)::text, 7, '0'))
    UNION ALL
    -- 1,000 by users who already used it (PER_USER_LIMIT_REACHED)
    SELECT 'popular-used', 'LARGE-POPULAR', 'user_' || lpad(((n::bigint * 104729) % 9999999 + 1)::text, 7, '0'), 80, NULL
      FROM generate_series(1, 1500000, 1500) n
    UNION ALL
    -- 1,000 with an order that already used it (ALREADY_USED_ON_ORDER)
    SELECT 'popular-order-used', 'LARGE-POPULAR', 'user_' || lpad((9500000 + n)::text, 7, '0'), 80,
           'LARGE-ORD-P-' || n
      FROM generate_series(1, 1500000, 1500) n
    UNION ALL
    -- 500 user-specific coupons by their user
    SELECT 'user-specific', c.code, c.user_id, 100, 'REQ-U-' || c.id
      FROM coupons c
     WHERE c.code LIKE 'LARGE-U-%' AND substr(c.code, 9)::int % 200 = 0
    UNION ALL
    -- 500 unknown codes
    SELECT 'unknown-code', 'NOPE-L-' || r, 'user_' || lpad((r * 13 + 1)::text, 7, '0'), 50, NULL
      FROM generate_series(0, 499) r)
SELECT category, code, user_id AS "userId", round(order_value, 2) AS "orderValue", order_id AS "orderId"
  FROM requests
