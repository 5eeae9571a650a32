package io.shopup.coupons.administration.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import io.shopup.coupons.administration.control.CodeBatchQueries;
import io.shopup.coupons.platform.TimeoutConnections;
import io.shopup.coupons.schema.SchemaMigration;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A non-persistent timer on every instance that resumes code batches whose lease ran out: their
 * instance stopped (and gave the lease up) or died (and the lease expired). The first look is at
 * start, so that a batch interrupted by a restart goes on as soon as the service is back.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CodeBatchTakeover {

    private static final Logger LOG = Logger.getLogger(CodeBatchTakeover.class.getName());
    static final int NETWORK_TIMEOUT_MS = 1_000;

    @Inject
    @ConfigProperty(name = "code-batches.takeover-interval-ms", defaultValue = "5000")
    long intervalMs;

    @Resource
    TimerService timers;

    @Resource(lookup = SchemaMigration.DATA_SOURCE)
    DataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    CodeBatchRunner runner;

    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile boolean failing;

    /*
     * A connection of its own with a short network timeout: against a frozen database the look
     * gives up in a second, and a stop never waits for it longer than that.
     */
    private DataSource connections;

    @PostConstruct
    void start() {
        connections = new TimeoutConnections(dataSource, NETWORK_TIMEOUT_MS, true);
        timers.createIntervalTimer(0, intervalMs, new TimerConfig("code-batch-takeover", false));
    }

    @Timeout
    void tick() {
        if (!checking.compareAndSet(false, true)) {
            return;
        }
        try {
            List<UUID> resumed;
            try (Connection c = connections.getConnection()) {
                Instant now = clock.instant();
                resumed = CodeBatchQueries.takeOver(c, CodeBatchRunner.OWNER, now, now.plus(runner.lease()));
            }
            for (UUID id : resumed) {
                LOG.info("Resuming code batch " + id);
                runner.start(id);
            }
            failing = false;
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "Looking for code batches to resume failed; the next tick tries again", e);
            }
            failing = true;
        } finally {
            checking.set(false);
        }
    }
}
