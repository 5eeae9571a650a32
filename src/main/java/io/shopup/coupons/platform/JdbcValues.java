package io.shopup.coupons.platform;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Values as native queries return them, in the types the code uses. */
public final class JdbcValues {

    private JdbcValues() {
    }

    /** The JDBC driver reports timestamptz as a plain timestamp; accept every shape it may take. */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return (Instant) value;
    }
}
