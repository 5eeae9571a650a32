package io.shopup.coupons.validationlog.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.TestData;
import io.shopup.coupons.testsupport.TestDatabase;
import io.shopup.coupons.validationlog.entity.LogRecord;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * COPY writes every value as it was given, a refused batch leaves nothing behind, and a write
 * whose id is recorded already is not written again.
 */
class LogTableIT {

    private final LogTable table = new LogTable(dataSource());

    @Test
    void copyKeepsAwkwardTextEmptyStringsAndNulls() throws SQLException {
        String user = "copy-" + UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        LogRecord awkward = new LogRecord("CODE-1", user, "", new BigDecimal("10.50"), true, "VALID",
                new BigDecimal("1.05"), new BigDecimal("9.45"), "::1", "he said \"hi\", then\nleft\\",
                new BigDecimal("0.125"), at, 42L);
        LogRecord sparse = new LogRecord("CODE-2", user, null, null, false, "COUPON_NOT_FOUND", null, null, null,
                null, null, at.plusMillis(1), null);

        table.write(UUID.randomUUID().toString(), List.of(awkward, sparse), List.of());

        assertEquals(List.of(awkward, sparse), read(user));
    }

    @Test
    void aRefusedBatchWritesNothing() {
        String user = "copy-" + UUID.randomUUID();
        LogRecord fine = new LogRecord("CODE-1", user, null, new BigDecimal("10.00"), true, "VALID", null, null, null,
                null, null, Instant.now(), null);
        LogRecord tooBig = new LogRecord("CODE-1", user, null, new BigDecimal("99999999999.00"), true, "VALID", null,
                null, null, null, null, Instant.now(), null);

        String writeId = UUID.randomUUID().toString();
        SQLException refused = assertThrows(SQLException.class,
                () -> table.write(writeId, List.of(fine, tooBig), List.of()));

        assertTrue(LogTable.isRecordError(refused), refused.getSQLState());
        assertEquals(0, TestData.count("SELECT count(*) FROM validation_logs WHERE user_id = ?", user));
        assertEquals(0, TestData.count("SELECT count(*) FROM validation_log_writes WHERE write_id = ?", writeId),
                "the refused write left no mark, so it can be tried again");
    }

    @Test
    void aWriteWhoseIdIsRecordedAlreadyIsSkippedAndSettledMarksAreDeleted() throws SQLException {
        String user = "twice-" + UUID.randomUUID();
        LogRecord record = new LogRecord("CODE-1", user, null, new BigDecimal("10.00"), true, "VALID", null, null,
                null, null, null, Instant.now(), null);
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        assertTrue(table.write(first, List.of(record), List.of()));
        assertFalse(table.write(first, List.of(record), List.of()), "a retry of a write that did commit");
        assertFalse(table.deadLetter(first, record, "refused", List.of()));
        assertEquals(1, TestData.count("SELECT count(*) FROM validation_logs WHERE user_id = ?", user));

        assertTrue(table.write(second, List.of(record), List.of(first)));
        assertEquals(0, TestData.count("SELECT count(*) FROM validation_log_writes WHERE write_id = ?", first),
                "the settled mark was deleted by the next write");
        assertEquals(1, TestData.count("SELECT count(*) FROM validation_log_writes WHERE write_id = ?", second));
    }

    private static List<LogRecord> read(String user) throws SQLException {
        try (Connection c = TestDatabase.connect(); PreparedStatement select = c.prepareStatement("""
                SELECT coupon_code, user_id, order_id, order_value, is_valid, validation_reason, discount_applied,
                       final_amount, ip_address, user_agent, response_time_ms, validated_at, coupon_id
                  FROM validation_logs WHERE user_id = ? ORDER BY validated_at""")) {
            select.setString(1, user);
            try (ResultSet rs = select.executeQuery()) {
                List<LogRecord> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new LogRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                            rs.getBoolean(5), rs.getString(6), rs.getBigDecimal(7), rs.getBigDecimal(8),
                            rs.getString(9), rs.getString(10), rs.getBigDecimal(11), rs.getTimestamp(12).toInstant(),
                            rs.getObject(13, Long.class)));
                }
                return rows;
            }
        }
    }

    private static PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(TestDatabase.url());
        dataSource.setUser("postgres");
        dataSource.setPassword("postgres");
        return dataSource;
    }
}
