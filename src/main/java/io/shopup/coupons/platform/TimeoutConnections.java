package io.shopup.coupons.platform;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool's connections for a user with a network timeout of its own (a migration that waits an
 * hour, a request thread that waits half a second), set on the driver's connection (see
 * {@link DriverConnection}) and put back as the pool had it when the user closes the connection.
 * For a library that runs its own transactions, {@code endTransactions} also rolls back what it
 * left open and restores auto-commit before the connection goes back to the pool.
 */
public final class TimeoutConnections implements DataSource {

    private final DataSource pool;
    private final int networkTimeoutMs;
    private final boolean endTransactions;

    public TimeoutConnections(DataSource pool, int networkTimeoutMs, boolean endTransactions) {
        this.pool = pool;
        this.networkTimeoutMs = networkTimeoutMs;
        this.endTransactions = endTransactions;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return withTimeout(pool.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return withTimeout(pool.getConnection(user, password));
    }

    private Connection withTimeout(Connection connection) throws SQLException {
        Connection driver = DriverConnection.of(connection);
        int poolTimeout = driver.getNetworkTimeout();
        driver.setNetworkTimeout(Runnable::run, networkTimeoutMs);
        return (Connection) Proxy.newProxyInstance(TimeoutConnections.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        close(connection, driver, poolTimeout);
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void close(Connection connection, Connection driver, int poolTimeout) throws SQLException {
        try {
            if (!driver.isClosed()) {
                if (endTransactions && !connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                driver.setNetworkTimeout(Runnable::run, poolTimeout);
            }
        } finally {
            connection.close();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return pool.isWrapperFor(type);
    }
}
