package io.shopup.coupons.administration.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.UUID;
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

    @Inject
    @ConfigProperty(name = "code-batches.takeover-interval-ms", defaultValue = "5000")
    long intervalMs;

    @Resource
    TimerService timers;

    @EJB
    CodeBatches batches;

    @Inject
    CodeBatchRunner runner;

    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile boolean failing;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(0, intervalMs, new TimerConfig("code-batch-takeover", false));
    }

    @Timeout
    void tick() {
        if (!checking.compareAndSet(false, true)) {
            return;
        }
        try {
            for (UUID id : batches.takeOver(CodeBatchRunner.OWNER, runner.lease())) {
                LOG.info("Resuming code batch " + id);
                runner.start(id);
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "Looking for code batches to resume failed; the next tick tries again", e);
            }
            failing = true;
        } finally {
            checking.set(false);
        }
    }
}
