package io.shopup.coupons.redemption.control;

import io.shopup.coupons.redemption.entity.Outcome;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Runs a transaction again when PostgreSQL aborted it for a reason that a new attempt resolves: a
 * serialization failure, a deadlock, or a unique index that a concurrent writer filled first
 * (rows written in SQL do not take the coupon's lock). At most {@link #ATTEMPTS} attempts.
 */
public final class TransientRetry {

    static final int ATTEMPTS = 3;

    private TransientRetry() {
    }

    public static Outcome run(Supplier<Outcome> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                String state = sqlState(e);
                if (state == null || attempt >= ATTEMPTS) {
                    if ("23505".equals(state)) {
                        return Outcome.of(AnswerJson.problem(409, "concurrent-change", "Concurrent change",
                                "Another change of the same coupon and order came first; retry the request."));
                    }
                    throw e;
                }
            }
        }
    }

    /** The SQLSTATE when it is one worth another attempt, else null. */
    static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if ("40001".equals(state) || "40P01".equals(state) || "23505".equals(state)) {
                    return state;
                }
            }
        }
        return null;
    }
}
