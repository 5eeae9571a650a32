package io.shopup.coupons.validationlog.control;

import io.shopup.coupons.platform.CopyCsv;
import io.shopup.coupons.validationlog.entity.LogRecord;
import java.util.List;

/**
 * Records as PostgreSQL's COPY CSV: text always quoted (quotes doubled), so that an empty string
 * stays empty; a missing value is an unquoted empty field, which COPY reads as NULL.
 */
final class LogRecordCsv {

    private LogRecordCsv() {
    }

    static String write(List<LogRecord> records) {
        StringBuilder csv = new StringBuilder(records.size() * 160);
        for (LogRecord r : records) {
            text(csv, r.couponCode()).append(',');
            text(csv, r.userId()).append(',');
            text(csv, r.orderId()).append(',');
            plain(csv, r.orderValue()).append(',');
            csv.append(r.valid()).append(',');
            text(csv, r.reason()).append(',');
            plain(csv, r.discountApplied()).append(',');
            plain(csv, r.finalAmount()).append(',');
            text(csv, r.ipAddress()).append(',');
            text(csv, r.userAgent()).append(',');
            plain(csv, r.responseTimeMs()).append(',');
            plain(csv, r.validatedAt()).append(',');
            plain(csv, r.couponId()).append('\n');
        }
        return csv.toString();
    }

    private static StringBuilder text(StringBuilder csv, String value) {
        return CopyCsv.text(csv, value);
    }

    private static StringBuilder plain(StringBuilder csv, Object value) {
        return value == null ? csv : csv.append(value);
    }
}
