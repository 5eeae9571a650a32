package io.shopup.coupons.access.boundary;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.shopup.coupons.access.control.GuessLimiter;
import io.shopup.coupons.platform.TimeoutConnections;
import io.shopup.coupons.platform.http.ClientAddress;
import io.shopup.coupons.schema.SchemaMigration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The guessing limit of validate, hold and redeem (DOMAIN.md, "Abuse limits"): per user always,
 * per client address when {@code ABUSE_GUESS_LIMIT_PER_ADDRESS} is on.
 */
@ApplicationScoped
public class GuessGuard {

    /** How long a request thread waits for the shared buckets before it decides with its own. */
    static final int SHARED_WAIT_MS = 500;
    static final int BACKGROUND_THREADS = 2;
    static final int BACKGROUND_QUEUE = 10_000;

    @Inject
    @ConfigProperty(name = "abuse.guess-limit", defaultValue = "10")
    long limit;

    @Inject
    @ConfigProperty(name = "abuse.guess-window-seconds", defaultValue = "60")
    long windowSeconds;

    @Inject
    @ConfigProperty(name = "abuse.guess-limit-per-address", defaultValue = "false")
    boolean perAddress;

    @Inject
    @ConfigProperty(name = "validationlog.trust-forwarded-for", defaultValue = "false")
    boolean trustForwardedFor;

    @Resource(lookup = SchemaMigration.DATA_SOURCE)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    /** The shared buckets' calls that no request waits for; beyond the queue an unknown code counts here only. */
    private ThreadPoolExecutor background;

    private GuessLimiter limiter;
    private ExpiredEntriesCleaner cleaner;

    @PostConstruct
    void start() {
        ProxyManager<String> shared = Bucket4jPostgreSQL
                .selectForUpdateBasedBuilder(new TimeoutConnections(dataSource, SHARED_WAIT_MS, true))
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("abuse_buckets").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(5)))
                .build();
        cleaner = (ExpiredEntriesCleaner) shared;
        background = new ThreadPoolExecutor(BACKGROUND_THREADS, BACKGROUND_THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(BACKGROUND_QUEUE), threads);
        background.allowCoreThreadTimeOut(true);
        limiter = new GuessLimiter(limit, Duration.ofSeconds(windowSeconds), shared, background, System::nanoTime);
    }

    @PreDestroy
    void stop() {
        background.shutdown();
    }

    /** The client's address as the log records it (see {@link ClientAddress}). */
    public String address(String remoteAddress, String forwardedFor) {
        return ClientAddress.of(remoteAddress, forwardedFor, trustForwardedFor);
    }

    /** @throws io.shopup.coupons.access.entity.Throttled when the user or address is over its limit */
    public void check(String userId, String address) {
        limiter.check(user(userId));
        if (perAddress && address != null) {
            limiter.check(address(address));
        }
    }

    /** Counts an unknown code; @throws io.shopup.coupons.access.entity.Throttled instead of answering it */
    public void unknownCode(String userId, String address) {
        limiter.unknownCode(user(userId));
        if (perAddress && address != null) {
            limiter.unknownCode(address(address));
        }
    }

    /** Forgets passed windows here and deletes expired shared buckets (a batch). */
    public int tidy() {
        limiter.tidy();
        return cleaner.removeExpired(1_000);
    }

    private static String user(String userId) {
        return "user:" + userId;
    }

    private static String address(String address) {
        return "address:" + address;
    }
}
