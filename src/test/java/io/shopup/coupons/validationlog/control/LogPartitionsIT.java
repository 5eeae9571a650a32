package io.shopup.coupons.validationlog.control;

import static io.shopup.coupons.testsupport.TestData.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.TestData;
import io.shopup.coupons.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Monthly partitions are created ahead, and retention drops whole expired months only. */
class LogPartitionsIT {

    private static final String INSERT_LOG = """
            INSERT INTO validation_logs (coupon_code, user_id, is_valid, validation_reason, validated_at)
            VALUES ('RETENTION', ?, false, 'COUPON_NOT_FOUND', ?)""";

    @Test
    void retentionDropsExpiredMonthsAndKeepsTheCurrentOne() throws Exception {
        String marker = "retention-" + UUID.randomUUID();
        TestData.sql("SELECT create_validation_log_partitions(DATE '2020-01-01', 1)");
        TestData.sql(INSERT_LOG, marker, Instant.parse("2020-01-15T10:00:00Z"));
        // A busy hour of that month (only hours marked when they were busy have per-minute totals).
        TestData.sql("INSERT INTO validation_log_minute_hours VALUES ('RETENTION', '2020-01-15T10:00Z', '2020-01-15T10:00Z')"
                + " ON CONFLICT DO NOTHING");
        TestData.sql("INSERT INTO validation_log_minutely VALUES ('RETENTION', '2020-01-15T10:00Z', 'COUPON_NOT_FOUND',"
                + " 1, 0, 0, 0, 0) ON CONFLICT DO NOTHING");
        Instant now = Instant.now();
        TestData.sql(INSERT_LOG, marker, now);

        List<String> dropped;
        try (Connection c = TestDatabase.connect()) {
            dropped = LogPartitions.dropBefore(c, now.minus(Duration.ofDays(90)));
        }

        assertTrue(dropped.contains("validation_logs_y2020m01"), dropped.toString());
        assertFalse(dropped.contains(partitionOf(now)), dropped.toString());
        assertEquals(0, count("SELECT count(*) FROM pg_class WHERE relname = 'validation_logs_y2020m01'"));
        assertEquals(1, count("SELECT count(*) FROM validation_logs WHERE user_id = ?", marker));
        assertEquals(0, count("SELECT count(*) FROM validation_log_hourly WHERE hour < '2020-02-01'"),
                "the hourly totals of a dropped month go with it");
        assertEquals(0, count("SELECT count(*) FROM validation_log_minutely WHERE minute < '2020-02-01'"),
                "and its per-minute totals");
        assertEquals(0, count("SELECT count(*) FROM validation_log_minute_hours WHERE hour < '2020-02-01'"),
                "and the marks of its busy hours");
        assertTrue(count("SELECT count(*) FROM validation_log_hourly WHERE hour = date_trunc('hour', ?::timestamptz, 'UTC')",
                Timestamp.from(now)) > 0, "those of the current month stay");
    }

    @Test
    void aMonthIsDroppedOnlyOnceAllOfItIsPastTheRetention() throws Exception {
        TestData.sql("SELECT create_validation_log_partitions(DATE '2021-03-01', 1)");
        try (Connection c = TestDatabase.connect()) {
            assertFalse(LogPartitions.dropBefore(c, Instant.parse("2021-03-31T23:59:59Z"))
                    .contains("validation_logs_y2021m03"));
            assertTrue(LogPartitions.dropBefore(c, Instant.parse("2021-04-01T00:00:00Z"))
                    .contains("validation_logs_y2021m03"));
        }
    }

    @Test
    void partitionsAreReadyMonthsAhead() throws Exception {
        Instant now = Instant.now();
        try (Connection c = TestDatabase.connect()) {
            LogPartitions.createAhead(c, now, 3);
            assertEquals(0, LogPartitions.createAhead(c, now, 3), "creating again changes nothing");
        }
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        for (int i = 0; i <= 3; i++) {
            String name = String.format("validation_logs_y%dm%02d", month.plusMonths(i).getYear(),
                    month.plusMonths(i).getMonthValue());
            assertEquals(1, count("SELECT count(*) FROM pg_class WHERE relname = ?", name), name);
        }
    }

    private static String partitionOf(Instant instant) {
        YearMonth month = YearMonth.from(instant.atZone(ZoneOffset.UTC));
        return String.format("validation_logs_y%dm%02d", month.getYear(), month.getMonthValue());
    }
}
