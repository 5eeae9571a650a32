package io.shopup.coupons.couponcache.boundary;

import io.shopup.coupons.couponcache.control.CacheChanges;
import io.shopup.coupons.couponcache.control.CacheFreshness;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopup.coupons.couponcache.control.CacheRefresh;
import io.shopup.coupons.couponcache.control.CouponCache;
import io.shopup.coupons.couponcache.control.LoadTimes;
import io.shopup.coupons.couponcache.control.SnapshotSideReads;
import io.shopup.coupons.couponcache.control.SupervisedLoop;
import io.shopup.coupons.platform.DriverConnection;
import io.shopup.coupons.schema.SchemaMigration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Keeps the {@link CouponCache} current. One thread holds a connection that LISTENs on the
 * {@code coupon_cache} channel, loads everything, then applies each notification as it comes.
 * When the connection fails (the database restarts, say) it reconnects and loads everything again,
 * since notifications sent meanwhile are lost; validation goes on from the cache all the while. An
 * idle connection is pinged every second, with two seconds to answer, so that one that died
 * silently is noticed within about three seconds. Whatever ends a session, an {@link Error}
 * included, the thread logs it and starts a new one ({@link SupervisedLoop}); how far the cache
 * may be behind a database that answers is {@link #freshness()}, which liveness watches.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CouponCacheListener {

    private static final Logger LOG = Logger.getLogger(CouponCacheListener.class.getName());
    private static final int WAIT_MS = 250;
    private static final long PING_AFTER_IDLE_MS = 1_000;
    private static final int NETWORK_TIMEOUT_MS = 2_000;
    /**
     * Loads stream rows; a read that waits this long means a database that stopped answering. The
     * first row of the users comes only once PostgreSQL has sorted them all: ten million took 6 s
     * here, and over 20 s right after a heavy migration, when a shorter limit failed the load (and,
     * as the pool then drops every connection, the log's write beside it).
     */
    private static final int LOAD_NETWORK_TIMEOUT_MS = 60_000;
    private static final int PROBE_TIMEOUT_SECONDS = 2;

    @Inject
    MeterRegistry meterRegistry;

    @Inject
    @ConfigProperty(name = "coupon-cache.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "coupon-cache.startup-wait-ms", defaultValue = "30000")
    long startupWaitMs;

    @Inject
    @ConfigProperty(name = "coupon-cache.reconnect-delay-ms", defaultValue = "500")
    long reconnectDelayMs;

    /** The longest pause between failing sessions (the pause doubles from the reconnect delay). */
    @Inject
    @ConfigProperty(name = "coupon-cache.max-reconnect-delay-ms", defaultValue = "5000")
    long maxReconnectDelayMs;

    @Resource(lookup = SchemaMigration.DATA_SOURCE)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    CouponCache cache;

    @Inject
    Clock clock;

    private final CountDownLatch firstLoad = new CountDownLatch(1);
    private volatile boolean listening;
    private CacheFreshness freshness;
    private SupervisedLoop loop;
    private Thread thread;

    @PostConstruct
    void start() {
        freshness = new CacheFreshness(clock);
        CouponCacheMeters.bind(meterRegistry, cache, this);
        if (!enabled) {
            LOG.info("Coupon cache disabled: every validation reads the database");
            return;
        }
        CacheRefresh refresh = new CacheRefresh(cache, clock,
                new SnapshotSideReads(dataSource, threads, LOAD_NETWORK_TIMEOUT_MS));
        loop = new SupervisedLoop(() -> session(refresh), this::databaseAnswers, freshness, reconnectDelayMs,
                maxReconnectDelayMs, Thread::sleep);
        thread = threads.newThread(loop::run);
        thread.setName("coupon-cache-listener");
        thread.start();
        try {
            // Serve the first requests from the cache, unless the database is very slow to load.
            firstLoad.await(startupWaitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Listens, loads everything, follows changes until stopped; throws when anything fails. */
    private void session(CacheRefresh refresh) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Connection physical = DriverConnection.of(connection);
            int poolTimeout = physical.getNetworkTimeout();
            try {
                physical.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MS);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CacheChanges.CHANNEL);
                }
                physical.setNetworkTimeout(Runnable::run, LOAD_NETWORK_TIMEOUT_MS);
                Instant asked = clock.instant();
                LoadTimes took = refresh.loadAll(connection);
                freshness.inSync(asked);
                LOG.info(() -> "Coupon cache loaded: " + cache.couponCount() + " coupons, " + cache.users().size()
                        + " users in " + took);
                firstLoad.countDown();
                listening = true;
                loop.sessionHealthy();
                follow(connection, physical, refresh);
            } finally {
                listening = false;
                // Whatever ended the session, the connection goes back to the pool as it came.
                unlisten(connection, physical);
                restoreNetworkTimeout(physical, poolTimeout);
            }
        }
    }

    /** Applies notifications until stopped; returns by an exception when the connection fails. */
    private void follow(Connection connection, Connection physical, CacheRefresh refresh) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long idleSince = System.nanoTime();
        while (loop.isRunning()) {
            // Everything committed before this moment is either applied below or already in.
            Instant asked = clock.instant();
            PGNotification[] notifications = pg.getNotifications(WAIT_MS);
            if (notifications != null && notifications.length > 0) {
                CacheChanges changes = new CacheChanges();
                for (PGNotification notification : notifications) {
                    if (CacheChanges.CHANNEL.equals(notification.getName()) && !changes.add(notification.getParameter())) {
                        LOG.warning(() -> "Ignored a coupon_cache notification: " + notification.getParameter());
                    }
                }
                refresh.apply(connection, changes);
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > TimeUnit.MILLISECONDS.toNanos(PING_AFTER_IDLE_MS)) {
                // A connection that died silently delivers no notifications: ask it, and give it
                // NETWORK_TIMEOUT_MS to answer.
                physical.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MS);
                try (Statement ping = connection.createStatement()) {
                    ping.execute("SELECT 1");
                } finally {
                    physical.setNetworkTimeout(Runnable::run, LOAD_NETWORK_TIMEOUT_MS);
                }
                idleSince = System.nanoTime();
            }
            freshness.inSync(asked);
        }
    }

    /** Asked after a failure: an outage is not staleness. Runs on the listener's thread only. */
    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(PROBE_TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** A pooled connection goes back to the pool: it must not keep receiving notifications there. */
    private static void unlisten(Connection connection, Connection physical) {
        try {
            physical.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MS);
            try (Statement unlisten = connection.createStatement()) {
                unlisten.execute("UNLISTEN *");
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "UNLISTEN failed; a broken connection is dropped by the pool's validation", e);
        }
    }

    private static void restoreNetworkTimeout(Connection physical, int millis) {
        try {
            physical.setNetworkTimeout(Runnable::run, millis);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "Restoring the network timeout failed on a broken connection", e);
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** Whether changes reach the cache right now. */
    public boolean isListening() {
        return listening;
    }

    /** Whether the listener's thread runs (it ends only when stopped). */
    public boolean isAlive() {
        return thread != null && thread.isAlive();
    }

    public CacheFreshness freshness() {
        return freshness;
    }

    /** Called by {@link CouponCacheShutdown} and by the container; only the first call works. */
    @PreDestroy
    public void stop() {
        if (loop == null || !loop.isRunning()) {
            return;
        }
        loop.stop();
        try {
            // Long enough for a listener waiting on notifications to return its connection; one
            // stuck on a database that does not answer is not waited for: the stop has a deadline.
            thread.join(2 * WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
