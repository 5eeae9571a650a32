-- The large data set: a big shop with 10,000,000 users, 1,000,000 coupons (900,000 of them
-- single-use codes of one campaign) and 2,000,000 redemptions, 1,500,000 of them on one public
-- coupon. Deterministic and idempotent like seed.sql: running it again replaces the LARGE-*
-- coupons and their redemptions; the users include seed.sql's million (same ids) and are kept.
-- Run with seed-sql/large-data.sh. Each "-- step:" starts a step that the runner times.

-- step: remove an earlier LARGE data set
DELETE FROM coupon_usage WHERE coupon_id IN (SELECT id FROM coupons WHERE code LIKE 'LARGE-%');
DELETE FROM coupons WHERE code LIKE 'LARGE-%';

-- Steps between "-- together:" and "-- end together" run at once, each on a connection of its
-- own: independent inserts that keep both cores busy (one INSERT uses one).

-- step: the users' loader (dropped at the end)
-- Adds the users user_<first> .. user_<last> that are missing, in chunks of 500,000: a chunk whose
-- users all exist is skipped, one with none is inserted plainly (half the time of ON CONFLICT DO
-- NOTHING, which checks the key before each row), and only a chunk with some of them is inserted
-- with ON CONFLICT. The ids sort in their numbers' order (seven digits).
CREATE OR REPLACE FUNCTION seed_large_users(first INT, last INT) RETURNS VOID
    LANGUAGE plpgsql AS $$
DECLARE
    lo INT := first;
    hi INT;
    present BIGINT;
BEGIN
    WHILE lo <= last LOOP
        hi := least(last, lo + 499999);
        SELECT count(*) INTO present FROM users
         WHERE id BETWEEN 'user_' || lpad(lo::text, 7, '0') AND 'user_' || lpad(hi::text, 7, '0');
        IF present = 0 THEN
            INSERT INTO users (id, email, created_at)
            SELECT u.id, u.id || '@example.com', TIMESTAMPTZ '2024-01-01 00:00:00+00' + g * INTERVAL '3 seconds'
              FROM generate_series(lo, hi) g CROSS JOIN LATERAL (SELECT 'user_' || lpad(g::text, 7, '0') AS id) u;
        ELSIF present < hi - lo + 1 THEN
            INSERT INTO users (id, email, created_at)
            SELECT u.id, u.id || '@example.com', TIMESTAMPTZ '2024-01-01 00:00:00+00' + g * INTERVAL '3 seconds'
              FROM generate_series(lo, hi) g CROSS JOIN LATERAL (SELECT 'user_' || lpad(g::text, 7, '0') AS id) u
            ON CONFLICT (id) DO NOTHING;
        END IF;
        lo := hi + 1;
    END LOOP;
END
$$;

-- together:
-- step: 5,000,000 users user_0000001 .. user_5000000
SELECT seed_large_users(1, 5000000);

-- step: 5,000,000 users user_5000001 .. user_9999999, user_10000000
SELECT seed_large_users(5000001, 9999999);
INSERT INTO users (id, email, created_at)
VALUES ('user_10000000', 'user_10000000@example.com', TIMESTAMPTZ '2024-01-01 00:00:00+00' + 10000000 * INTERVAL '3 seconds')
ON CONFLICT (id) DO NOTHING;

-- step: 900,000 single-use codes LARGE-G-0000001 .. of one campaign (no user: beside the users)
INSERT INTO coupons (code, type, status, discount_type, discount_value, min_order_value,
                     usage_limit, per_user_limit, valid_from, valid_until)
SELECT 'LARGE-G-' || lpad(g::text, 7, '0'), 'TIME_SPECIFIC', 'ACTIVE', 'FIXED', 10.00, 50.00, 1, 1,
       now() - INTERVAL '30 days', now() + INTERVAL '60 days'
  FROM generate_series(1, 900000) g;
-- end together

-- step: the public campaign coupon LARGE-POPULAR (no total limit, once per user)
INSERT INTO coupons (code, type, status, discount_type, discount_value, max_discount, min_order_value,
                     usage_limit, per_user_limit, valid_from, valid_until)
VALUES ('LARGE-POPULAR', 'TIME_SPECIFIC', 'ACTIVE', 'PERCENT', 10, 25.00, 20.00, NULL, 1,
        now() - INTERVAL '90 days', now() + INTERVAL '90 days');

-- Each redemption's foreign key looks up and locks its user: in the users' order the lookups
-- walk the index and the table instead of jumping about them (0.6 times the time here). One
-- coupon's redemptions stay one statement: two at once both lock its row and wait on each other.
-- together:
-- step: 1,500,000 redemptions of LARGE-POPULAR, each by its own user
INSERT INTO coupon_usage (coupon_id, user_id, order_id, discount_applied, used_at)
SELECT c.id, u.id, 'LARGE-ORD-P-' || n, 5.00, now() - (n % 2000) * INTERVAL '1 hour'
  FROM coupons c CROSS JOIN generate_series(1, 1500000) n
  CROSS JOIN LATERAL (SELECT 'user_' || lpad(((n::bigint * 104729) % 9999999 + 1)::text, 7, '0') AS id) u
 WHERE c.code = 'LARGE-POPULAR'
 ORDER BY u.id;

-- step: 500,000 redemptions: the first 500,000 single-use codes are used up
INSERT INTO coupon_usage (coupon_id, user_id, order_id, discount_applied, used_at)
SELECT c.id, u.id, 'LARGE-ORD-G-' || substr(c.code, 9), 10.00, now() - INTERVAL '2 days'
  FROM coupons c
  CROSS JOIN LATERAL (SELECT 'user_' || lpad(((substr(c.code, 9)::bigint * 15485863) % 9999999 + 1)::text, 7, '0') AS id) u
 WHERE c.code BETWEEN 'LARGE-G-0000001' AND 'LARGE-G-0500000'
 ORDER BY u.id;

-- step: 99,999 user-specific coupons LARGE-U-000001 .. (a quarter inactive or expired)
INSERT INTO coupons (code, type, user_id, status, discount_type, discount_value, max_discount, min_order_value,
                     usage_limit, per_user_limit)
SELECT 'LARGE-U-' || lpad(g::text, 6, '0'), 'USER_SPECIFIC',
       -- 7919 is prime to 10,000,000: every coupon has its own user.
       'user_' || lpad(((g * 7919) % 9999999 + 1)::text, 7, '0'),
       CASE g % 8 WHEN 0 THEN 'INACTIVE' WHEN 1 THEN 'EXPIRED' ELSE 'ACTIVE' END,
       CASE WHEN g % 2 = 0 THEN 'PERCENT' ELSE 'FIXED' END,
       CASE WHEN g % 2 = 0 THEN 5 + (g % 4) * 5 ELSE 5.00 + (g % 6) * 2.50 END,
       CASE WHEN g % 2 = 0 THEN 30.00 END,
       (g % 3) * 20.00, 3, 1
  FROM generate_series(1, 99999) g;
-- end together

-- step: ANALYZE
DROP FUNCTION seed_large_users(INT, INT);
ANALYZE users;
ANALYZE coupons;
ANALYZE coupon_usage;
ANALYZE coupon_usage_totals;
