package io.shopup.coupons.schema;

import jakarta.annotation.Resource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the database answers; a checkout's redemption cannot be served without it.
 * The check never waits for the database on the caller's thread: at most one probe runs at a
 * time, in the background, at most once a second, and the check answers from its latest result.
 * A probe that has not answered within {@link #ANSWER_WITHIN_MS} counts as DOWN. Probing on the
 * caller's thread would let a load balancer's probes hold every HTTP thread while a frozen
 * database lets each wait for its timeouts.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    private static final int TIMEOUT_SECONDS = 2;
    private static final long FRESH_FOR_MS = 1_000;
    static final long ANSWER_WITHIN_MS = 2_500;

    @Resource(lookup = SchemaMigration.DATA_SOURCE)
    DataSource dataSource;

    /**
     * A thread of the check's own: the managed executor's one thread is the log writer's, and a
     * probe queued behind it would never run.
     */
    @Resource
    ManagedThreadFactory threads;

    private ExecutorService executor;

    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile boolean up;
    private volatile long checkedAt = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    private volatile long probeStartedAt;

    @PostConstruct
    void start() {
        executor = Executors.newSingleThreadExecutor(threads);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    @Override
    public HealthCheckResponse call() {
        long now = System.nanoTime();
        if (now - checkedAt > TimeUnit.MILLISECONDS.toNanos(FRESH_FOR_MS) && probing.compareAndSet(false, true)) {
            probeStartedAt = now;
            try {
                executor.execute(this::probe);
            } catch (RejectedExecutionException e) {
                probing.set(false);
            }
        }
        boolean overdue = probing.get() && now - probeStartedAt > TimeUnit.MILLISECONDS.toNanos(ANSWER_WITHIN_MS);
        return HealthCheckResponse.named("database").status(up && !overdue).build();
    }

    private void probe() {
        boolean answered;
        try (Connection connection = dataSource.getConnection()) {
            answered = connection.isValid(TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException e) {
            answered = false;
        }
        up = answered;
        checkedAt = System.nanoTime();
        probing.set(false);
    }
}
