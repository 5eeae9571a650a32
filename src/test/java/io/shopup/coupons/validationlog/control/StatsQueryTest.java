package io.shopup.coupons.validationlog.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StatsQueryTest {

    @Test
    void thePercentileOfTheBucketsIsWithinABucketOfTheExactOne() {
        Random random = new Random(3);
        for (int run = 0; run < 200; run++) {
            int n = 1 + random.nextInt(500);
            double[] times = new double[n];
            Map<Integer, Long> buckets = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                times[i] = Math.round(Math.exp(random.nextGaussian() * 1.5) * 1000) / 1000.0 + 0.02;
                buckets.merge(bucket(times[i]), 1L, Long::sum);
            }
            Arrays.sort(times);
            double rank = 0.95 * (n - 1);
            int below = (int) Math.floor(rank);
            double exact = times[below] + (rank - below) * (times[Math.min(n - 1, below + 1)] - times[below]);

            double estimate = StatsQuery.percentile(buckets, 0.95).doubleValue();

            assertTrue(estimate >= exact / 1.15 - 0.001 && estimate <= exact * 1.15 + 0.001,
                    "run " + run + ": " + estimate + " for " + exact);
        }
    }

    @Test
    void noTimesNoPercentile() {
        assertNull(StatsQuery.percentile(Map.of(), 0.95));
        assertEquals(0.01, StatsQuery.percentile(Map.of(0, 3L), 0.95).doubleValue());
    }

    /** As validation_log_time_bucket (V6) computes it. */
    private static int bucket(double ms) {
        return ms <= 0.01 ? 0 : (int) Math.min(100, Math.ceil(Math.log(ms / 0.01) / Math.log(1.15)));
    }
}
