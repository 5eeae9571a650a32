package io.shopup.coupons.couponcache.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs a load's reads in one repeatable-read, read-only transaction with room for whole tables
 * (the pool's statement timeout is for requests), optionally in a snapshot another transaction
 * exported; the connection leaves in autocommit, as it came.
 */
final class ReadOnlySnapshot {

    /** Reads that see one snapshot. */
    interface Reads<T> {
        T run() throws SQLException;
    }

    private ReadOnlySnapshot() {
    }

    /** @param exported a {@code pg_export_snapshot()} id to read in, or null for a snapshot of its own */
    static <T> T read(Connection c, String exported, Reads<T> reads) throws SQLException {
        c.setAutoCommit(false);
        try (Statement settings = c.createStatement()) {
            settings.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            if (exported != null) {
                settings.execute("SET TRANSACTION SNAPSHOT '" + exported + "'");
            }
            settings.execute("SET LOCAL statement_timeout = '5min'");
            settings.execute("SET LOCAL work_mem = '64MB'");
            T result = reads.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // The connection is broken; whoever holds it replaces it.
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
