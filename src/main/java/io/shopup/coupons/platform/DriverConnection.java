package io.shopup.coupons.platform;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * The JDBC driver's own connection under the pool's wrapper: network timeouts and aborts must be
 * set on it, since Payara's wrapper does not pass them on.
 */
public final class DriverConnection {

    private DriverConnection() {
    }

    /** The driver's connection, or the given one when it does not wrap one this application can see. */
    public static Connection of(Connection c) {
        try {
            if (c.isWrapperFor(PGConnection.class)) {
                PGConnection pg = c.unwrap(PGConnection.class);
                if (pg instanceof Connection driver) {
                    return driver;
                }
            }
        } catch (SQLException | LinkageError | ClassCastException e) {
            // The pool's driver classes are not this application's: the pool's connection then.
        }
        return c;
    }
}
