package io.shopup.coupons.couponcache.control;

import io.shopup.coupons.validation.entity.CouponSnapshot;
import io.shopup.coupons.validation.entity.CouponStatus;
import io.shopup.coupons.validation.entity.CouponType;
import io.shopup.coupons.validation.entity.DiscountType;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reads that fill the cache: whole tables when it loads, and the changed rows when PostgreSQL
 * notifies a change. They run on the listener's own connection.
 */
public final class CacheQueries {

    static final String COUPONS = """
            SELECT id, code, type, user_id, status, discount_type, discount_value, max_discount,
                   min_order_value, usage_limit, per_user_limit, valid_from, valid_until
              FROM coupons""";
    static final String COUPONS_BY_ID = COUPONS + " WHERE id = ANY (?)";
    static final String USAGE = "SELECT coupon_id, user_id, order_id FROM coupon_usage";
    static final String USAGE_BY_COUPON = USAGE + " WHERE coupon_id = ANY (?)";
    /** In the byte order {@link SortedIds} keeps, so that loading needs no sort in Java. */
    static final String USERS = "SELECT id FROM users ORDER BY id COLLATE \"C\"";
    static final String USERS_BY_ID = "SELECT id FROM users WHERE id = ANY (?)";
    private static final int USERS_PER_FETCH = 10_000;

    private CacheQueries() {
    }

    public static List<CouponSnapshot> coupons(Connection c) throws SQLException {
        try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery(COUPONS)) {
            return coupons(rs);
        }
    }

    public static Map<Long, CouponSnapshot> coupons(Connection c, Collection<Long> ids) throws SQLException {
        Map<Long, CouponSnapshot> found = new HashMap<>();
        try (PreparedStatement statement = c.prepareStatement(COUPONS_BY_ID)) {
            statement.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                for (CouponSnapshot coupon : coupons(rs)) {
                    found.put(coupon.id(), coupon);
                }
            }
        }
        return found;
    }

    public static Map<Long, Redemptions> redemptions(Connection c) throws SQLException {
        try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery(USAGE)) {
            return redemptions(rs);
        }
    }

    /** The redemptions of the given coupons; a coupon with none is absent from the map. */
    public static Map<Long, Redemptions> redemptions(Connection c, Collection<Long> couponIds) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(USAGE_BY_COUPON)) {
            statement.setArray(1, c.createArrayOf("bigint", couponIds.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                return redemptions(rs);
            }
        }
    }

    /** All user ids; streamed in pages, so that a million ids never sit in memory as strings. */
    public static SortedIds users(Connection c) throws SQLException {
        SortedIds.Builder ids = new SortedIds.Builder(1_000_000);
        try (Statement statement = c.createStatement()) {
            statement.setFetchSize(USERS_PER_FETCH);
            try (ResultSet rs = statement.executeQuery(USERS)) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids.build();
    }

    /** Which of the given user ids exist. */
    public static Set<String> existingUsers(Connection c, Collection<String> ids) throws SQLException {
        Set<String> found = new HashSet<>();
        try (PreparedStatement statement = c.prepareStatement(USERS_BY_ID)) {
            Array array = c.createArrayOf("text", ids.toArray());
            statement.setArray(1, array);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    private static List<CouponSnapshot> coupons(ResultSet rs) throws SQLException {
        List<CouponSnapshot> coupons = new ArrayList<>();
        while (rs.next()) {
            coupons.add(new CouponSnapshot(rs.getLong("id"),
                    rs.getString("code"),
                    CouponType.valueOf(rs.getString("type")),
                    rs.getString("user_id"),
                    CouponStatus.valueOf(rs.getString("status")),
                    DiscountType.valueOf(rs.getString("discount_type")),
                    rs.getBigDecimal("discount_value"),
                    rs.getBigDecimal("max_discount"),
                    rs.getBigDecimal("min_order_value"),
                    (Integer) rs.getObject("usage_limit"),
                    (Integer) rs.getObject("per_user_limit"),
                    instant(rs, "valid_from"),
                    instant(rs, "valid_until")));
        }
        return coupons;
    }

    private static Map<Long, Redemptions> redemptions(ResultSet rs) throws SQLException {
        Map<Long, Redemptions.Builder> byCoupon = new HashMap<>();
        while (rs.next()) {
            byCoupon.computeIfAbsent(rs.getLong("coupon_id"), id -> new Redemptions.Builder())
                    .add(rs.getString("user_id"), rs.getString("order_id"));
        }
        Map<Long, Redemptions> built = new HashMap<>();
        byCoupon.forEach((id, builder) -> built.put(id, builder.build()));
        return built;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
