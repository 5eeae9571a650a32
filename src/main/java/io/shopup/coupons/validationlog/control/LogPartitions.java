package io.shopup.coupons.validationlog.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monthly partitions of {@code validation_logs} (named {@code validation_logs_yYYYYmMM}, UTC):
 * created ahead of time, and dropped whole once every row in them is past the retention.
 */
public final class LogPartitions {

    private static final Pattern NAME = Pattern.compile("validation_logs_y(\\d{4})m(\\d{2})");
    static final String PARTITIONS = """
            SELECT c.relname FROM pg_inherits i
              JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = 'validation_logs'::regclass""";

    private LogPartitions() {
    }

    /** Creates the partitions of this month and the {@code monthsAhead} next ones, where missing. */
    public static int createAhead(Connection c, Instant now, int monthsAhead) throws SQLException {
        try (PreparedStatement create = c.prepareStatement("SELECT create_validation_log_partitions(?, ?)")) {
            create.setObject(1, LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1));
            create.setInt(2, monthsAhead + 1);
            try (ResultSet rs = create.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Drops the partitions whose whole month ended before {@code cutoff}; returns their names. */
    public static List<String> dropBefore(Connection c, Instant cutoff) throws SQLException {
        List<String> expired = new ArrayList<>();
        Instant droppedUntil = null;
        try (Statement list = c.createStatement(); ResultSet rs = list.executeQuery(PARTITIONS)) {
            while (rs.next()) {
                String name = rs.getString(1);
                Matcher m = NAME.matcher(name);
                if (m.matches() && !monthEnd(m).isAfter(cutoff)) {
                    expired.add(name);
                    droppedUntil = droppedUntil == null || monthEnd(m).isAfter(droppedUntil) ? monthEnd(m) : droppedUntil;
                }
            }
        }
        for (String name : expired) {
            try (Statement drop = c.createStatement()) {
                // The name matched the partition pattern above: it is safe to quote as an identifier.
                drop.execute("DROP TABLE \"" + name + "\"");
            }
        }
        if (droppedUntil != null) {
            forgetHoursBefore(c, droppedUntil);
        }
        return expired;
    }

    /** The hourly (V6) and per-minute (V11) totals of months whose rows are gone go with them. */
    private static void forgetHoursBefore(Connection c, Instant end) throws SQLException {
        for (String delete : List.of("DELETE FROM validation_log_hourly WHERE hour < ?",
                "DELETE FROM validation_log_hourly_times WHERE hour < ?",
                "DELETE FROM validation_log_minutely WHERE minute < ?",
                "DELETE FROM validation_log_minutely_times WHERE minute < ?",
                "DELETE FROM validation_log_minute_hours WHERE hour < ?")) {
            try (PreparedStatement statement = c.prepareStatement(delete)) {
                statement.setTimestamp(1, Timestamp.from(end));
                statement.executeUpdate();
            }
        }
    }

    /**
     * Deletes write marks older than {@code cutoff}: those a stopped service left behind. A write
     * that old could only land in a partition that retention drops anyway.
     */
    public static int forgetWritesBefore(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM validation_log_writes WHERE written_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            return delete.executeUpdate();
        }
    }

    private static Instant monthEnd(Matcher m) {
        YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        return month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
