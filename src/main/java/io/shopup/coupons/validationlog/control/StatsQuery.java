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
 * for the whole hours of the period, and for the partial hours at its edges from the per-minute
 * totals (V11) that busy hours have from their mark on and from the rows for the rest: a coupon
 * validated millions of times a day costs at most the rows of each edge hour before its mark and
 * of two partial minutes. One statement returns a row per reason and a row per response-time
 * bucket, so that every figure comes from one snapshot and {@code attempts} is the sum of
 * {@code byReason} by construction.
 */
public final class StatsQuery {

    /** Bucket b holds response times up to {@code 0.01 ms * 1.15^b} (see V6). */
    static final double FIRST_BOUND_MS = 0.01;
    static final double BUCKET_RATIO = 1.15;

    /**
     * The period cut into pieces {@code [a, b)}, empty ones left out: its whole hours; the edges
     * outside them, each inside one hour; of each edge, the part before its hour's mark (all of it
     * in an hour without one) read from the rows; of the rest, the whole minutes from the
     * per-minute totals and the partial minutes at either end from the rows. Each piece's rows are
     * read by their own index range ({@code OFFSET 0} keeps the planner from joining the pieces to
     * the whole log by hash when a coupon's rows are most of it).
     */
    static final String SQL = """
            WITH p AS (SELECT CAST(? AS text) AS code, CAST(? AS timestamptz) AS t0, CAST(? AS timestamptz) AS t1),
            h AS (SELECT code, t0, t1, CASE WHEN date_trunc('hour', t0, 'UTC') = t0 THEN t0
                                            ELSE date_trunc('hour', t0, 'UTC') + INTERVAL '1 hour' END AS h0,
                         date_trunc('hour', t1, 'UTC') AS h1
                    FROM p),
            hours AS (SELECT code, h0 AS a, h1 AS b FROM h WHERE h0 < h1),
            edges AS (SELECT code, t0 AS a, least(h0, t1) AS b FROM h WHERE t0 < least(h0, t1)
                      UNION ALL SELECT code, h1, t1 FROM h WHERE h0 <= h1 AND h1 < t1),
            marked AS (SELECT e.code, e.a, e.b,
                              CASE WHEN k.from_minute IS NULL THEN e.b ELSE greatest(e.a, least(e.b, k.from_minute)) END AS c
                         FROM edges e LEFT JOIN validation_log_minute_hours k
                           ON k.coupon_code = e.code AND k.hour = date_trunc('hour', e.a, 'UTC')),
            e AS (SELECT code, a, b, c, CASE WHEN date_trunc('minute', c, 'UTC') = c THEN c
                                             ELSE date_trunc('minute', c, 'UTC') + INTERVAL '1 minute' END AS m0,
                         date_trunc('minute', b, 'UTC') AS m1
                    FROM marked),
            minutes AS (SELECT code, m0 AS a, m1 AS b FROM e WHERE c < b AND m0 < m1),
            partial AS (SELECT code, a, c AS b FROM e WHERE a < c
                        UNION ALL SELECT code, c, m0 FROM e WHERE c < b AND m0 < m1 AND c < m0
                        UNION ALL SELECT code, m1, b FROM e WHERE c < b AND m0 < m1 AND m1 < b
                        UNION ALL SELECT code, c, b FROM e WHERE c < b AND m0 >= m1),
            raw AS (
                SELECT l.* FROM partial x CROSS JOIN LATERAL (
                    SELECT validation_reason, is_valid, discount_applied, response_time_ms FROM validation_logs
                     WHERE coupon_code = x.code AND validated_at >= x.a AND validated_at < x.b
                    OFFSET 0) l),
            reasons AS (
                SELECT validation_reason, sum(attempts) AS attempts, sum(valid) AS valid,
                       sum(discount_total) AS discount_total, sum(ms_sum) AS ms_sum, sum(ms_count) AS ms_count
                  FROM (SELECT r.validation_reason, r.attempts, r.valid, r.discount_total,
                               r.response_ms_sum AS ms_sum, r.response_ms_count AS ms_count
                          FROM hours x JOIN validation_log_hourly r ON r.coupon_code = x.code
                           AND r.hour >= x.a AND r.hour < x.b
                        UNION ALL
                        SELECT r.validation_reason, r.attempts, r.valid, r.discount_total,
                               r.response_ms_sum, r.response_ms_count
                          FROM minutes x JOIN validation_log_minutely r ON r.coupon_code = x.code
                           AND r.minute >= x.a AND r.minute < x.b
                        UNION ALL
                        SELECT validation_reason, 1, CASE WHEN is_valid THEN 1 ELSE 0 END,
                               CASE WHEN is_valid THEN coalesce(discount_applied, 0) ELSE 0 END,
                               coalesce(response_time_ms, 0), CASE WHEN response_time_ms IS NULL THEN 0 ELSE 1 END
                          FROM raw) parts
                 GROUP BY validation_reason),
            times AS (
                SELECT bucket, sum(n) AS n
                  FROM (SELECT t.bucket, t.n
                          FROM hours x JOIN validation_log_hourly_times t ON t.coupon_code = x.code
                           AND t.hour >= x.a AND t.hour < x.b
                        UNION ALL
                        SELECT t.bucket, t.n
                          FROM minutes x JOIN validation_log_minutely_times t ON t.coupon_code = x.code
                           AND t.minute >= x.a AND t.minute < x.b
                        UNION ALL
                        SELECT validation_log_time_bucket(response_time_ms), 1 FROM raw
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
