package io.shopup.coupons.testsupport;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;

/**
 * Seeds rows straight into the test database with plain SQL, as an operator or a seed script
 * would, and waits until the service's coupon cache has them ({@link CacheSync}). Every test makes its own codes with {@link #uniqueCode(String)}, so tests do not depend
 * on each other or on their order.
 */
public final class TestData {

    private TestData() {
    }

    public static String uniqueCode(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    public static String uniqueUser() {
        return "user_t" + UUID.randomUUID().toString().substring(0, 12);
    }

    public static String user(String id) {
        sql("INSERT INTO users (id, email) VALUES (?, ?) ON CONFLICT (id) DO NOTHING", id, id + "@example.com");
        return id;
    }

    public static void usage(long couponId, String userId, String orderId) {
        sql("INSERT INTO coupon_usage (coupon_id, user_id, order_id, discount_applied) VALUES (?, ?, ?, 1.00)",
                couponId, userId, orderId);
    }

    public static CouponRow userCoupon(String code, String userId) {
        return new CouponRow(code, "USER_SPECIFIC", userId);
    }

    public static CouponRow timeCoupon(String code, Instant from, Instant until) {
        CouponRow coupon = new CouponRow(code, "TIME_SPECIFIC", null);
        coupon.validFrom = from;
        coupon.validUntil = until;
        return coupon;
    }

    /** A coupon row to insert; defaults: ACTIVE, PERCENT 10, no cap, no minimum, no limits. */
    public static final class CouponRow {
        final String code;
        final String type;
        final String userId;
        String status = "ACTIVE";
        String discountType = "PERCENT";
        BigDecimal discountValue = new BigDecimal("10");
        BigDecimal maxDiscount;
        BigDecimal minOrderValue = BigDecimal.ZERO;
        Integer usageLimit;
        Integer perUserLimit;
        Instant validFrom;
        Instant validUntil;

        CouponRow(String code, String type, String userId) {
            this.code = code;
            this.type = type;
            this.userId = userId;
        }

        public CouponRow status(String value) {
            status = value;
            return this;
        }

        public CouponRow percent(String value, String cap) {
            discountType = "PERCENT";
            discountValue = new BigDecimal(value);
            maxDiscount = cap == null ? null : new BigDecimal(cap);
            return this;
        }

        public CouponRow fixed(String amount) {
            discountType = "FIXED";
            discountValue = new BigDecimal(amount);
            return this;
        }

        public CouponRow minOrder(String value) {
            minOrderValue = new BigDecimal(value);
            return this;
        }

        public CouponRow limits(Integer total, Integer perUser) {
            usageLimit = total;
            perUserLimit = perUser;
            return this;
        }

        public CouponRow window(Instant from, Instant until) {
            validFrom = from;
            validUntil = until;
            return this;
        }

        /** Inserts the coupon (or keeps an existing one with this code) and returns its id. */
        public long insert() {
            try (Connection c = TestDatabase.connect();
                 PreparedStatement insert = c.prepareStatement("""
                         INSERT INTO coupons (code, type, user_id, status, discount_type, discount_value,
                                              max_discount, min_order_value, usage_limit, per_user_limit,
                                              valid_from, valid_until)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                         ON CONFLICT (code) DO UPDATE SET code = EXCLUDED.code
                         RETURNING id""")) {
                bind(insert, code, type, userId, status, discountType, discountValue, maxDiscount, minOrderValue,
                        usageLimit, perUserLimit, validFrom, validUntil);
                long id;
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                CacheSync.await();
                return id;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Runs a statement; a change to coupons, redemptions or users is in the service's cache on return. */
    public static void sql(String sql, Object... params) {
        sqlUnsynced(sql, params);
        CacheSync.await();
    }

    /** Runs a statement without waiting for the service's cache: for tests of the cache itself. */
    public static void sqlUnsynced(String sql, Object... params) {
        try (Connection c = TestDatabase.connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, params);
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(String sql, Object... params) {
        try (Connection c = TestDatabase.connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, params);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of a query, one line each, for failure messages. */
    public static String rows(String sql, Object... params) {
        StringBuilder text = new StringBuilder();
        try (Connection c = TestDatabase.connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, params);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    text.append('\n');
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        text.append(i > 1 ? " | " : "").append(rs.getString(i));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    private static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object value = params[i];
            if (value instanceof Instant instant) {
                statement.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (value == null) {
                statement.setNull(i + 1, Types.NULL);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}
