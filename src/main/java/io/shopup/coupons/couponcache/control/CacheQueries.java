package io.shopup.coupons.couponcache.control;

import io.shopup.coupons.coupon.entity.CouponSnapshot;
import io.shopup.coupons.coupon.entity.CouponStatus;
import io.shopup.coupons.coupon.entity.CouponType;
import io.shopup.coupons.coupon.entity.DiscountType;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.postgresql.PGConnection;

/**
 * The reads that fill the cache: whole tables when it loads, and the changed rows when PostgreSQL
 * notifies a change. They run on the listener's own connection. Whole tables are streamed
 * ({@link #ROWS_PER_FETCH} at a time, inside the load's transaction) straight into the cache's
 * structures, so that a load never holds the rows and the result at once.
 */
public final class CacheQueries {

    /**
     * The window's ends come as microseconds since the epoch: Payara's result set looks up
     * {@code getObject(int, OffsetDateTime.class)} by reflection on every call, which took a
     * quarter of a million coupons' load time, and a number is parsed faster than a timestamp.
     * {@code infinity} and {@code -infinity} become the largest and the smallest number.
     */
    static final String COUPONS = """
            SELECT id, code, type, user_id, status, discount_type, discount_value, max_discount,
                   min_order_value, usage_limit, per_user_limit,
                   %s, %s
              FROM coupons""".formatted(micros("valid_from"), micros("valid_until"));
    static final String COUPONS_BY_ID = COUPONS + " WHERE id = ANY (?)";
    /** By coupon, so that each coupon's redemptions are built and frozen before the next one's. */
    static final String USAGE = "SELECT coupon_id, user_id, order_id FROM coupon_usage ORDER BY coupon_id";
    /** Holds with status HELD (few: each lives minutes); those past their expiry count as nothing. */
    static final String HOLDS = "SELECT CAST(id AS text), coupon_id, user_id, order_id,"
            + " CAST(extract(epoch FROM expires_at) * 1000 AS bigint) FROM coupon_reservations WHERE status = 'HELD'";
    /**
     * In the primary key's order, read from its index without a sort: the byte order
     * {@link SortedIds} keeps wherever the database's collation is C or C.UTF-8, and for ids of
     * one case and no punctuation in most others. Ten million users: 1.9 s in PostgreSQL where the
     * sort below takes 8.5 s (it spills to disk).
     */
    static final String USERS_IN_KEY_ORDER = "SELECT id FROM users ORDER BY id";
    /** In the byte order {@link SortedIds} keeps whatever the collation, so that loading needs no sort in Java. */
    static final String USERS = "SELECT id FROM users ORDER BY id COLLATE \"C\"";
    /** The planner's estimate: counting ten million rows exactly would take a second. */
    static final String USERS_ESTIMATE = "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = 'users'::regclass";
    static final String USERS_BY_ID = "SELECT id FROM users WHERE id = ANY (?)";
    static final int ROWS_PER_FETCH = 10_000;

    private static final Logger LOG = Logger.getLogger(CacheQueries.class.getName());

    /** Until a load finds otherwise, the primary key's order is the ids' byte order. */
    private static volatile boolean keyOrderIsByteOrder = true;

    private CacheQueries() {
    }

    private static String micros(String column) {
        return ("CAST(CASE WHEN isfinite(%1$s) THEN extract(epoch FROM %1$s) * 1000000"
                + " WHEN %1$s > now() THEN " + Long.MAX_VALUE + " WHEN %1$s < now() THEN " + Long.MIN_VALUE
                + " END AS bigint)").formatted(column);
    }

    static boolean keyOrderIsByteOrder() {
        return keyOrderIsByteOrder;
    }

    /** What the current transaction sees; the first statement of a load, so that it fixes the snapshot. */
    public static TxSnapshot snapshot(Connection c) throws SQLException {
        try (Statement statement = c.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_current_snapshot()::text")) {
            rs.next();
            return TxSnapshot.parse(rs.getString(1));
        }
    }

