-- The performance data set: 1,000,000 users, 5,000 coupons, about 3,000 redemptions.
-- Deterministic (arithmetic on generate_series, no random()), and idempotent: running it again
-- replaces the PERF-* coupons and their redemptions; users are identical rows and are kept.
-- Windows are relative to now(). The demo data (USER-TEST and friends) is not touched.
-- Run with: mvn -q -DskipTests test-compile exec:java -Dexec.mainClass=io.shopup.coupons.perf.SqlScript -Dexec.args=seed-sql/seed.sql
-- Each "-- step:" starts a step that the runner times.

-- step: remove an earlier PERF data set
DELETE FROM coupon_usage WHERE coupon_id IN (SELECT id FROM coupons WHERE code LIKE 'PERF-%');
DELETE FROM coupons WHERE code LIKE 'PERF-%';

-- step: 1,000,000 users user_0000001 .. user_1000000
INSERT INTO users (id, email, created_at)
SELECT 'user_' || lpad(g::text, 7, '0'), 'user_' || lpad(g::text, 7, '0') || '@example.com',
       TIMESTAMPTZ '2024-01-01 00:00:00+00' + g * INTERVAL '30 seconds'
  FROM generate_series(1, 1000000) g
ON CONFLICT (id) DO NOTHING;

-- step: 5,000 coupons (2,500 user-specific, 2,500 time-specific; 60% ACTIVE, 25% EXPIRED, 15% INACTIVE)
INSERT INTO coupons (code, type, user_id, status, discount_type, discount_value, max_discount, min_order_value,
                     usage_limit, per_user_limit, valid_from, valid_until)
SELECT CASE WHEN g <= 2500 THEN 'PERF-U-' ELSE 'PERF-T-' END || lpad(g::text, 5, '0'),
       CASE WHEN g <= 2500 THEN 'USER_SPECIFIC' ELSE 'TIME_SPECIFIC' END,
       -- 7919 is prime to 1,000,000: every user-specific coupon has its own user.
       CASE WHEN g <= 2500 THEN 'user_' || lpad(((g * 7919) % 1000000 + 1)::text, 7, '0') END,
       CASE WHEN g % 20 < 12 THEN 'ACTIVE' WHEN g % 20 < 17 THEN 'EXPIRED' ELSE 'INACTIVE' END,
       CASE WHEN g % 3 = 0 THEN 'FIXED' ELSE 'PERCENT' END,
       CASE WHEN g % 3 = 0 THEN 5.00 + (g % 10) * 2.50 ELSE 5 + (g % 6) * 5 END,
       CASE WHEN g % 3 <> 0 AND g % 2 = 0 THEN 20.00 + (g % 5) * 10 END,
       (g % 4) * 25.00,
       CASE g % 5 WHEN 0 THEN 1 + g % 3 WHEN 1 THEN 1000 END,
       CASE WHEN g % 7 = 0 THEN NULL ELSE 1 + g % 3 END,
       w.valid_from, w.valid_until
  FROM generate_series(1, 5000) g
  CROSS JOIN LATERAL (
      SELECT CASE
                 WHEN g <= 2500 AND g % 4 <> 0 THEN NULL                          -- no window
                 WHEN g % 10 = 0 THEN now() + INTERVAL '1 day'                    -- not started yet
                 WHEN g % 10 = 1 THEN now() - INTERVAL '60 days'                  -- over
                 ELSE now() - INTERVAL '30 days' END AS valid_from,               -- current
             CASE
                 WHEN g <= 2500 AND g % 4 <> 0 THEN NULL
                 WHEN g % 10 = 0 THEN now() + INTERVAL '30 days'
                 WHEN g % 10 = 1 THEN now() - INTERVAL '1 day'
                 ELSE now() + INTERVAL '60 days' END AS valid_until) w;

-- step: redemptions: coupons at their total limit (about 1,000 rows)
-- A user-specific coupon is only ever redeemed by its user, and never past its per-user limit.
INSERT INTO coupon_usage (coupon_id, user_id, order_id, discount_applied, used_at)
SELECT c.id,
       CASE WHEN c.type = 'USER_SPECIFIC' THEN c.user_id
            ELSE 'user_' || lpad(((n * 104729 + c.id * 31) % 1000000 + 1)::text, 7, '0') END,
       'PERF-ORD-L-' || c.id || '-' || n, 5.00, now() - n * INTERVAL '1 hour'
  FROM coupons c
  CROSS JOIN LATERAL generate_series(1, CASE WHEN c.type = 'USER_SPECIFIC'
                                             THEN least(c.usage_limit, coalesce(c.per_user_limit, c.usage_limit))
                                             ELSE c.usage_limit END) n
 WHERE c.code LIKE 'PERF-%' AND c.usage_limit < 10 AND substr(c.code, 8)::int % 10 = 0;

-- step: redemptions: orders that already used their coupon (1,000 rows)
INSERT INTO coupon_usage (coupon_id, user_id, order_id, discount_applied, used_at)
SELECT c.id,
       coalesce(c.user_id, 'user_' || lpad(((c.id * 104729) % 1000000 + 1)::text, 7, '0')),
       'PERF-ORD-' || substr(c.code, 6), 5.00, now() - INTERVAL '2 hours'
  FROM coupons c
 WHERE c.code LIKE 'PERF-%' AND substr(c.code, 8)::int % 5 = 1;

-- step: redemptions: user-specific coupons whose user reached the per-user limit (about 1,000 rows)
INSERT INTO coupon_usage (coupon_id, user_id, order_id, discount_applied, used_at)
SELECT c.id, c.user_id, 'PERF-ORD-P-' || c.id || '-' || n, 5.00, now() - n * INTERVAL '1 day'
  FROM coupons c
  CROSS JOIN LATERAL generate_series(1, coalesce(c.per_user_limit, 1)) n
 WHERE c.code LIKE 'PERF-U-%' AND substr(c.code, 8)::int % 5 = 2;

-- step: ANALYZE
ANALYZE users;
ANALYZE coupons;
ANALYZE coupon_usage;
