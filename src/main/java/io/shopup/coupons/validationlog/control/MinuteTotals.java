package io.shopup.coupons.validationlog.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-minute totals of busy coupon-hours (migration V11): an hour that got busy while it ran
 * has them from its mark on, one that got busy after it ended (a spill replayed late) has none.
 * Once such an hour has ended, its minutes are counted from its rows, so that a period's edge in
 * it reads no rows but those of its partial minutes.
 */
public final class MinuteTotals {

    /** Rows of an hour still arriving just after it ended are written before it is filled. */
    static final Duration SETTLE = Duration.ofMinutes(2);

    static final String PENDING = """
            SELECT coupon_code, hour FROM validation_log_minute_hours
             WHERE from_minute > hour AND hour < ?
             ORDER BY hour, coupon_code
             LIMIT ?""";

    private MinuteTotals() {
    }

    /**
     * Fills at most {@code most} ended busy hours, each in a transaction of its own (each holds the
     * log's writers back only while its own rows are counted).
     *
     * @return the hours filled
     */
    public static int fillEndedHours(Connection c, Instant now, int most) throws SQLException {
        List<BusyHour> pending = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(PENDING)) {
            select.setTimestamp(1, Timestamp.from(now.minus(Duration.ofHours(1)).minus(SETTLE)));
            select.setInt(2, most);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    pending.add(new BusyHour(rs.getString(1), rs.getTimestamp(2)));
                }
            }
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        int filled = 0;
        try (Statement timeout = c.createStatement();
             PreparedStatement fill = c.prepareStatement("SELECT fill_validation_log_minutes(?, ?)")) {
            for (BusyHour hour : pending) {
                // A writer stuck in a long transaction must not keep every later one waiting behind the lock.
                timeout.execute("SET LOCAL lock_timeout = '2s'");
                fill.setString(1, hour.code());
                fill.setTimestamp(2, hour.start());
                try (ResultSet rs = fill.executeQuery()) {
                    rs.next();
                    filled += rs.getBoolean(1) ? 1 : 0;
                }
                c.commit();
            }
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return filled;
    }

    private record BusyHour(String code, Timestamp start) {
    }
}