    /** Names the current snapshot, for {@link SnapshotSideReads} to read in it too. */
    public static String exportSnapshot(Connection c) throws SQLException {
        try (Statement statement = c.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    public static int couponCount(Connection c) throws SQLException {
        try (Statement statement = c.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM coupons")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Streams every coupon into {@code into}; equal values are shared (see {@link SharedValues}). */
    public static void coupons(Connection c, CouponSink into) throws SQLException {
        SharedValues shared = new SharedValues();
        try (Statement statement = c.createStatement()) {
            statement.setFetchSize(ROWS_PER_FETCH);
            try (ResultSet rs = statement.executeQuery(COUPONS)) {
                while (rs.next()) {
                    into.accept(coupon(rs, shared));
                }
            }
        }
    }

    public static Map<Long, CouponSnapshot> coupons(Connection c, Collection<Long> ids) throws SQLException {
        Map<Long, CouponSnapshot> found = new HashMap<>();
        SharedValues shared = new SharedValues();
        try (PreparedStatement statement = c.prepareStatement(COUPONS_BY_ID)) {
            statement.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    CouponSnapshot coupon = coupon(rs, shared);
                    found.put(coupon.id(), coupon);
                }
            }
        }
        return found;
    }

    /** Streams every redemption, handing over each coupon's as soon as its last row is read. */
    public static void redemptions(Connection c, RedemptionSink into) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.setFetchSize(ROWS_PER_FETCH);
            try (ResultSet rs = statement.executeQuery(USAGE)) {
                long couponId = 0;
                Redemptions.Builder builder = null;
                while (rs.next()) {
                    long id = rs.getLong(1);
                    if (builder != null && id != couponId) {
                        into.accept(couponId, builder.build());
                        builder = null;
                    }
                    if (builder == null) {
                        builder = new Redemptions.Builder();
                        couponId = id;
                    }
                    builder.add(rs.getString(2), rs.getString(3));
                }
                if (builder != null) {
                    into.accept(couponId, builder.build());
                }
            }
        }
    }

    public static List<LiveHolds.Hold> holds(Connection c) throws SQLException {
        List<LiveHolds.Hold> holds = new ArrayList<>();
        try (Statement statement = c.createStatement()) {
            statement.setFetchSize(ROWS_PER_FETCH);
            try (ResultSet rs = statement.executeQuery(HOLDS)) {
                while (rs.next()) {
                    holds.add(new LiveHolds.Hold(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getLong(5)));
                }
            }
        }
        return holds;
    }

    /** All user ids, copied in PostgreSQL's text format straight into the compact set. */
    public static SortedIds users(Connection c) throws SQLException {
        int estimate;
        try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery(USERS_ESTIMATE)) {
            estimate = rs.next() ? (int) Math.min(Integer.MAX_VALUE / 16, rs.getLong(1)) : 0;
        }
        if (keyOrderIsByteOrder) {
            SortedIds inKeyOrder = copyUsers(c, USERS_IN_KEY_ORDER, estimate);
            if (inKeyOrder != null) {
                return inKeyOrder;
            }
            keyOrderIsByteOrder = false;
            LOG.info("The users' primary key does not order ids by their bytes (the database's collation):"
                    + " from now on the cache has PostgreSQL sort them, which takes longer");
        }
        SortedIds sorted = copyUsers(c, USERS, estimate);
        if (sorted == null) {
            throw new SQLException("the users did not come in byte order from ORDER BY id COLLATE \"C\"");
        }
        return sorted;
    }

    /** The users' ids in the query's order; null if they did not come in ascending byte order. */
    private static SortedIds copyUsers(Connection c, String query, int estimate) throws SQLException {
        SortedIds.Builder ids = new SortedIds.Builder(estimate);
        UserIdsCopy copy = new UserIdsCopy(ids);
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + query + ") TO STDOUT", copy);
        } catch (IOException e) {
            throw new SQLException("the users' COPY failed", e);
        }
        if (!copy.inByteOrder()) {
            return null;
        }
        if (!copy.complete()) {
            throw new SQLException("the users' COPY ended inside a line");
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

    /** Receives coupons as a load streams them. */
    public interface CouponSink {
        void accept(CouponSnapshot coupon);
    }

    /** Receives each coupon's redemptions as a load streams them. */
    public interface RedemptionSink {
        void accept(long couponId, Redemptions redemptions);
    }

    private static CouponSnapshot coupon(ResultSet rs, SharedValues shared) throws SQLException {
        return new CouponSnapshot(rs.getLong(1),
                rs.getString(2),
                CouponType.valueOf(rs.getString(3)),
                rs.getString(4),
                CouponStatus.valueOf(rs.getString(5)),
                DiscountType.valueOf(rs.getString(6)),
                shared.of(rs.getBigDecimal(7)),
                shared.of(rs.getBigDecimal(8)),
                shared.of(rs.getBigDecimal(9)),
                shared.of((Integer) rs.getObject(10)),
                shared.of((Integer) rs.getObject(11)),
                shared.of(instant(rs, 12)),
                shared.of(instant(rs, 13)));
    }

    /** A column of microseconds since the epoch, or null. */
    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long micros = rs.getLong(column);
        if (rs.wasNull()) {
            return null;
        }
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
