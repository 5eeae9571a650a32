package io.shopup.coupons.problems;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.QueryTimeoutException;
import jakarta.resource.ResourceException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Tells a database that cannot answer now (a 503) from a bug (a 500). */
public final class DatabaseFaults {

    private DatabaseFaults() {
    }

    /**
     * True when anything in the cause chain says the database is unreachable, restarting, out of
     * connections or too slow: SQLSTATE classes 08 (connection), 53 (resources), 57 (operator
     * intervention, including statement timeouts), or the pool failing to hand out a connection.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseUnavailableException
                    || t instanceof ResourceException
                    || t instanceof QueryTimeoutException
                    || t instanceof LockTimeoutException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && isUnavailableState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static boolean isUnavailableState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57"));
    }
}
