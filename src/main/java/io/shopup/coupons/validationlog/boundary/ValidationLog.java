package io.shopup.coupons.validationlog.boundary;

import io.shopup.coupons.schema.SchemaMigration;
import io.shopup.coupons.validationlog.control.LogBuffer;
import io.shopup.coupons.validationlog.control.LogTable;
import io.shopup.coupons.validationlog.control.LogWriter;
import io.shopup.coupons.validationlog.control.SpillStore;
import io.shopup.coupons.validationlog.entity.LogRecord;
import io.micrometer.core.instrument.MeterRegistry;
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
import jakarta.enterprise.concurrent.ManagedExecutors;
import jakarta.enterprise.concurrent.ManagedTask;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The asynchronous validation log. Request threads only offer records to the lock-free
 * {@link LogBuffer}; one writer, a long-running task on the managed executor, writes a batch as
 * soon as it is full, and a non-persistent timer has it flush whatever waits every interval. On
 * shutdown the buffer is drained within a deadline and what remains is spilled to disk, to be
 * written at the next start.
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

    /*
     * The bounds were measured with the database frozen for 30 s under 13,000 validations/s
     * (perf-jmeter/wrk/partition.sh): at 100,000 records and 64 MiB the validation p99 rose from
     * 16.5 to 144 ms (the heap, which also holds the coupon cache, filled with waiting records);
     * at 20,000 records and 16 MiB it rose from 17.2 to 44.6 ms. A typical record is estimated at
     * 600 to 900 bytes (a browser's user agent is most of the difference), so the two bounds meet
     * at about 20,000 to 28,000 records; records with long user agents or ids reach the bytes first.
     */
    @Inject
    @ConfigProperty(name = "validationlog.memory-bound", defaultValue = "20000")
    int memoryBound;

    @Inject
    @ConfigProperty(name = "validationlog.memory-bound-bytes", defaultValue = "16777216")
    long memoryBoundBytes;

    /** The pool's statement timeout (see post-boot-commands.asadmin): the log's reads wait a little longer. */
    @Inject
    @ConfigProperty(name = "db.statement-timeout-ms", defaultValue = "1500")
    long statementTimeoutMs;

    @Inject
    @ConfigProperty(name = "validationlog.spill-dir", defaultValue = "validation-log-spill")
    String spillDir;

    /*
     * 7 s, so that a stop fits Docker's default grace period of 10 s before it kills the process.
     * After the deadline come the end of the last database call (its statements get the time
     * left, at least 100 ms, and one still running is cut; getting a connection is bounded by the
     * pool: a 1 s wait, a 2 s connect timeout), spilling what is left to disk, and the rest of
     * Payara's stop: 2 s are budgeted for those, which leaves a second to spare.
     */
    @Inject
    @ConfigProperty(name = "validationlog.shutdown-deadline-ms", defaultValue = "7000")
    long shutdownDeadlineMs;

    @Resource(lookup = SchemaMigration.DATA_SOURCE)
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Resource
    TimerService timers;

    @Inject
    Clock clock;

    @Inject
    LogBuffer buffer;

    @Inject
    MeterRegistry meterRegistry;

    private final AtomicBoolean batchWanted = new AtomicBoolean();
    private final AtomicBoolean flushWanted = new AtomicBoolean(true);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean loopRunning = new AtomicBoolean();
    private final AtomicBoolean boundKeeping = new AtomicBoolean();
    private volatile Thread loopThread;
    private volatile LogWriter writer;
    private volatile Duration backoff = Duration.ZERO;
    private volatile long retryAtNanos;
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
        writer = new LogWriter(buffer, new LogTable(dataSource, (int) statementTimeoutMs + 500), spill, batchSize, maxWriteRecords, memoryBound,
                memoryBoundBytes, clock);
        ValidationLogMeters.bind(meterRegistry, this, writer);
        lastTickAt = clock.instant();
        buffer.whenBatchReady(batchSize, this::batchReady);
        timers.createIntervalTimer(flushIntervalMs, flushIntervalMs, new TimerConfig("validation-log-flush", false));
        // The first pass writes the segments spilled by an earlier run.
        startWriteLoop();
    }

    @Timeout
    void tick() {
        lastTickAt = clock.instant();
        flushWanted.set(true);
        if (!startWriteLoop()) {
            LockSupport.unpark(loopThread);
        }
    }

    /**
     * Called on request threads once a batch waits: after the first call of a write it costs one
     * volatile read. Handing each write to the executor instead measured dearer, as the
     * container captures context for every task it accepts.
     */
    private void batchReady() {
        if (!batchWanted.get() && batchWanted.compareAndSet(false, true)) {
            LockSupport.unpark(loopThread);
        }
        if (!boundKeeping.get() && writer.nearBounds() && boundKeeping.compareAndSet(false, true)) {
            keepWithinBoundsBesideWrites();
        }
    }

    /**
     * Memory nears its bounds, most likely because the writer waits on a slow database: a task on
     * the executor spills the oldest records beside the write. Only then does a request thread pay
     * for handing a task over.
     */
    private void keepWithinBoundsBesideWrites() {
        try {
            executor.execute(() -> {
                try {
                    writer.keepWithinBoundsBesideWrites();
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.SEVERE, "Keeping the validation log within its memory bounds failed", e);
                } finally {
                    boundKeeping.set(false);
                }
            });
        } catch (RuntimeException rejected) {
            // The executor is saturated or stopping: the writer keeps the bounds after its write.
            boundKeeping.set(false);
        }
    }

    /** Starts the writer on the managed executor unless it runs; true when this call started it. */
    private boolean startWriteLoop() {
        if (!accepting || !loopRunning.compareAndSet(false, true)) {
            return false;
        }
        try {
            // The writer holds one of the executor's threads for as long as the application runs.
            executor.execute(ManagedExecutors.managedTask(this::writeLoop,
                    Map.of(ManagedTask.LONGRUNNING_HINT, "true", ManagedTask.IDENTITY_NAME, "validation-log-writer"),
                    null));
            return true;
        } catch (RuntimeException rejected) {
            loopRunning.set(false);
            LOG.log(Level.WARNING, "The validation log writer could not start; the flush timer tries again", rejected);
            return false;
        }
    }

    /**
     * The one writer: writes full batches as they become ready, everything when the timer fires,
     * and after a failure retries with backoff. Ends when the log stops or the executor does; if
     * it ends otherwise, it starts again at once when work waits, else at the next tick.
     */
    private void writeLoop() {
        loopThread = Thread.currentThread();
        try {
            while (awaitWork()) {
                boolean everything = flushWanted.getAndSet(false) || !backoff.isZero();
                batchWanted.set(false);
                afterWrite(writer.drain(!everything));
            }
            if (accepting) {
                LOG.info("The validation log writer was interrupted; it starts again");
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "The validation log writer stopped; it starts again", e);
        } finally {
            loopThread = null;
            loopRunning.set(false);
        }
        // A wake-up that came while this writer was ending would otherwise wait for the next tick.
        if (accepting && (flushWanted.get() || batchWanted.get())) {
            startWriteLoop();
        }
    }

    /** Waits until there is something to write; false when the writer should end. */
    private boolean awaitWork() {
        while (accepting && !Thread.currentThread().isInterrupted()) {
            boolean retrying = !backoff.isZero();
            if (flushWanted.get() || (!retrying && batchWanted.get())
                    || (retrying && System.nanoTime() - retryAtNanos >= 0)) {
                return true;
            }
            if (retrying && batchWanted.getAndSet(false)) {
                // Waiting to retry, the memory bounds still hold: what comes in beyond them goes to disk now.
                writer.keepWithinBounds();
            }
            long waitNanos = retrying ? retryAtNanos - System.nanoTime() : TimeUnit.MILLISECONDS.toNanos(flushIntervalMs);
            LockSupport.parkNanos(this, Math.max(waitNanos, 1));
        }
        return false;
    }

    private void afterWrite(boolean ok) {
        if (ok) {
            backoff = Duration.ZERO;
            return;
        }
        Duration next = backoff.isZero() ? Duration.ofMillis(100) : backoff.multipliedBy(2);
        backoff = next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next;
        retryAtNanos = System.nanoTime() + backoff.toNanos();
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
        LockSupport.unpark(loopThread);
        LOG.info(() -> "Validation log stopping with " + (buffer.size() + writer.pendingCount()) + " records waiting");
        writer.drainBefore(clock.instant().plusMillis(shutdownDeadlineMs), Duration.ofMillis(200));
        LOG.info(() -> "Validation log stopped: " + writer.written() + " written, " + writer.spilled() + " spilled");
    }

    public LogStatus status() {
        Instant now = clock.instant();
        boolean timerAlive = Duration.between(lastTickAt, now).toMillis() < 3 * flushIntervalMs + 1_000;
        boolean writerAlive = timerAlive && (loopRunning.get() || !accepting);
        return new LogStatus(buffer.size() + writer.pendingCount(), buffer.bytes() + writer.pendingBytes(),
                writer.memoryBound(), writer.memoryBoundBytes(), writer.spilled(), writer.deadLettered(),
                writer.dropped(), writer.written(), writer.lastFlushAt(), buffer.oldestAgeMillis(),
                writer.isFailing(), writerAlive, startedAt);
    }

    /**
     * What the health checks report about the log.
     *
     * @param queued      records in memory, the buffer and the batch waiting for its retry
     * @param queuedBytes their estimated bytes
     */
    public record LogStatus(int queued, long queuedBytes, int memoryBound, long memoryBoundBytes, long spilled,
                            long deadLettered, long dropped, long written, Instant lastFlushAt,
                            long oldestQueuedAgeMs, boolean failing, boolean writerAlive, Instant startedAt) {
    }
}
