package io.shopup.coupons.validationlog.control;

import static io.shopup.coupons.testsupport.TestData.count;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shopup.coupons.testsupport.TestData;
import io.shopup.coupons.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Counting an ended busy hour's minutes from its rows (V11's fill_validation_log_minutes) while
 * late rows of that hour keep arriving and two instances fill at once: one fill does the work,
 * and every row is in the per-minute totals exactly once.
 */
class MinuteTotalsIT {

    private static final String INSERT_ROWS = """
            INSERT INTO validation_logs (coupon_code, user_id, is_valid, validation_reason, response_time_ms, validated_at)
            SELECT ?, 'minute-totals', true, 'VALID', 1.5, CAST(? AS timestamptz) + (g * 7 % 3600) * INTERVAL '1 second'
              FROM generate_series(1, ?) g""";

    @Test
    void fillsRacingLateWritesCountEveryRowOnce() throws Exception {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        TestData.sql("SELECT create_validation_log_partitions(CAST(? AS date), 1)",
                java.sql.Date.valueOf(LocalDate.ofInstant(hour, ZoneOffset.UTC)));
        String code = "MINUTES-" + UUID.randomUUID();
        insert(code, hour, 600);
        assertEquals(1, count("SELECT count(*) FROM validation_log_minute_hours WHERE coupon_code = ? AND from_minute > hour",
                code), "an hour busy only once it ended waits for its minutes");

        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> work = new ArrayList<>();
        for (int writer = 0; writer < 2; writer++) {
            work.add(() -> {
                start.await();
                for (int write = 0; write < 20; write++) {
                    insert(code, hour, 10);
                }
                return 0;
            });
        }
        for (int filler = 0; filler < 2; filler++) {
            work.add(() -> {
                start.await();
                return fill(code, hour) ? 1 : 0;
            });
        }
        ExecutorService threads = Executors.newFixedThreadPool(work.size());
        int filled = 0;
        try {
            List<Future<Integer>> running = new ArrayList<>();
            for (Callable<Integer> task : work) {
                running.add(threads.submit(task));
            }
            start.countDown();
            for (Future<Integer> task : running) {
                filled += task.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertEquals(1, filled, "one of the two fills counts the hour");
        assertEquals(1, count("SELECT count(*) FROM validation_log_minute_hours WHERE coupon_code = ? AND from_minute = hour",
                code));
        assertEquals(1_000, count("SELECT count(*) FROM validation_logs WHERE coupon_code = ?", code));
        assertEquals(1_000, count("SELECT sum(attempts) FROM validation_log_minutely WHERE coupon_code = ?", code),
                "every row in the minutes once, those written before, during and after the fill");
        assertEquals(1_000, count("SELECT sum(n) FROM validation_log_minutely_times WHERE coupon_code = ?", code));
    }

    private static void insert(String code, Instant hour, int rows) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement insert = c.prepareStatement(INSERT_ROWS)) {
            insert.setString(1, code);
            insert.setTimestamp(2, Timestamp.from(hour));
            insert.setInt(3, rows);
            insert.executeUpdate();
        }
    }

    private static boolean fill(String code, Instant hour) throws Exception {
        try (Connection c = TestDatabase.connect();
             PreparedStatement fill = c.prepareStatement("SELECT fill_validation_log_minutes(?, ?)")) {
            fill.setString(1, code);
            fill.setTimestamp(2, Timestamp.from(hour));
            try (ResultSet rs = fill.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
