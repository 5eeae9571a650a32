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
 *   <li>Every write has an id that the table records with it (see {@link LogTable}); a batch keeps
 *       its id through retries and into the spill store, so a write whose commit succeeded but
 *       whose acknowledgement was lost is not written again.</li>
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

    private volatile Batch pending = Batch.EMPTY;
    /** Ids of writes whose outcome is known: the next write deletes their marks. */
    private final List<String> settled = new ArrayList<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong spilled = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile Instant lastFlushAt;
    private volatile boolean failing;
    private volatile Instant stopBy;
    private boolean closed;
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
        if (closed) {
            // A write that began as the log stopped: the shutdown drain has done its work.
            return true;
        }
        try {
            if (!pending.records.isEmpty()) {
                write(pending);
            }
            replaySpilled();
            while ((!fullBatchesOnly || buffer.size() >= batchSize) && !pastStopDeadline()) {
                List<LogRecord> batch = buffer.take(maxWriteRecords);
                if (batch.isEmpty()) {
                    break;
                }
                pending = new Batch(spill.newSegmentName(), batch);
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
        while (clock.instant().isBefore(deadline) && (!pending.records.isEmpty() || buffer.size() > 0)) {
            if (!drain(false)) {
                pause(retryPause, deadline);
            }
        }
        buffer.close(record -> spillOrDrop(List.of(record)));
        try {
            spillPending();
        } catch (IOException e) {
            dropped.addAndGet(pending.records.size());
            LOG.log(Level.SEVERE, "Spilling " + pending.records.size() + " validation log records failed; they are lost", e);
            pending = Batch.EMPTY;
        }
        spillOrDrop(buffer.take(Integer.MAX_VALUE));
        closed = true;
    }

    /** Writes the batch, taking from it what is done; what remains is still pending. */
    private void write(Batch batch) throws SQLException {
        if (!batch.oneByOne) {
            try {
                // Written now, or by an attempt whose commit was not acknowledged: in the table either way.
                table.write(batch.id, batch.records, settled);
                settle(batch.id);
                written.addAndGet(batch.records.size());
                batch.records.clear();
            } catch (SQLException e) {
                if (!LogTable.isRecordError(e)) {
                    throw e;
                }
                batch.oneByOne = true;
            } catch (RuntimeException e) {
                // A record the driver cannot even bind: find it rather than blocking the log.
                batch.oneByOne = true;
            }
        }
        if (batch.oneByOne) {
            writeOneByOne(batch);
        }
        lastFlushAt = clock.instant();
    }

    /**
     * Isolates the records the table refuses; each record is a write of its own, with its own id.
     * At the shutdown deadline it stops, and what is left of the batch is spilled.
     */
    private void writeOneByOne(Batch batch) throws SQLException {
        while (!batch.records.isEmpty() && !pastStopDeadline()) {
            LogRecord record = batch.records.get(0);
            String id = batch.firstRecordId();
            try {
                // Skipped means an unacknowledged attempt committed: as a row or as a dead letter.
                if (table.write(id, List.of(record), settled)) {
                    written.incrementAndGet();
                }
            } catch (SQLException e) {
                if (!LogTable.isRecordError(e)) {
                    throw e;
                }
                deadLetter(id, record, e.getMessage());
            } catch (RuntimeException e) {
                deadLetter(id, record, String.valueOf(e));
            }
            settle(id);
            batch.records.remove(0);
            batch.offset++;
        }
    }

    private void deadLetter(String id, LogRecord record, String error) throws SQLException {
        if (table.deadLetter(id, record, error, settled)) {
            deadLettered.incrementAndGet();
        }
    }

    /** The marks named in {@code settled} were deleted by the write that just succeeded; this one's is next. */
    private void settle(String id) {
        settled.clear();
        settled.add(id);
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
                // Only once the file is gone may its mark go: the mark is what skips it otherwise.
                settled.add(SpillStore.segmentName(segment));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Written spill segment " + segment + " could not be deleted; it will be skipped", e);
            }
        }
        // Spills happen under this writer's lock, so none can have slipped in since the listing.
        maybeSpilled = false;
    }

    /**
     * The disk must always hold the oldest records, so the failed batch (older than anything in
     * the buffer) is spilled first, then the excess. If the disk fails, the failed batch stays in
     * memory and only the excess is lost, and counted.
     */
    private void spillBeyondMemoryBound() {
        int excess;
        while ((excess = buffer.size() - memoryBound) > 0) {
            List<LogRecord> overflow = buffer.take(Math.min(excess, SPILL_SEGMENT_RECORDS));
            try {
                spillPending();
                maybeSpilled = true;
                spill.append(overflow);
                spilled.addAndGet(overflow.size());
            } catch (IOException e) {
                dropped.addAndGet(overflow.size());
                LOG.log(Level.SEVERE, "Spilling " + overflow.size() + " validation log records failed; they are lost", e);
            }
        }
    }

    /**
     * Spills the failed batch under its write id, so that replaying it is skipped if its last
     * attempt did commit. Isolating records one by one, the record that was being written keeps
     * its own id; the records after it were never tried, and go under the next id.
     */
    private void spillPending() throws IOException {
        Batch batch = pending;
        if (batch.records.isEmpty()) {
            return;
        }
        maybeSpilled = true;
        if (batch.oneByOne) {
            spill.append(batch.firstRecordId(), batch.records.subList(0, 1));
            spilled.incrementAndGet();
            batch.records.remove(0);
            batch.offset++;
            if (!batch.records.isEmpty()) {
                spill.append(batch.firstRecordId(), batch.records);
            }
        } else {
            spill.append(batch.id, batch.records);
        }
        spilled.addAndGet(batch.records.size());
        pending = Batch.EMPTY;
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
        return pending.records.size();
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

    /** Records taken from the buffer for one write, with the id that makes that write happen once. */
    private static final class Batch {
        static final Batch EMPTY = new Batch("", List.of());

        final String id;
        final List<LogRecord> records;
        /** Set once the table refused a record of it: from then on it is written a record at a time. */
        boolean oneByOne;
        /** The position of {@code records.get(0)} in the batch as it was taken. */
        int offset;

        Batch(String id, List<LogRecord> records) {
            this.id = id;
            this.records = records.isEmpty() ? records : new ArrayList<>(records);
        }

        String firstRecordId() {
            return String.format("%s.%05d", id, offset);
        }
    }
}
