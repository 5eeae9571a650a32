package io.shopup.coupons.validationlog.control;

import io.shopup.coupons.validationlog.entity.LogRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves records from the buffer into the table, in order, losing none that was accepted.
 *
 * <ul>
 *   <li>A batch that fails because of the database stays first in line ({@code pending}) and is
 *       retried; nothing behind it is written before it. One that timed out is retried in halves.</li>
 *   <li>A batch the database refuses because of a record is bisected (see {@link PendingBatch}):
 *       the records it refuses go to the dead letters, the others to the table, in order.</li>
 *   <li>What is in memory stays within a number of records and of bytes (see {@link MemoryBound}):
 *       beyond, the oldest go to the spill store. They are written back, oldest first, before
 *       anything newer.</li>
 *   <li>Every write has an id that the table records with it (see {@link TableWrites}); a batch
 *       and each part of it keep their id through retries and into the spill store, so a write
 *       whose commit succeeded but whose acknowledgement was lost is not written again.</li>
 *   <li>A stop meets its deadline: database calls get the time left, one still running at the
 *       deadline is cut, and what is left is spilled under ids that keep it exactly once.</li>
 * </ul>
 *
 * Calls are serialised: there is one writer at a time.
 */
public class LogWriter {

    private static final Logger LOG = Logger.getLogger(LogWriter.class.getName());

    private final LogBuffer buffer;
    private final SpillStore spill;
    private final TableWrites writes;
    private final MemoryBound bound;
    private final int batchSize;
    private final int maxWriteRecords;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    /** For records offered once the log has stopped; made now, not at the stop. */
    private final Consumer<LogRecord> late = this::spillLate;

    private final AtomicLong replayed = new AtomicLong();
    private volatile LongConsumer writeTimes = nanos -> { };
    private volatile PendingBatch pending = PendingBatch.EMPTY;
    private volatile boolean failing;
    private boolean closed;
    /** The spill count up to which every segment has been written back; -1: an earlier run may have left some. */
    private long replayedThrough = -1;

    public LogWriter(LogBuffer buffer, LogTable table, SpillStore spill, int batchSize, int memoryBound, Clock clock) {
        this(buffer, table, spill, batchSize, batchSize, memoryBound, clock);
    }

    public LogWriter(LogBuffer buffer, LogTable table, SpillStore spill, int batchSize, int maxWriteRecords,
                     int memoryBound, Clock clock) {
        this(buffer, table, spill, batchSize, maxWriteRecords, memoryBound, Long.MAX_VALUE, clock);
    }

    /**
     * @param maxWriteRecords  how many waiting records one transaction may take: when more than a
     *                         batch waits, bigger writes keep up with a faster stream of records
     * @param memoryBound      most records in memory (buffer and pending batch)
     * @param memoryBoundBytes most estimated bytes of those records (see {@link LogBuffer#estimatedBytes})
     */
    public LogWriter(LogBuffer buffer, LogTable table, SpillStore spill, int batchSize, int maxWriteRecords,
                     int memoryBound, long memoryBoundBytes, Clock clock) {
        this.buffer = buffer;
        this.spill = spill;
        this.writes = new TableWrites(table, clock);
        this.bound = new MemoryBound(buffer, spill, memoryBound, memoryBoundBytes);
        this.batchSize = batchSize;
        this.maxWriteRecords = Math.max(batchSize, maxWriteRecords);
        this.clock = clock;
    }

