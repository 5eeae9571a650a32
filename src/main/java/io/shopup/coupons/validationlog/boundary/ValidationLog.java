package io.shopup.coupons.validationlog.boundary;

import io.shopup.coupons.schema.SchemaMigration;
import io.shopup.coupons.validationlog.control.LogBuffer;
import io.shopup.coupons.validationlog.control.LogTable;
import io.shopup.coupons.validationlog.control.LogWriter;
import io.shopup.coupons.validationlog.control.SpillStore;
import io.shopup.coupons.validationlog.entity.LogRecord;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
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
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The asynchronous validation log. Request threads only offer records to the lock-free
 * {@link LogBuffer}; a full batch starts a write on the managed executor, and a non-persistent timer flushes whatever
 * waits every interval. One write runs at a time. On shutdown the buffer is drained within a
 * deadline and what remains is spilled to disk, to be written at the next start.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ValidationLog {

    private static final Logger LOG = Logger.getLogger(ValidationLog.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    @Inject
    @ConfigProperty(name = "validationlog.batch-size", defaultValue = "100")
    int batchSize;

    @Inject
    @ConfigProperty(name = "validationlog.flush-interval-ms", defaultValue = "5000")
    long flushIntervalMs;

    @Inject
    @ConfigProperty(name = "validationlog.max-write-records", defaultValue = "5000")
    int maxWriteRecords;

    @Inject
    @ConfigProperty(name = "validationlog.memory-bound", defaultValue = "100000")
    int memoryBound;

    @Inject
    @ConfigProperty(name = "validationlog.spill-dir", defaultValue = "validation-log-spill")
    String spillDir;

    @Inject
    @ConfigProperty(name = "validationlog.shutdown-deadline-ms", defaultValue = "10000")
    long shutdownDeadlineMs;

    @Resource(lookup = SchemaMigration.DATA_SOURCE)
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    TimerService timers;

    @Inject
    Clock clock;

    @Inject
    LogBuffer buffer;

    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    private volatile LogWriter writer;
    private volatile Duration backoff = Duration.ZERO;
    private volatile Instant lastTickAt;
    private volatile boolean accepting = true;
    private final Instant startedAt = Instant.now();

    @PostConstruct
    void start() {
        SpillStore spill = new SpillStore(Path.of(spillDir));
        try {
            spill.prepare(new LogRecord("PROBE", null, null, null, false, "PROBE", null, null, null, null, null,
                    clock.instant(), null));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "The spill folder " + spillDir + " is not usable: records beyond the memory bound"
                    + " would be lost during a database outage", e);
        }
        writer = new LogWriter(buffer, new LogTable(dataSource), spill, batchSize, maxWriteRecords, memoryBound, clock);
        lastTickAt = clock.instant();
        buffer.whenBatchReady(batchSize, () -> {
            if (backoff.isZero()) {
                writeInBackground(true);
            }
        });
        timers.createIntervalTimer(flushIntervalMs, flushIntervalMs, new TimerConfig("validation-log-flush", false));
        // Segments spilled by an earlier run go in first.
        writeInBackground(false);
    }

    @Timeout
    void tick() {
        lastTickAt = clock.instant();
        writeInBackground(false);
    }

    private void writeInBackground(boolean fullBatchesOnly) {
        if (!accepting || !writing.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> {
                boolean ok;
                try {
                    ok = writer.drain(fullBatchesOnly);
                } finally {
                    writing.set(false);
                }
                afterWrite(ok);
            });
        } catch (RuntimeException rejected) {
            writing.set(false);
        }
    }

    private void afterWrite(boolean ok) {
        if (ok) {
            backoff = Duration.ZERO;
            if (buffer.size() >= batchSize) {
                writeInBackground(true);
            }
            return;
        }
        Duration next = backoff.isZero() ? Duration.ofMillis(100) : backoff.multipliedBy(2);
        backoff = next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next;
        // One retry waiting at a time, whatever triggered the failed write.
        if (accepting && retryScheduled.compareAndSet(false, true)) {
            scheduler.schedule(() -> {
                retryScheduled.set(false);
                writeInBackground(false);
            }, backoff.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Drains the log before the application goes away. Called by {@link ValidationLogShutdown}
     * (Payara Micro does not call an EJB's PreDestroy when its JVM is stopped) and by the container;
     * only the first call works.
     */
    @PreDestroy
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        accepting = false;
        LOG.info(() -> "Validation log stopping with " + (buffer.size() + writer.pendingCount()) + " records waiting");
        writer.drainBefore(clock.instant().plusMillis(shutdownDeadlineMs), Duration.ofMillis(200));
        LOG.info(() -> "Validation log stopped: " + writer.written() + " written, " + writer.spilled() + " spilled");
    }

    public LogStatus status() {
        Instant now = clock.instant();
        boolean timerAlive = Duration.between(lastTickAt, now).toMillis() < 3 * flushIntervalMs + 1_000;
        return new LogStatus(buffer.size() + writer.pendingCount(), writer.spilled(), writer.deadLettered(),
                writer.dropped(), writer.written(), writer.lastFlushAt(), buffer.oldestAgeMillis(),
                writer.isFailing(), timerAlive, startedAt);
    }

    /** What the health checks report about the log. */
    public record LogStatus(int queued, long spilled, long deadLettered, long dropped, long written,
                            Instant lastFlushAt, long oldestQueuedAgeMs, boolean failing, boolean writerAlive,
                            Instant startedAt) {
    }
}
