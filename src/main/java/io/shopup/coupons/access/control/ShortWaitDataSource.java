package io.shopup.coupons.access.control;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The server's data source as a library that runs its own transactions needs it on a request
 * thread: each connection waits at most {@code networkTimeoutMs} for the database (a frozen or
 * partitioned database costs the request that long, not the pool's socket timeout), and goes back
 * to the pool in auto-commit mode with its timeout as it was, whatever the library left behind.
 */
public final class ShortWaitDataSource implements DataSource {

    private static final Executor DIRECT = Runnable::run;
    private final DataSource pool;
    private final int networkTimeoutMs;

    public ShortWaitDataSource(DataSource pool, int networkTimeoutMs) {
        this.pool = pool;
        this.networkTimeoutMs = networkTimeoutMs;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = pool.getConnection();
        int before = connection.getNetworkTimeout();
        connection.setNetworkTimeout(DIRECT, networkTimeoutMs);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if ("close".equals(method.getName()) && method.getParameterCount() == 0) {
                        restoreAndClose(connection, before);
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void restoreAndClose(Connection connection, int networkTimeout) throws SQLException {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            connection.setNetworkTimeout(DIRECT, networkTimeout);
        } finally {
            connection.close();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's own credentials only");
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