    /**
     * Writes what waits: the failed batch first, then spilled segments, then the buffer. Before
     * each batch it takes, it spills what memory holds beyond its bounds (records came in while
     * the last write ran), and writes that back first.
     *
     * @param fullBatchesOnly stop when less than a batch waits (the timer flushes the rest)
     * @return false when the database failed; the caller retries later
     */
    public boolean drain(boolean fullBatchesOnly) {
        lock.lock();
        try {
            if (closed) {
                // A write that began as the log stopped: the shutdown drain has done its work.
                return true;
            }
            try {
                writePending();
                replaySpilled();
                while (!writes.pastStopDeadline()) {
                    if (bound.spillExcess(pending)) {
                        replaySpilled();
                        continue;
                    }
                    if (fullBatchesOnly && buffer.size() < batchSize) {
                        break;
                    }
                    List<LogRecord> batch = bound.takeUnlessSpilledSince(replayedThrough, maxWriteRecords);
                    if (batch == null) {
                        // Spilled beside the last write: older than the buffer, so written first.
                        if (replaySpilled()) {
                            continue;
                        }
                        batch = buffer.take(maxWriteRecords);
                    }
                    if (batch.isEmpty()) {
                        break;
                    }
                    pending = new PendingBatch(spill.newSegmentName(), batch);
                    writePending();
                }
                failing = false;
                return true;
            } catch (SQLException | RuntimeException e) {
                if (!failing) {
                    LOG.log(Level.WARNING, "Writing the validation log failed; records are kept and retried: {0}",
                            e.getMessage());
                }
                failing = true;
                if (bound.spillExcess(pending) && pending.isEmpty()) {
                    pending = PendingBatch.EMPTY;
                }
                return false;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Spills what memory holds beyond its bounds, without writing: while a retry waits. */
    public void keepWithinBounds() {
        lock.lock();
        try {
            if (!closed && bound.spillExcess(pending) && pending.isEmpty()) {
                pending = PendingBatch.EMPTY;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether memory nears its bounds, so that {@link #keepWithinBoundsBesideWrites} has work. */
    public boolean nearBounds() {
        return bound.nearBound(pending);
    }

    /**
     * For a helper thread, when memory nears its bounds: spills the buffer's oldest, whether the
     * writer waits on the database or waits to retry, so that the next call is a while away.
     */
    public void keepWithinBoundsBesideWrites() {
        if (lock.tryLock()) {
            try {
                if (!closed) {
                    bound.spillBeside(pending);
                }
            } finally {
                lock.unlock();
            }
            return;
        }
        bound.spillBeside(pending);
    }

    /**
     * For a clean shutdown: writes for as long as the deadline allows, then spills the rest. From
     * now on every database call gets the time left; a drain already running stops taking new
     * batches at the deadline too, and a call of it that still runs then has its connection cut.
     */
    public void drainBefore(Instant deadline, Duration retryPause) {
        writes.stopBy(deadline);
        boolean locked = false;
        try {
            locked = lock.tryLock(Math.max(0, Duration.between(clock.instant(), deadline).toMillis()),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!locked) {
            // A call that began before the stop still runs, perhaps on a read that only the socket
            // timeout would end. Its outcome is unknown, so its part keeps its id into the spill.
            writes.cutRunningCall();
            lock.lock();
        }
        try {
            drainThenSpill(deadline, retryPause);
        } finally {
            lock.unlock();
        }
    }

    private void writePending() throws SQLException {
        long started = System.nanoTime();
        writes.write(pending);
        writeTimes.accept(System.nanoTime() - started);
        if (pending.isEmpty()) {
            // Lets the written records go.
            pending = PendingBatch.EMPTY;
        }
    }

    private void drainThenSpill(Instant deadline, Duration retryPause) {
        while (clock.instant().isBefore(deadline) && (!pending.isEmpty() || buffer.size() > 0)) {
            if (!drain(false)) {
                pause(retryPause, deadline);
            }
        }
        buffer.close(late);
        try {
            bound.spillPending(pending);
        } catch (IOException e) {
            bound.drop(pending.size(), e);
        }
        pending = PendingBatch.EMPTY;
        bound.spillOrDrop(buffer.take(Integer.MAX_VALUE));
        closed = true;
    }

    private void spillLate(LogRecord record) {
        lock.lock();
        try {
            bound.spillOrDrop(List.of(record));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes back the spilled segments, oldest first, keeping the memory bounds after each: what
     * is spilled meanwhile is newer, and written back by the next pass.
     *
     * @return false when it could not go on: the folder cannot be listed, or the stop's deadline came
     */
    private boolean replaySpilled() throws SQLException {
        while (bound.spills() != replayedThrough && !writes.pastStopDeadline()) {
            MemoryBound.Segments segments;
            try {
                segments = bound.segments();
            } catch (IOException e) {
                LOG.log(Level.SEVERE, "Cannot list the spill folder", e);
                return false;
            }
            for (Path segment : segments.files()) {
                if (writes.pastStopDeadline()) {
                    return false;
                }
                replay(segment);
                bound.spillExcess(pending);
            }
            // The listing holds every spill counted when it was made: none is missed.
            replayedThrough = segments.spills();
        }
        return !writes.pastStopDeadline();
    }

    private void replay(Path segment) throws SQLException {
        List<LogRecord> records;
        try {
            records = spill.read(segment);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot read spill segment " + segment + "; set aside for an operator", e);
            spill.setAside(segment);
            return;
        }
        writes.replay(SpillStore.segmentName(segment), records);
        replayed.addAndGet(records.size());
        try {
            spill.delete(segment);
            // Only once the file is gone may its mark go: the mark is what skips it otherwise.
            writes.segmentDeleted(SpillStore.segmentName(segment));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Written spill segment " + segment + " could not be deleted; it will be skipped", e);
        }
    }

    private void pause(Duration pause, Instant deadline) {
        long millis = Math.min(pause.toMillis(), Duration.between(clock.instant(), deadline).toMillis());
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Told how long each successful write of a batch took (nanoseconds), for the metrics. */
    public void onWrite(LongConsumer nanos) {
        writeTimes = nanos;
    }

    /** Records written back from spill segments since the start. */
    public long replayed() {
        return replayed.get();
    }

    public boolean isFailing() {
        return failing;
    }

    /** Records of a batch that failed and waits for its retry. */
    public int pendingCount() {
        return pending.size();
    }

    /** Estimated bytes of those records. */
    public long pendingBytes() {
        return pending.bytes();
    }

    public long written() {
        return writes.written();
    }

    public long spilled() {
        return bound.spilled();
    }

    public long deadLettered() {
        return writes.deadLettered();
    }

    public long dropped() {
        return bound.dropped();
    }

    public int memoryBound() {
        return bound.maxRecords();
    }

    public long memoryBoundBytes() {
        return bound.maxBytes();
    }

    public Instant lastFlushAt() {
        return writes.lastFlushAt();
    }
}
