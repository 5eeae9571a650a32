package io.shopup.coupons.schema;

import io.shopup.coupons.platform.DriverConnection;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool's connections for Flyway, each with a long network timeout while Flyway holds it: the
 * pool's 5 s read timeout is for requests, and a migration that fills a table from millions of
 * rows waits longer than that for its answer. The pool's timeout is restored when Flyway closes
 * the connection (returns it to the pool). Statement timeouts are each migration's own business
 * ({@code SET LOCAL statement_timeout}).
 */
final class MigrationConnections implements DataSource {

    static final int NETWORK_TIMEOUT_MS = 3_600_000;

    private final DataSource pool;

    MigrationConnections(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return withLongTimeout(pool.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return withLongTimeout(pool.getConnection(user, password));
    }

    private static Connection withLongTimeout(Connection connection) throws SQLException {
        Connection driver = DriverConnection.of(connection);
        int poolTimeout = driver.getNetworkTimeout();
        driver.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MS);
        return (Connection) Proxy.newProxyInstance(MigrationConnections.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        try {
                            if (!driver.isClosed()) {
                                driver.setNetworkTimeout(Runnable::run, poolTimeout);
                            }
                        } finally {
                            connection.close();
                        }
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
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
