package io.shopup.coupons.validationlog.control;

import io.shopup.coupons.validationlog.entity.LogEntry;
import io.shopup.coupons.validationlog.entity.LogRecord;
import io.shopup.coupons.platform.JdbcValues;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit reads of the validation log (statistics are {@link StatsQuery}): the listing walks
 * an index newest first (by code, by user, by validity or by time) with keyset pagination on
 * {@code (validated_at, id)}.
 */
public final class LogQueries {

    static final String LIST = """
            SELECT id, coupon_code, user_id, order_id, order_value, is_valid, validation_reason, discount_applied,
                   final_amount, ip_address, user_agent, response_time_ms, validated_at, coupon_id
              FROM validation_logs
             WHERE true""";

    private LogQueries() {
    }

    /**
     * @param before the keyset position: only rows strictly older than (validatedAt, id); null for the newest
     */
    public static List<LogEntry> list(EntityManager em, LogFilter filter, LogCursor before, int limit) {
        StringBuilder sql = new StringBuilder(LIST);
        List<Object> params = new ArrayList<>();
        if (filter.code() != null) {
            sql.append(" AND coupon_code = ?");
            params.add(filter.code());
        }
        if (filter.userId() != null) {
            sql.append(" AND user_id = ?");
            params.add(filter.userId());
        }
        if (filter.valid() != null) {
            sql.append(" AND is_valid = ?");
            params.add(filter.valid());
        }
        if (before != null) {
            sql.append(" AND (validated_at, id) < (?, ?)");
            params.add(Timestamp.from(before.validatedAt()));
            params.add(before.id());
        }
        sql.append(" ORDER BY validated_at DESC, id DESC LIMIT ?");
        params.add(limit);
        Query query = em.createNativeQuery(sql.toString(), Tuple.class);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = query.getResultList();
        return rows.stream().map(LogQueries::entry).toList();
    }

    /** Which rows the listing shows; null means any. */
    public record LogFilter(String code, String userId, Boolean valid) {
    }

    private static LogEntry entry(Tuple row) {
        Number couponId = (Number) row.get("coupon_id");
        return new LogEntry(((Number) row.get("id")).longValue(), new LogRecord(
                row.get("coupon_code", String.class), row.get("user_id", String.class),
                row.get("order_id", String.class), row.get("order_value", BigDecimal.class),
                row.get("is_valid", Boolean.class), row.get("validation_reason", String.class),
                row.get("discount_applied", BigDecimal.class), row.get("final_amount", BigDecimal.class),
                row.get("ip_address", String.class), row.get("user_agent", String.class),
                row.get("response_time_ms", BigDecimal.class), JdbcValues.instant(row.get("validated_at")),
                couponId == null ? null : couponId.longValue()));
    }
}
