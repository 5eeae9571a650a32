package io.shopup.coupons.validationlog.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import io.shopup.coupons.testsupport.TestClock;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What the table asks of its connection, on a connection that only records the calls: timeouts
 * bounded by the stop deadline and put back, a statement timeout that tells the writer a smaller
 * write may fit, and a running call cut at the deadline.
 */
class LogTableDeadlineTest {

    private static final Instant NOW = Instant.parse("2025-01-15T10:00:00Z");
    private static final int POOL_NETWORK_TIMEOUT = 30_000;

    private final List<String> calls = new ArrayList<>();
    private final TestClock clock = new TestClock(NOW);
    private final LogTable table = new LogTable(dataSource());
    /** Runs when the rows are written; may throw. */
    private Rows rows = () -> { };
    /** Runs when the write's mark is taken; may throw. */
    private Rows mark = () -> { };

    interface Rows {
        void write() throws SQLException;
    }

    @Test
    void withoutADeadlineNothingIsBounded() throws SQLException {
        assertTrue(table.write("w1", List.of(LogWriterTest.record(1)), List.of()));

        assertEquals(List.of("mark", "rows", "commit", "close"), calls);
        assertEquals(0, table.callLimitMillis());
    }

    @Test
    void outsideAStopReadsWaitNoLongerThanTheReadLimitAndNoStatementTimeoutIsSet() throws SQLException {
        LogTable limited = new LogTable(dataSource(), 2_000);

        assertTrue(limited.write("w1", List.of(LogWriterTest.record(1)), List.of()));

        assertEquals(List.of("network 2000", "mark", "network 2000", "rows", "network 2000", "commit",
                "network " + POOL_NETWORK_TIMEOUT, "close"), calls);
    }

    @Test
    void withADeadlineEachStatementGetsTheTimeLeftAndThePoolsTimeoutIsPutBack() throws SQLException {
        table.limitTo(NOW.plusSeconds(3), clock);
        rows = () -> clock.advance(Duration.ofSeconds(1));

        assertTrue(table.write("w1", List.of(LogWriterTest.record(1)), List.of()));

        assertEquals(List.of("network 3000", "SET LOCAL statement_timeout = 3000", "mark", "network 3000", "rows",
                "network 2000", "commit", "network " + POOL_NETWORK_TIMEOUT, "close"), calls);
    }

    @Test
    void aStatementBegunAtOrAfterTheDeadlineStillGetsTheLeastTime() throws SQLException {
        table.limitTo(NOW.minusSeconds(1), clock);

        table.deadLetter("w1", LogWriterTest.record(1), "refused", List.of());

        assertTrue(calls.contains("SET LOCAL statement_timeout = " + CallDeadline.MIN_MILLIS), calls.toString());
        assertEquals(CallDeadline.MIN_MILLIS, table.callLimitMillis());
    }

    @Test
    void aTimeoutWhileWritingTheRowsSaysNothingCommitted() {
        rows = () -> {
            throw new SQLException("canceling statement due to statement timeout", "57014");
        };

        SQLException e = assertThrows(SQLException.class,
                () -> table.write("w1", List.of(LogWriterTest.record(1)), List.of()));

        assertTrue(e instanceof SQLTimeoutException, e.getClass().getName());
        assertTrue(LogTable.isStatementTimeout(e));
        assertEquals(List.of("mark", "rows", "rollback", "close"), calls);
    }

    @Test
    void aTimeoutBeforeTheMarkIsTakenLeavesTheOutcomeOfAnEarlierAttemptOpen() {
        mark = () -> {
            throw new SQLException("canceling statement due to statement timeout", "57014");
        };

        SQLException e = assertThrows(SQLException.class,
                () -> table.write("w1", List.of(LogWriterTest.record(1)), List.of()));

        assertFalse(e instanceof SQLTimeoutException, "perhaps it waited for an attempt that commits yet");
        assertEquals(List.of("mark", "rollback", "close"), calls);
    }

    @Test
    void aCallRunningAtTheDeadlineIsCutAndNoneAfterIt() throws SQLException {
        rows = table::abortCallInFlight;

        table.write("w1", List.of(LogWriterTest.record(1)), List.of());
        table.abortCallInFlight();

        assertEquals(List.of("mark", "rows", "abort", "commit", "close"), calls, "only the running call is cut");
    }

    private DataSource dataSource() {
        InvocationHandler statement = (proxy, method, args) -> {
            if (method.getName().equals("execute")) {
                calls.add((String) args[0]);
            }
            return defaultValue(method.getReturnType());
        };
        InvocationHandler prepared = (proxy, method, args) -> {
            switch (method.getName()) {
                case "executeUpdate" -> {
                    calls.add("mark");
                    mark.write();
                    return 1;
                }
                case "executeBatch" -> {
                    calls.add("rows");
                    rows.write();
                    return new int[] {1};
                }
                default -> {
                    return defaultValue(method.getReturnType());
                }
            }
        };
        int[] networkTimeout = {POOL_NETWORK_TIMEOUT};
        InvocationHandler connection = (proxy, method, args) -> {
            switch (method.getName()) {
                case "createStatement" -> {
                    return proxy(Statement.class, statement);
                }
                case "prepareStatement" -> {
                    return proxy(PreparedStatement.class, prepared);
                }
                case "getNetworkTimeout" -> {
                    return networkTimeout[0];
                }
                case "setNetworkTimeout" -> {
                    networkTimeout[0] = (Integer) args[1];
                    calls.add("network " + args[1]);
                    return null;
                }
                case "commit", "rollback", "close", "abort" -> {
                    calls.add(method.getName());
                    return null;
                }
                case "isWrapperFor" -> {
                    return false;
                }
                default -> {
                    return defaultValue(method.getReturnType());
                }
            }
        };
        Connection c = proxy(Connection.class, connection);
        return proxy(DataSource.class, (proxy, method, args) ->
                method.getName().equals("getConnection") ? c : defaultValue(method.getReturnType()));
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(LogTableDeadlineTest.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }
}
