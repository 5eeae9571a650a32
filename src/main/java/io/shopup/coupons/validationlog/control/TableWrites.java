package io.shopup.coupons.validationlog.control;

import io.shopup.coupons.validationlog.entity.LogRecord;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The writer's calls to the table, each under an id that makes it happen once: a pending batch
 * part by part (see {@link PendingBatch}), a spilled segment whole. Keeps the ids whose marks the
 * next write deletes, the counts, and the stop deadline from which no call starts and by which
 * every call is bounded. Calls are serialised by the writer.
 */
final class TableWrites {

    private static final Logger LOG = Logger.getLogger(TableWrites.class.getName());
    /** A part that timed out is halved down to parts of this many records, no smaller. */
    static final int MIN_TIMED_OUT_PART = 100;

    private final LogTable table;
    private final Clock clock;
    /** Ids of writes whose outcome is known: the next write deletes their marks. */
    private final List<String> settled = new ArrayList<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private volatile Instant lastFlushAt;
    private volatile Instant stopBy;

    TableWrites(LogTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /** No call starts from {@code deadline} on, and each gets at most the time left (see {@link LogTable#limitTo}). */
    void stopBy(Instant deadline) {
        stopBy = deadline;
        table.limitTo(deadline, clock);
    }

    boolean pastStopDeadline() {
        Instant deadline = stopBy;
        return deadline != null && !clock.instant().isBefore(deadline);
    }

    /** Cuts the call still running at the stop deadline, if any: its write fails, its outcome unknown. */
    void cutRunningCall() {
        table.abortCallInFlight();
    }

    /**
     * Writes the batch part by part, taking from it what is done; what remains is still pending.
     * Stops at the stop deadline.
     *
     * @throws SQLException the database failed; the part being written stays first, with its id.
     *                      After a timeout, its halves take its place.
     */
    void write(PendingBatch batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        while (!batch.isEmpty() && !pastStopDeadline()) {
            PendingBatch.Part part = batch.first();
            List<LogRecord> records = batch.records(part);
            try {
                // Skipped means an unacknowledged attempt committed: several records as rows, a
                // single one as a row or as a dead letter (the counter leaves that one out).
                if (table.write(part.id(), records, settled) || part.size() > 1) {
                    written.addAndGet(part.size());
                }
                settle(part.id());
                batch.written();
            } catch (SQLTimeoutException e) {
                if (batch.splitSmaller(MIN_TIMED_OUT_PART)) {
                    LOG.log(Level.WARNING, "Writing {0} validation log records timed out; they are retried in halves",
                            part.size());
                }
                throw e;
            } catch (SQLException e) {
                if (!LogTable.isRecordError(e)) {
                    throw e;
                }
                refused(batch, part, records.get(0), e.getMessage());
            } catch (RuntimeException e) {
                // A record the driver cannot even bind: find it rather than blocking the log.
                refused(batch, part, records.get(0), String.valueOf(e));
            }
        }
        lastFlushAt = clock.instant();
    }

    /** The table refused the part because of a record in it: halve it, or dead-letter the record. */
    private void refused(PendingBatch batch, PendingBatch.Part part, LogRecord first, String error)
            throws SQLException {
        if (part.size() > 1) {
            batch.refused();
            return;
        }
        // The refused write was rolled back, its mark too: the dead letter takes its id.
        if (table.deadLetter(part.id(), first, error, settled)) {
            deadLettered.incrementAndGet();
        }
        settle(part.id());
        batch.deadLettered();
    }

    /** The marks named in {@code settled} were deleted by the write that just succeeded; this one's is next. */
    private void settle(String id) {
        settled.clear();
        settled.add(id);
    }

    /** Writes a spilled segment, once: its name is its write id. */
    void replay(String segment, List<LogRecord> records) throws SQLException {
        int dead = table.replay(segment, records);
        if (dead >= 0) {
            written.addAndGet(records.size() - dead);
            deadLettered.addAndGet(dead);
        }
    }

    /** The written segment's file is gone: its mark may go with the next write. */
    void segmentDeleted(String segment) {
        settled.add(segment);
    }

    long written() {
        return written.get();
    }

    long deadLettered() {
        return deadLettered.get();
    }

    Instant lastFlushAt() {
        return lastFlushAt;
    }
}
