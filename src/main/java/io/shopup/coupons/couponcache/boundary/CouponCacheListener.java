package io.shopup.coupons.couponcache.boundary;

import io.shopup.coupons.couponcache.control.CacheChanges;
import io.shopup.coupons.couponcache.control.CacheRefresh;
import io.shopup.coupons.couponcache.control.CouponCache;
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
 * silently is noticed within about three seconds.
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

    @Inject
    @ConfigProperty(name = "coupon-cache.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "coupon-cache.startup-wait-ms", defaultValue = "30000")
    long startupWaitMs;

    @Inject
    @ConfigProperty(name = "coupon-cache.reconnect-delay-ms", defaultValue = "500")
    long reconnectDelayMs;

    @Resource(lookup = SchemaMigration.DATA_SOURCE)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    CouponCache cache;

    @Inject
    Clock clock;

    private final CountDownLatch firstLoad = new CountDownLatch(1);
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    @PostConstruct
    void start() {
        if (!enabled) {
            LOG.info("Coupon cache disabled: every validation reads the database");
            return;
        }
        running = true;
        thread = threads.newThread(this::listen);
        thread.setName("coupon-cache-listener");
        thread.start();
        try {
            // Serve the first requests from the cache, unless the database is very slow to load.
            firstLoad.await(startupWaitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void listen() {
        CacheRefresh refresh = new CacheRefresh(cache, clock);
        boolean failing = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try {
                    try (Statement listen = connection.createStatement()) {
                        listen.execute("LISTEN " + CacheChanges.CHANNEL);
                    }
                    long started = System.nanoTime();
                    refresh.loadAll(connection);
                    LOG.info(() -> "Coupon cache loaded: " + cache.couponCount() + " coupons, " + cache.users().size()
                            + " users in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
                    firstLoad.countDown();
                    listening = true;
                    failing = false;
                    follow(connection, refresh);
                } finally {
                    listening = false;
                    // Whatever ended the loop, the connection goes back to the pool as it came.
                    unlisten(connection);
                }
            } catch (SQLException | RuntimeException e) {
                if (!failing && running) {
                    LOG.log(Level.WARNING, "Coupon cache lost its database connection; validation goes on from"
                            + " the cache, which reloads when the database is back", e);
                }
                failing = true;
                pause(reconnectDelayMs);
            }
        }
    }

    /** Applies notifications until stopped; returns by an exception when the connection fails. */
    private void follow(Connection connection, CacheRefresh refresh) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        Connection physical = pg instanceof Connection driverConnection ? driverConnection : connection;
        long idleSince = System.nanoTime();
        while (running) {
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
                int poolTimeout = physical.getNetworkTimeout();
                physical.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MS);
                try (Statement ping = connection.createStatement()) {
                    ping.execute("SELECT 1");
                } finally {
                    physical.setNetworkTimeout(Runnable::run, poolTimeout);
                }
                idleSince = System.nanoTime();
            }
        }
    }

    /** A pooled connection goes back to the pool: it must not keep receiving notifications there. */
    private static void unlisten(Connection connection) {
        try (Statement unlisten = connection.createStatement()) {
            unlisten.execute("UNLISTEN *");
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "UNLISTEN failed; a broken connection is dropped by the pool's validation", e);
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** Whether changes reach the cache right now. */
    public boolean isListening() {
        return listening;
    }

    /** Called by {@link CouponCacheShutdown} and by the container; only the first call works. */
    @PreDestroy
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            thread.join(2 * WAIT_MS + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
