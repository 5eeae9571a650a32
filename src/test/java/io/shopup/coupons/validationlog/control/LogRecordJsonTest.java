package io.shopup.coupons.validationlog.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.shopup.coupons.validationlog.entity.LogRecord;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogRecordJsonTest {

    @Test
    void aFullRecordSurvivesTheRoundTrip() {
        LogRecord record = new LogRecord("SAVE10", "user-1", "order-1", new BigDecimal("250.00"), true, "VALID",
                new BigDecimal("25.00"), new BigDecimal("225.00"), "203.0.113.7", "Mozilla/5.0",
                new BigDecimal("3.142"), Instant.parse("2025-01-15T10:00:00.123456789Z"), 42L);

        assertEquals(record, roundTrip(record));
    }

    @Test
    void aRecordWithNullsSurvivesTheRoundTrip() {
        LogRecord record = new LogRecord(null, null, null, null, false, null, null, null, null, null, null, null,
                null);

        assertEquals(record, roundTrip(record));
    }

    @Test
    void anInvalidDecisionWithoutCouponSurvivesTheRoundTrip() {
        LogRecord record = new LogRecord("NOPE", "user-2", "order-2", new BigDecimal("10.00"), false,
                "COUPON_NOT_FOUND", new BigDecimal("0.00"), new BigDecimal("10.00"), "::1", null,
                new BigDecimal("0.087"), Instant.parse("2025-01-15T10:00:00Z"), null);

        assertEquals(record, roundTrip(record));
    }

    @Test
    void nulQuotesBackslashesAndNewlinesInTheUserAgentSurvive() {
        String userAgent = "evil\u0000agent \"quoted\" back\\slash\nsecond line\r\tand tab \u2603 \uD83D\uDE00";
        LogRecord record = withUserAgent(userAgent);

        String line = LogRecordJson.write(record);

        assertFalse(line.contains("\n"), "one record is one line: " + line);
        assertFalse(line.contains("\r"), line);
        assertFalse(line.contains("\u0000"), "PostgreSQL text cannot hold NUL: " + line);
        assertEquals(userAgent, LogRecordJson.read(line).userAgent());
        assertEquals(record, LogRecordJson.read(line));
    }

    @Test
    void theScaleOfEveryAmountIsKept() {
        LogRecord record = new LogRecord("SAVE10", "user-1", "order-1", new BigDecimal("10.50"), true, "VALID",
                new BigDecimal("1.00"), new BigDecimal("9.50"), "10.0.0.1", "agent",
                new BigDecimal("0.120"), Instant.parse("2025-01-15T10:00:00Z"), 7L);

        LogRecord back = roundTrip(record);

        assertEquals("10.50", back.orderValue().toPlainString());
        assertEquals(2, back.orderValue().scale());
        assertEquals("1.00", back.discountApplied().toPlainString());
        assertEquals("9.50", back.finalAmount().toPlainString());
        assertEquals("0.120", back.responseTimeMs().toPlainString());
        assertEquals(3, back.responseTimeMs().scale());
    }

    @Test
    void largeAndExponentNotationAmountsKeepValueAndScale() {
        LogRecord record = new LogRecord("BIG", "user-1", "order-1", new BigDecimal("1000000000.00"), true, "VALID",
                new BigDecimal("1E+3"), new BigDecimal("999999000.00"), "10.0.0.1", "agent",
                new BigDecimal("0.000"), Instant.parse("2025-01-15T10:00:00Z"), Long.MAX_VALUE);

        assertEquals(record, roundTrip(record));
    }

    private static LogRecord roundTrip(LogRecord record) {
        return LogRecordJson.read(LogRecordJson.write(record));
    }

    private static LogRecord withUserAgent(String userAgent) {
        return new LogRecord("SAVE10", "user-1", "order-1", new BigDecimal("100.00"), true, "VALID",
                new BigDecimal("10.00"), new BigDecimal("90.00"), "10.0.0.1", userAgent,
                new BigDecimal("1.250"), Instant.parse("2025-01-15T10:00:00Z"), 1L);
    }
}
