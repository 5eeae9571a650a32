package io.shopup.coupons.validationlog.control;

import io.shopup.coupons.validationlog.entity.LogRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves records from the buffer into the table, in order, losing none that was accepted.
 *
 * <ul>
 *   <li>A batch that fails because of the database stays first in line ({@code pending}) and is
 *       retried; nothing behind it is written before it.</li>
 *   <li>A batch the database refuses because of a record is written record by record; the records
 *       it refuses go to the dead letters, the others to the table.</li>
 *   <li>While the database fails, records beyond the memory bound go to the spill store; they are
 *       written back, oldest first, before anything newer.</li>
 * </ul>
 *
 * Calls are serialised: there is one writer at a time.
 */
public class LogWriter {

    private static final Logger LOG = Logger.getLogger(LogWriter.class.getName());
    private static final int SPILL_SEGMENT_RECORDS = 10_000;

    private final LogBuffer buffer;
    private final LogTable table;
    private final SpillStore spill;
    private final int batchSize;
    private final int maxWriteRecords;
    private final int memoryBound;
    private final Clock clock;

    private volatile List<LogRecord> pending = new ArrayList<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong spilled = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile Instant lastFlushAt;
    private volatile boolean failing;
    private volatile Instant stopBy;
    /** False once a replay has written every segment; set again by each spill (saves listing the folder). */
    private volatile boolean maybeSpilled = true;

    public LogWriter(LogBuffer buffer, LogTable table, SpillStore spill, int batchSize, int memoryBound, Clock clock) {
        this(buffer, table, spill, batchSize, batchSize, memoryBound, clock);
    }

    /**
     * @param maxWriteRecords how many waiting records one transaction may take: when more than a
     *                        batch waits, bigger writes keep up with a faster stream of records
     */
    public LogWriter(LogBuffer buffer, LogTable table, SpillStore spill, int batchSize, int maxWriteRecords,
                     int memoryBound, Clock clock) {
        this.buffer = buffer;
        this.table = table;
        this.spill = spill;
        this.batchSize = batchSize;
        this.maxWriteRecords = Math.max(batchSize, maxWriteRecords);
        this.memoryBound = memoryBound;
        this.clock = clock;
    }

