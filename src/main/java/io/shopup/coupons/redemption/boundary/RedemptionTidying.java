package io.shopup.coupons.redemption.boundary;

import io.shopup.coupons.redemption.control.RedemptionMeters;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A non-persistent timer that tidies: holds past their expiry are marked {@code EXPIRED} (they
 * stopped counting at their expiry already: this only sets the status readers see and frees the
 * order's slot in the index of live holds), and idempotency keys past their lifetime are deleted.
 * Every instance runs it; {@code SKIP LOCKED} keeps them out of each other's way.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RedemptionTidying {

    private static final Logger LOG = Logger.getLogger(RedemptionTidying.class.getName());
    static final int BATCH = 1_000;
    static final int MAX_BATCHES = 20;

    @Inject
    @ConfigProperty(name = "redemption.tidy-interval-ms", defaultValue = "5000")
    long intervalMs;

    /** At least the contract's 24 hours. */
    @Inject
    @ConfigProperty(name = "redemption.idempotency-key-hours", defaultValue = "24")
    long keyHours;

    @Resource
    TimerService timers;

    @EJB
    ExpiredHolds tidy;

    @Inject
    Clock clock;

    @Inject
    RedemptionMeters meters;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean failing;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(intervalMs, intervalMs, new TimerConfig("redemption-tidying", false));
    }

    @Timeout
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            Instant now = clock.instant();
            for (int i = 0; i < MAX_BATCHES; i++) {
                int marked = tidy.markExpired(now, BATCH);
                meters.expired(marked);
                if (marked < BATCH) {
                    break; // else a backlog: go on, a batch at a time
                }
            }
            Instant before = now.minus(Duration.ofHours(Math.max(keyHours, 24)));
            for (int i = 0; i < MAX_BATCHES && tidy.forgetKeys(before, BATCH) == BATCH; i++) {
                // As above.
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "Tidying holds and idempotency keys failed; the next tick tries again", e);
            }
            failing = true;
        } finally {
            running.set(false);
        }
    }
}
