package io.shopup.coupons.validationlog.control;

import io.shopup.coupons.validationlog.entity.CouponStats;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One coupon's statistics for a period, from the hourly totals the database keeps (migration V6)
 * for the whole hours of the period and from the raw rows only for the partial hours at its
 * edges: a coupon validated millions of times a day costs at most two hours of rows. One statement
 * returns a row per reason and a row per response-time bucket, so that every figure comes from one
 * snapshot and {@code attempts} is the sum of {@code byReason} by construction.
 */
public final class StatsQuery {

    /** Bucket b holds response times up to {@code 0.01 ms * 1.15^b} (see V6). */
    static final double FIRST_BOUND_MS = 0.01;
    static final double BUCKET_RATIO = 1.15;

    static final String SQL = """
            WITH p AS (SELECT CAST(? AS text) AS code, CAST(? AS timestamptz) AS t0, CAST(? AS timestamptz) AS t1),
            h AS (SELECT code, t0, t1,
                         CASE WHEN date_trunc('hour', t0, 'UTC') = t0 THEN t0
                              ELSE date_trunc('hour', t0, 'UTC') + INTERVAL '1 hour' END AS h0,
                         date_trunc('hour', t1, 'UTC') AS h1
                    FROM p),
            w AS (SELECT code, t0, t1, h0, h1, h0 < h1 AS whole_hours,
                         CASE WHEN h0 < h1 THEN h0 ELSE t1 END AS first_edge_end
                    FROM h),
            edges AS (
                SELECT l.validation_reason, l.is_valid, l.discount_applied, l.response_time_ms
                  FROM w JOIN validation_logs l ON l.coupon_code = w.code
                   AND l.validated_at >= w.t0 AND l.validated_at < w.first_edge_end
                UNION ALL
                SELECT l.validation_reason, l.is_valid, l.discount_applied, l.response_time_ms
                  FROM w JOIN validation_logs l ON w.whole_hours AND l.coupon_code = w.code
                   AND l.validated_at >= w.h1 AND l.validated_at < w.t1),
            reasons AS (
                SELECT validation_reason, sum(attempts) AS attempts, sum(valid) AS valid,
                       sum(discount_total) AS discount_total, sum(ms_sum) AS ms_sum, sum(ms_count) AS ms_count
                  FROM (SELECT r.validation_reason, r.attempts, r.valid, r.discount_total,
                               r.response_ms_sum AS ms_sum, r.response_ms_count AS ms_count
                          FROM w JOIN validation_log_hourly r ON w.whole_hours AND r.coupon_code = w.code
                           AND r.hour >= w.h0 AND r.hour < w.h1
                        UNION ALL
                        SELECT validation_reason, 1, CASE WHEN is_valid THEN 1 ELSE 0 END,
                               CASE WHEN is_valid THEN coalesce(discount_applied, 0) ELSE 0 END,
                               coalesce(response_time_ms, 0), CASE WHEN response_time_ms IS NULL THEN 0 ELSE 1 END
                          FROM edges) parts
                 GROUP BY validation_reason),
            times AS (
                SELECT bucket, sum(n) AS n
                  FROM (SELECT t.bucket, t.n
                          FROM w JOIN validation_log_hourly_times t ON w.whole_hours AND t.coupon_code = w.code
                           AND t.hour >= w.h0 AND t.hour < w.h1
                        UNION ALL
                        SELECT validation_log_time_bucket(response_time_ms), 1 FROM edges
                         WHERE response_time_ms IS NOT NULL) parts
                 GROUP BY bucket)
            SELECT validation_reason, attempts, valid, discount_total, ms_sum, ms_count, NULL::smallint AS bucket
              FROM reasons
            UNION ALL
            SELECT NULL, n, NULL, NULL, NULL, NULL, bucket FROM times
            """;

    private StatsQuery() {
    }

    public static CouponStats stats(EntityManager em, String code, Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery(SQL, Tuple.class).setParameter(1, code)
                .setParameter(2, Timestamp.from(from)).setParameter(3, Timestamp.from(to)).getResultList();
        Map<String, Long> byReason = new TreeMap<>();
        Map<Integer, Long> buckets = new TreeMap<>();
        long attempts = 0;
        long valid = 0;
        BigDecimal discount = BigDecimal.ZERO;
        BigDecimal msSum = BigDecimal.ZERO;
        long msCount = 0;
        for (Tuple row : rows) {
            long n = ((Number) row.get("attempts")).longValue();
            if (row.get("bucket") != null) {
                buckets.put(((Number) row.get("bucket")).intValue(), n);
                continue;
            }
            byReason.put(row.get("validation_reason", String.class), n);
            attempts += n;
            valid += ((Number) row.get("valid")).longValue();
            discount = discount.add(new BigDecimal(row.get("discount_total").toString()));
            msSum = msSum.add(new BigDecimal(row.get("ms_sum").toString()));
            msCount += ((Number) row.get("ms_count")).longValue();
        }
        BigDecimal average = msCount == 0 ? null
                : msSum.divide(BigDecimal.valueOf(msCount), MathContext.DECIMAL64).setScale(3, RoundingMode.HALF_UP);
        return new CouponStats(code, from, to, attempts, valid, attempts - valid, byReason,
                discount.setScale(2, RoundingMode.HALF_UP), average, percentile(buckets, 0.95));
    }

    /**
     * The percentile as {@code percentile_cont} defines it (rank {@code q * (n - 1)}, interpolated
     * between neighbours), each neighbour placed inside its bucket by its rank there: within one
     * bucket's width (15%) of the exact value.
     */
    static BigDecimal percentile(Map<Integer, Long> buckets, double q) {
        long total = buckets.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        double rank = q * (total - 1);
        long below = (long) Math.floor(rank);
        double lower = valueAt(buckets, below);
        double upper = valueAt(buckets, Math.min(total - 1, below + 1));
        double value = lower + (rank - below) * (upper - lower);
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP);
    }

    /** The value of the k-th smallest time (0-based), spread evenly in log scale inside its bucket. */
    private static double valueAt(Map<Integer, Long> buckets, long k) {
        long seen = 0;
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            if (k < seen + bucket.getValue()) {
                int b = bucket.getKey();
                if (b == 0) {
                    return FIRST_BOUND_MS;
                }
                double high = FIRST_BOUND_MS * Math.pow(BUCKET_RATIO, b);
                double position = (k - seen + 0.5) / bucket.getValue();
                return high / BUCKET_RATIO * Math.pow(BUCKET_RATIO, position);
            }
            seen += bucket.getValue();
        }
        throw new IllegalStateException("rank " + k + " beyond " + seen);
    }
}
