package io.shopup.coupons.couponcache.control;

import io.shopup.coupons.platform.DriverConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Runs a read of a load on a connection and thread of its own, in the snapshot the load exported
 * ({@code pg_export_snapshot()}): the users and the redemptions are read while the coupons are,
 * and all see the same database.
 */
public final class SnapshotSideReads {

    /** What {@code pg_export_snapshot()} returns; checked since SET TRANSACTION SNAPSHOT takes no parameter. */
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f-]{1,64}");

    /** A read on the side connection. */
    public interface Read<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final ThreadFactory threads;
    private final int networkTimeoutMillis;

    public SnapshotSideReads(DataSource dataSource, ThreadFactory threads, int networkTimeoutMillis) {
        this.dataSource = dataSource;
        this.threads = threads;
        this.networkTimeoutMillis = networkTimeoutMillis;
    }

    /** Starts the read; the exporting transaction must stay open until its result is taken. */
    public <T> Future<T> start(String snapshotId, String threadName, Read<T> read) {
        if (!SNAPSHOT_ID.matcher(snapshotId).matches()) {
            throw new IllegalArgumentException("not a snapshot id: " + snapshotId);
        }
        FutureTask<T> task = new FutureTask<>((Callable<T>) () -> inSnapshot(snapshotId, read));
        Thread thread = threads.newThread(task);
        thread.setName(threadName);
        thread.start();
        return task;
    }

    private <T> T inSnapshot(String snapshotId, Read<T> read) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Connection physical = DriverConnection.of(c);
            int poolTimeout = physical.getNetworkTimeout();
            physical.setNetworkTimeout(Runnable::run, networkTimeoutMillis);
            try {
                return ReadOnlySnapshot.read(c, snapshotId, () -> read.run(c));
            } finally {
                physical.setNetworkTimeout(Runnable::run, poolTimeout);
            }
        }
    }
}
