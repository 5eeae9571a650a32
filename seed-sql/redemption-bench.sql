-- Coupons and users for the redemption benchmarks (perf-jmeter/wrk/redemption.sh): 10,000
-- coupons without limits, redeemed once per order ('BENCH-R-1' .. 'BENCH-R-10000'), one coupon with
-- a limit of 1,000,000 for holds then commits ('BENCH-HOT'), and 100,000 users
-- ('bench_0000001' .. 'bench_0100000'). Earlier benchmark redemptions and holds are removed, so
-- that every run starts from the same state. Run it with:
--   mvn -q -DskipTests test-compile exec:java -Dexec.mainClass=io.shopup.coupons.perf.SqlScript \
--       -Dexec.args=seed-sql/redemption-bench.sql
-- step: 100,000 benchmark users
INSERT INTO users (id, email)
SELECT 'bench_' || lpad(g::text, 7, '0'), 'bench_' || g || '@example.com' FROM generate_series(1, 100000) g
ON CONFLICT (id) DO NOTHING;

-- step: 10,000 coupons without limits
INSERT INTO coupons (code, type, status, discount_type, discount_value, min_order_value, usage_limit,
                     per_user_limit, valid_from, valid_until)
SELECT 'BENCH-R-' || g, 'TIME_SPECIFIC', 'ACTIVE', 'PERCENT', 10, 0, NULL, NULL,
       now() - interval '1 day', now() + interval '365 days'
  FROM generate_series(1, 10000) g
ON CONFLICT (code) DO NOTHING;

-- step: the hot coupon, limited to 1,000,000
INSERT INTO coupons (code, type, status, discount_type, discount_value, min_order_value, usage_limit,
                     per_user_limit, valid_from, valid_until)
VALUES ('BENCH-HOT', 'TIME_SPECIFIC', 'ACTIVE', 'FIXED', 5, 0, 1000000, NULL,
        now() - interval '1 day', now() + interval '365 days')
ON CONFLICT (code) DO NOTHING;

-- step: earlier benchmark holds, redemptions and keys removed
DELETE FROM coupon_reservations WHERE coupon_id IN (SELECT id FROM coupons WHERE code LIKE 'BENCH-%');
DELETE FROM coupon_usage WHERE coupon_id IN (SELECT id FROM coupons WHERE code LIKE 'BENCH-%');
DELETE FROM coupon_usage_rollbacks WHERE coupon_id IN (SELECT id FROM coupons WHERE code LIKE 'BENCH-%');
DELETE FROM idempotency_keys WHERE idempotency_key LIKE 'bench-%';
-- step: vacuum redemptions
VACUUM ANALYZE coupon_usage;
-- step: vacuum holds
VACUUM ANALYZE coupon_reservations;