    /**
     * Writes what waits: the failed batch first, then spilled segments, then the buffer.
     *
     * @param fullBatchesOnly stop when less than a batch waits (the timer flushes the rest)
     * @return false when the database failed; the caller retries later
     */
    public synchronized boolean drain(boolean fullBatchesOnly) {
        try {
            if (!pending.isEmpty()) {
                write(pending);
            }
            replaySpilled();
            while ((!fullBatchesOnly || buffer.size() >= batchSize) && !pastStopDeadline()) {
                List<LogRecord> batch = buffer.take(maxWriteRecords);
                if (batch.isEmpty()) {
                    break;
                }
                pending = batch;
                write(pending);
            }
            failing = false;
            return true;
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "Writing the validation log failed; records are kept and retried: {0}",
                        e.getMessage());
            }
            failing = true;
            spillBeyondMemoryBound();
            return false;
        }
    }

    /**
     * For a clean shutdown: writes for as long as the deadline allows, then spills the rest. A
     * write already running stops taking new batches at the deadline too.
     */
    public void drainBefore(Instant deadline, Duration retryPause) {
        stopBy = deadline;
        drainThenSpill(deadline, retryPause);
    }

    private synchronized void drainThenSpill(Instant deadline, Duration retryPause) {
        while (clock.instant().isBefore(deadline) && (!pending.isEmpty() || buffer.size() > 0)) {
            if (!drain(false)) {
                pause(retryPause, deadline);
            }
        }
        buffer.close(record -> spillOrDrop(List.of(record)));
        List<LogRecord> rest = new ArrayList<>(pending);
        pending = new ArrayList<>();
        rest.addAll(buffer.take(Integer.MAX_VALUE));
        spillOrDrop(rest);
    }

    /** Writes the batch, taking from {@code pending} what is done; what remains is still pending. */
    private void write(List<LogRecord> batch) throws SQLException {
        try {
            table.insert(batch);
            written.addAndGet(batch.size());
            batch.clear();
        } catch (SQLException e) {
            if (!LogTable.isRecordError(e)) {
                throw e;
            }
            writeOneByOne(batch);
        } catch (RuntimeException e) {
            // A record the driver cannot even bind: find it rather than blocking the log.
            writeOneByOne(batch);
        }
        lastFlushAt = clock.instant();
    }

    private void writeOneByOne(List<LogRecord> batch) throws SQLException {
        while (!batch.isEmpty()) {
            LogRecord record = batch.get(0);
            try {
                table.insert(List.of(record));
                written.incrementAndGet();
            } catch (SQLException e) {
                if (!LogTable.isRecordError(e)) {
                    throw e;
                }
                table.deadLetter(record, e.getMessage());
                deadLettered.incrementAndGet();
            } catch (RuntimeException e) {
                table.deadLetter(record, String.valueOf(e));
                deadLettered.incrementAndGet();
            }
            batch.remove(0);
        }
    }

    private void replaySpilled() throws SQLException {
        if (!maybeSpilled) {
            return;
        }
        List<Path> segments;
        try {
            segments = spill.segments();
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "Cannot list the spill folder", e);
            return;
        }
        for (Path segment : segments) {
            if (pastStopDeadline()) {
                return;
            }
            List<LogRecord> records;
            try {
                records = spill.read(segment);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.SEVERE, "Cannot read spill segment " + segment + "; set aside for an operator", e);
                spill.setAside(segment);
                continue;
            }
            int dead = table.replay(SpillStore.segmentName(segment), records);
            if (dead >= 0) {
                written.addAndGet(records.size() - dead);
                deadLettered.addAndGet(dead);
            }
            try {
                spill.delete(segment);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Written spill segment " + segment + " could not be deleted; it will be skipped", e);
            }
        }
        // Spills happen under this writer's lock, so none can have slipped in since the listing.
        maybeSpilled = false;
    }

    /**
     * The disk must always hold the oldest records, so the failed batch (older than anything in
     * the buffer) is spilled first, together with the excess. If the disk fails, the failed batch
     * stays in memory and only the excess is lost, and counted.
     */
    private void spillBeyondMemoryBound() {
        int excess;
        while ((excess = buffer.size() - memoryBound) > 0) {
            List<LogRecord> overflow = buffer.take(Math.min(excess, SPILL_SEGMENT_RECORDS));
            List<LogRecord> oldest = new ArrayList<>(pending);
            oldest.addAll(overflow);
            try {
                maybeSpilled = true;
                spill.append(oldest);
                spilled.addAndGet(oldest.size());
                pending = new ArrayList<>();
            } catch (IOException e) {
                dropped.addAndGet(overflow.size());
                LOG.log(Level.SEVERE, "Spilling " + overflow.size() + " validation log records failed; they are lost", e);
            }
        }
    }

    private synchronized void spillOrDrop(List<LogRecord> records) {
        for (int from = 0; from < records.size(); from += SPILL_SEGMENT_RECORDS) {
            List<LogRecord> segment = records.subList(from, Math.min(records.size(), from + SPILL_SEGMENT_RECORDS));
            try {
                maybeSpilled = true;
                spill.append(segment);
                spilled.addAndGet(segment.size());
            } catch (IOException e) {
                dropped.addAndGet(segment.size());
                LOG.log(Level.SEVERE, "Spilling " + segment.size() + " validation log records failed; they are lost", e);
            }
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

    private boolean pastStopDeadline() {
        Instant deadline = stopBy;
        return deadline != null && !clock.instant().isBefore(deadline);
    }

    public boolean isFailing() {
        return failing;
    }

    /** Records of a batch that failed and waits for its retry. */
    public int pendingCount() {
        return pending.size();
    }

    public long written() {
        return written.get();
    }

    public long spilled() {
        return spilled.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public Instant lastFlushAt() {
        return lastFlushAt;
    }
}
