package io.shopup.coupons.couponcache.control;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * How long a whole load took, and its parts: the coupons on the listener's connection, their
 * redemptions and the users beside them, each on a connection of its own. The longest is what a
 * start waits for; the log says which it was.
 */
public record LoadTimes(long totalMillis, long couponsMillis, long redemptionsMillis, long usersMillis) {

    @Override
    public String toString() {
        return totalMillis + " ms (coupons " + couponsMillis + " ms; beside them redemptions " + redemptionsMillis
                + " ms and users " + usersMillis + " ms)";
    }

    interface Read<T> {
        T run() throws SQLException;
    }

    /** Times the parts as they run, on whichever thread runs them. */
    static final class Clock {
        private final long started = System.nanoTime();
        private volatile long coupons;
        private volatile long redemptions;
        private volatile long users;

        <T> T coupons(Read<T> read) throws SQLException {
            return timed(read, nanos -> coupons = nanos);
        }

        <T> T redemptions(Read<T> read) throws SQLException {
            return timed(read, nanos -> redemptions = nanos);
        }

        <T> T users(Read<T> read) throws SQLException {
            return timed(read, nanos -> users = nanos);
        }

        private static <T> T timed(Read<T> read, LongConsumer took) throws SQLException {
            long start = System.nanoTime();
            T result = read.run();
            took.accept(System.nanoTime() - start);
            return result;
        }

        LoadTimes done() {
            return new LoadTimes(millis(System.nanoTime() - started), millis(coupons), millis(redemptions), millis(users));
        }

        private static long millis(long nanos) {
            return TimeUnit.NANOSECONDS.toMillis(nanos);
        }
    }
}
