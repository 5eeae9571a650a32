package io.shopup.coupons.validationlog.control;

import io.shopup.coupons.platform.DriverConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Bounds the log's database calls by a deadline, for a stop that must meet it. Once a deadline is
 * set, each statement of a call gets the time left (at least {@link #MIN_MILLIS}): as the network
 * timeout of the driver's connection, so that no read waits for the socket timeout, and as
 * PostgreSQL's {@code statement_timeout} for the call's transaction, so that the server gives up
 * too. The pool's network timeout is put back before the connection returns to the pool. The call
 * running when the time is up can be cut ({@link #abortRunning}), for one that began before the
 * deadline was set and waits on a read that no timeout bounds.
 *
 * <p>Until a deadline is set it only notes which connection the running call uses. The log's
 * calls are serialised (one writer), so one call at a time is tracked.
 */
final class CallDeadline {

    private static final Logger LOG = Logger.getLogger(CallDeadline.class.getName());
    /** The least a statement is given: one begun at the deadline can still answer in time. */
    static final int MIN_MILLIS = 100;
    /** The driver runs its timeout and abort on the caller's thread. Made with the class, not at a stop. */
    private static final Executor DIRECT = Runnable::run;

    private volatile Instant deadline;
    private volatile int readLimitMillis;
    private volatile Clock clock;
    private final Object runningLock = new Object();
    private Connection running;
    /** The thread waiting for a connection, if one is: opening one to a database that does not answer waits for the login timeout. */
    private Thread connecting;
    // The state of the running call, used by its own thread only.
    private Connection driver;
    private int poolNetworkTimeout = -1;
    private boolean statementLimited;

    /**
     * Outside a stop, how long one read of the log's may wait: a little more than the statement
     * timeout, so that a database that answers always answers first (a slow statement is cancelled
     * by the server, and the write split), while one that stopped answering holds the writer, and
     * the records arriving behind it in memory, no longer than this (the pool's socket timeout is
     * longer). 0: the pool's.
     */
    void limitReadsTo(int millis) {
        this.readLimitMillis = Math.max(0, millis);
    }

    void limitTo(Instant deadline, Clock clock) {
        this.clock = clock;
        this.deadline = deadline;
    }

    /** Milliseconds the next statement may take: 0 without a deadline (the pool's settings bound it), else the time left. */
    int millisLeft() {
        Instant until = deadline;
        if (until == null) {
            return 0;
        }
        long left = Duration.between(clock.instant(), until).toMillis();
        return (int) Math.max(MIN_MILLIS, Math.min(left, Integer.MAX_VALUE));
    }

    void begin(Connection c) {
        synchronized (runningLock) {
            running = c;
        }
        driver = null;
        poolNetworkTimeout = -1;
        statementLimited = false;
    }

    /** After {@code setAutoCommit(false)}, and again after each rollback the call goes on from. */
    void startTransaction(Connection c) throws SQLException {
        statementLimited = false;
        beforeStatement(c);
    }

    /** Bounds the next statement; a call that began before the deadline was set is bounded from here on. */
    void beforeStatement(Connection c) throws SQLException {
        int millis = millisLeft();
        int network = millis == 0 ? readLimitMillis : millis;
        if (network == 0) {
            return;
        }
        if (driver == null) {
            driver = DriverConnection.of(c);
            poolNetworkTimeout = driver.getNetworkTimeout();
        }
        driver.setNetworkTimeout(DIRECT, network);
        if (millis != 0 && !statementLimited) {
            try (Statement limit = c.createStatement()) {
                limit.execute("SET LOCAL statement_timeout = " + millis);
            }
            statementLimited = true;
        }
    }

    /** Before the connection goes back to the pool. */
    void end() {
        synchronized (runningLock) {
            running = null;
        }
        if (poolNetworkTimeout >= 0) {
            try {
                driver.setNetworkTimeout(DIRECT, poolNetworkTimeout);
            } catch (SQLException | RuntimeException e) {
                // A connection that timed out is closed: the pool's validation drops it.
                LOG.log(Level.FINE, "Could not restore the network timeout of a validation log connection", e);
            }
        }
        driver = null;
        poolNetworkTimeout = -1;
    }

    /**
     * Cuts the connection of the running call, if any: its thread gets an exception at once, and
     * the outcome of its write is unknown (its id keeps it from being written twice).
     */
    void connecting() {
        synchronized (runningLock) {
            connecting = Thread.currentThread();
        }
    }

    void connected() {
        synchronized (runningLock) {
            connecting = null;
            // An interrupt meant for the wait must not outlive it.
            Thread.interrupted();
        }
    }

    void abortRunning() {
        synchronized (runningLock) {
            if (running == null) {
                if (connecting != null) {
                    // The driver's login wait ends at an interrupt; the writer then spills.
                    connecting.interrupt();
                    LOG.warning("A validation log write waiting for a connection at the shutdown deadline was cut");
                }
                return;
            }
            try {
                DriverConnection.of(running).abort(DIRECT);
                LOG.warning("A validation log write still running at the shutdown deadline was cut");
            } catch (SQLException | RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "Could not cut the validation log write still running at the shutdown deadline", e);
            }
        }
    }
}
