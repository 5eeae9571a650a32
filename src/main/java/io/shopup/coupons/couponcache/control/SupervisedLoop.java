package io.shopup.coupons.couponcache.control;

import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the listener's session again and again until stopped, whatever ends it: an
 * {@link Error} (an {@code OutOfMemoryError} in a load, say) is logged and followed by a new
 * session like any exception, with a pause that doubles from {@code minPauseMs} up to
 * {@code maxPauseMs} while sessions keep failing. Each failure asks whether the database answers:
 * if it does not, the failure is an outage, not staleness ({@link CacheFreshness#unreachable}).
 */
public final class SupervisedLoop {

    private static final Logger LOG = Logger.getLogger(SupervisedLoop.class.getName());

    /** One session: connect, load, follow changes; returns only when stopped, throws when it fails. */
    public interface Session {
        void run() throws Exception;
    }

    /** How the loop waits between sessions; tests pass one that does not sleep. */
    public interface Pause {
        void millis(long millis) throws InterruptedException;
    }

    private final Session session;
    private final BooleanSupplier databaseAnswers;
    private final CacheFreshness freshness;
    private final long minPauseMs;
    private final long maxPauseMs;
    private final Pause pause;
    private volatile boolean running = true;
    private volatile long failuresInARow;

    public SupervisedLoop(Session session, BooleanSupplier databaseAnswers, CacheFreshness freshness,
                          long minPauseMs, long maxPauseMs, Pause pause) {
        this.session = session;
        this.databaseAnswers = databaseAnswers;
        this.freshness = freshness;
        this.minPauseMs = Math.max(1, minPauseMs);
        this.maxPauseMs = Math.max(this.minPauseMs, maxPauseMs);
        this.pause = pause;
    }

    public void run() {
        while (running) {
            try {
                session.run();
            } catch (Throwable failure) {
                if (!running) {
                    return;
                }
                failed(failure);
            }
        }
    }

    private void failed(Throwable failure) {
        boolean answers = answers();
        if (!answers) {
            freshness.unreachable();
        }
        long failures = ++failuresInARow;
        long wait = Math.min(maxPauseMs, minPauseMs << Math.min(20, failures - 1));
        if (failure instanceof Error || failures == 1) {
            LOG.log(failure instanceof Error ? Level.SEVERE : Level.WARNING, "The coupon cache's listener failed ("
                    + (answers ? "the database answers: the cache is " + freshness.staleSeconds() + " s behind it"
                            : "the database is unreachable; validation goes on from the cache")
                    + "); it starts again in " + wait + " ms and reloads", failure);
        }
        try {
            pause.millis(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private boolean answers() {
        try {
            return databaseAnswers.getAsBoolean();
        } catch (RuntimeException | Error e) {
            return false;
        }
    }

    /** A session got as far as a full load: the next failure pauses briefly again. */
    public void sessionHealthy() {
        failuresInARow = 0;
    }

    public boolean isRunning() {
        return running;
    }

    public void stop() {
        running = false;
    }
}
