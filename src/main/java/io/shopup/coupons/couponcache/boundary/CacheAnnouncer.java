package io.shopup.coupons.couponcache.boundary;

import io.shopup.coupons.couponcache.control.CacheChanges;
import io.shopup.coupons.schema.SchemaMigration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Sends the notifications of the service's own committed changes (holds, redemptions,
 * rollbacks) to every instance's coupon cache, many in one short transaction that does not wait
 * for its commit to reach the disk. A NOTIFY inside the writing transaction would hold
 * PostgreSQL's notification lock until that commit is on disk, so that all writers commit one at a
 * time (see the V8 migration). A notification lost to a crash or an outage costs a cache that much
 * staleness until its next reload, which every reconnect does; the database keeps the truth and
 * holds and redemptions are decided on it.
 */
@ApplicationScoped
public class CacheAnnouncer {

    private static final Logger LOG = Logger.getLogger(CacheAnnouncer.class.getName());
    static final int MAX_WAITING = 100_000;
    static final int BATCH = 500;
    private static final String NOTIFY = "SELECT count(pg_notify('" + CacheChanges.CHANNEL + "', p)) FROM unnest(?) p";

    @Resource(lookup = SchemaMigration.DATA_SOURCE)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    private final ConcurrentLinkedQueue<String> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private volatile boolean running = true;
    private volatile Thread sender;

    @PostConstruct
    void start() {
        Thread thread = threads.newThread(this::sendLoop);
        thread.setName("coupon-cache-announcer");
        thread.setDaemon(true);
        sender = thread;
        thread.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        LockSupport.unpark(sender);
    }

    /** Queues notifications of a committed transaction; returns at once. */
    public void announce(List<String> payloads) {
        if (payloads.isEmpty()) {
            return;
        }
        if (size.addAndGet(payloads.size()) > MAX_WAITING) {
            size.addAndGet(-payloads.size());
            LOG.warning("Too many cache notifications waiting; the caches catch up at their next reload");
            return;
        }
        waiting.addAll(payloads);
        LockSupport.unpark(sender);
    }

    private void sendLoop() {
        long backoffMs = 0;
        while (running) {
            if (waiting.isEmpty()) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
                continue;
            }
            List<String> batch = new ArrayList<>();
            for (String next; batch.size() < BATCH && (next = waiting.poll()) != null; ) {
                batch.add(next);
            }
            size.addAndGet(-batch.size());
            try {
                send(batch);
                backoffMs = 0;
            } catch (SQLException | RuntimeException e) {
                // The database is away: the caches reload when their listeners reconnect.
                backoffMs = Math.min(Math.max(backoffMs * 2, 100), 5_000);
                LOG.log(Level.WARNING, "Could not announce " + batch.size() + " changes to the coupon caches", e);
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(backoffMs));
            }
        }
    }

    private void send(List<String> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement settings = c.createStatement();
                 PreparedStatement notify = c.prepareStatement(NOTIFY)) {
                // Only notifications: nothing to lose if the commit is not on disk yet.
                settings.execute("SET LOCAL synchronous_commit = off");
                Array payloads = c.createArrayOf("text", batch.toArray());
                notify.setArray(1, payloads);
                notify.execute();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
