package io.shopup.coupons.problems;

import jakarta.ejb.ApplicationException;

/**
 * The database could not answer in time: unreachable, restarting, or too slow. An application
 * exception so that the EJB container passes it through without logging a stack trace per request.
 */
@ApplicationException(rollback = true)
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(Throwable cause) {
        super("The database is unavailable", cause);
    }
}
