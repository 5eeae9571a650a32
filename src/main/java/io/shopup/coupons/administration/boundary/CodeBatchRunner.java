package io.shopup.coupons.administration.boundary;

import io.shopup.coupons.administration.control.BatchFilling;
import io.shopup.coupons.administration.control.CodeShape;
import io.shopup.coupons.administration.entity.BatchStatus;
import io.shopup.coupons.administration.entity.CodeBatch;
import io.shopup.coupons.problems.DatabaseFaults;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Generates the codes of batches on the {@link ManagedExecutorService}, a chunk at a time, each
 * chunk one transaction that also counts it and renews the batch's lease. A stop ends a batch's run
 * between chunks and gives its lease up, so that the next instance to start resumes it; a crash
 * leaves the lease to run out, with the same effect a little later ({@link CodeBatchTakeover}).
 */
@ApplicationScoped
public class CodeBatchRunner {

    private static final Logger LOG = Logger.getLogger(CodeBatchRunner.class.getName());
    /**
     * At most 1,000 codes a chunk: the coupon table's triggers then name each new coupon to the
     * caches, which read just those rows (a larger statement would make every cache reload all coupons).
     */
    static final int CHUNK = 1_000;
    /** This process, as a lease names it. */
    static final String OWNER = UUID.randomUUID().toString();

    @Resource
    ManagedExecutorService executor;

    @EJB
    CodeBatches batches;

    @Inject
    @ConfigProperty(name = "code-batches.lease-ms", defaultValue = "30000")
    long leaseMs;

    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    Duration lease() {
        return Duration.ofMillis(leaseMs);
    }

    /** Runs the batch here unless it runs here already; its lease must be this instance's. */
    public void start(UUID id) {
        if (stopping || !running.add(id)) {
            return;
        }
        try {
            executor.execute(() -> run(id));
        } catch (RejectedExecutionException e) {
            running.remove(id);
            LOG.log(Level.WARNING, "Code batch " + id + " could not start now; its lease will run out and it resumes", e);
        }
    }

    private void run(UUID id) {
        try {
            CodeBatch batch = batches.mine(id, OWNER);
            CodeShape shape = batch == null ? null : new CodeShape(batch.prefix(), batch.randomLength());
            BatchFilling.End end = BatchFilling.fill(batch, CHUNK, count -> shape.draw(count),
                    codes -> batches.insertChunk(id, OWNER, codes, lease()), () -> stopping);
            switch (end) {
                case FILLED -> batches.finish(id, OWNER, BatchStatus.DONE, null);
                case EXHAUSTED -> batches.finish(id, OWNER, BatchStatus.FAILED, "No new codes of this shape could be "
                        + "drawn: a longer random part or another prefix has room for more.");
                case STOPPED -> batches.release(id, OWNER);
                case LOST -> LOG.info("Code batch " + id + " is run by another instance now");
            }
        } catch (RuntimeException e) {
            if (DatabaseFaults.isUnavailable(e)) {
                LOG.log(Level.WARNING, "Code batch " + id + " paused: the database is unavailable; it resumes when its "
                        + "lease runs out and the database answers", e);
            } else {
                LOG.log(Level.SEVERE, "Code batch " + id + " failed", e);
                fail(id);
            }
        } finally {
            running.remove(id);
        }
    }

    private void fail(UUID id) {
        try {
            batches.finish(id, OWNER, BatchStatus.FAILED, "An unexpected error stopped the batch; the server log has it.");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Code batch " + id + " could not be marked FAILED; its lease will run out", e);
        }
    }

    /** Ends the runs between two chunks; each gives its lease up as it ends. */
    @PreDestroy
    void stop() {
        stopping = true;
    }

    boolean isRunning(UUID id) {
        return running.contains(id);
    }
}
