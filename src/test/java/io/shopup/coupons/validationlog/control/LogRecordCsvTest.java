package io.shopup.coupons.validationlog.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shopup.coupons.validationlog.entity.LogRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogRecordCsvTest {

    private static final Instant AT = Instant.parse("2026-11-29T07:00:00.123456Z");

    @Test
    void textIsQuotedAndMissingValuesAreEmptyFields() {
        LogRecord record = new LogRecord("SAVE10", "user_1", "", new BigDecimal("100.00"), true, "VALID",
                new BigDecimal("10.00"), new BigDecimal("90.00"), "10.0.0.1", null, new BigDecimal("0.042"), AT, 7L);

        assertEquals("\"SAVE10\",\"user_1\",\"\",100.00,true,\"VALID\",10.00,90.00,\"10.0.0.1\",,0.042,"
                + "2026-11-29T07:00:00.123456Z,7\n", LogRecordCsv.write(List.of(record)));
    }

    @Test
    void quotesInsideTextAreDoubled() {
        LogRecord record = new LogRecord("\"Q\"", null, null, null, false, "COUPON_NOT_FOUND",
                null, null, null, "a \"b\", c\nd", null, AT, null);

        assertEquals("\"\"\"Q\"\"\",,,,false,\"COUPON_NOT_FOUND\",,,,\"a \"\"b\"\", c\nd\",,"
                + "2026-11-29T07:00:00.123456Z,\n", LogRecordCsv.write(List.of(record)));
    }
}
