package io.shopup.coupons.validationlog.control;

import io.shopup.coupons.validationlog.entity.LogRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps what the log holds in memory (the buffer and the writer's pending batch) within a number
 * of records and a number of bytes, by moving the oldest records to the spill store. The disk must
 * always hold the oldest records, so the pending batch (older than anything in the buffer) goes
 * first. If the disk fails, the pending batch stays in memory and the excess is lost, and counted.
 * While the disk takes spills, a spill goes down to eight tenths of the bounds, so that a stream of
 * records beyond them makes one segment for many batches rather than one for each.
 *
 * <p>Request threads never spill: the writer calls this between its writes, after each spilled
 * segment it writes back, and after a failure. While the writer waits on the database, a helper
 * spills the oldest of the buffer beside it ({@link #spillBeside}), so that a slow write does not
 * let memory grow: it starts at nine tenths of a bound and spills down to eight tenths, so that
 * what arrives while it starts stays within the bound. Spills to disk and the listing of what is
 * on disk take turns ({@code disk}), so that a listing holds every spill counted before it.
 */
final class MemoryBound {

    private static final Logger LOG = Logger.getLogger(MemoryBound.class.getName());
    static final int SPILL_SEGMENT_RECORDS = 10_000;

    private final LogBuffer buffer;
    private final SpillStore spill;
    private final int maxRecords;
    private final long maxBytes;
    private final AtomicLong spilled = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Segments this writer has begun to write: a replay that began after the last one saw them all. */
    private final AtomicLong spills = new AtomicLong();
    private final ReentrantLock disk = new ReentrantLock();
    /** The last spill to disk succeeded: spilling a little more than the excess loses nothing then. */
    private volatile boolean diskWorks;
    /** The last spill to disk failed: spilling more than the excess would lose it. */
    private volatile boolean diskFailed;

    MemoryBound(LogBuffer buffer, SpillStore spill, int maxRecords, long maxBytes) {
        this.buffer = buffer;
        this.spill = spill;
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
    }

    /**
     * Spills until what is in memory is within both bounds.
     *
     * @return whether any record left memory (to disk, or lost)
     */
    boolean spillExcess(PendingBatch pending) {
        disk.lock();
        try {
            return spillExcessLocked(pending);
        } finally {
            disk.unlock();
        }
    }

    private boolean spillExcessLocked(PendingBatch pending) {
        boolean moved = false;
        boolean pendingStays = false;
        while (true) {
            long excessRecords = (long) buffer.size() + pending.size() - maxRecords;
            long excessBytes = buffer.bytes() + pending.bytes() - maxBytes;
            if (excessRecords <= 0 && excessBytes <= 0) {
                return moved;
            }
            if (!pending.isEmpty() && !pendingStays) {
                try {
                    spillPending(pending);
                    moved = true;
                    continue;
                } catch (IOException e) {
                    LOG.log(Level.SEVERE, "Spilling the " + pending.size() + " validation log records of the"
                            + " failed write failed; they stay in memory", e);
                    pendingStays = true;
                }
            }
            if (diskWorks) {
                // Down to eight tenths: one segment for many batches, not a segment (and its fsync) per batch.
                excessRecords += excessRecords > 0 ? maxRecords / 5 : 0;
                excessBytes += excessBytes > 0 ? maxBytes / 5 : 0;
            }
            List<LogRecord> overflow = buffer.takeAtLeast((int) Math.min(Math.max(excessRecords, 0), SPILL_SEGMENT_RECORDS),
                    excessBytes, SPILL_SEGMENT_RECORDS);
            if (overflow.isEmpty()) {
                // The pending batch alone is over a bound and cannot go to disk.
                return moved;
            }
            moved = true;
            spillOrDrop(overflow);
        }
    }

    /**
     * Spills what is left of the pending batch, each part under its write id, so that writing it
     * back is skipped if its last attempt did commit. A part the writer never tried has an id of
     * its own too, which no other write uses.
     */
    void spillPending(PendingBatch pending) throws IOException {
        disk.lock();
        try {
            while (!pending.isEmpty()) {
                PendingBatch.Part part = pending.first();
                spills.incrementAndGet();
                spill.append(part.id(), pending.records(part));
                spilled.addAndGet(part.size());
                pending.spilled();
            }
        } finally {
            disk.unlock();
        }
    }

    /** Spills records as new segments; those the disk does not take are lost, and counted. */
    void spillOrDrop(List<LogRecord> records) {
        disk.lock();
        try {
            for (int from = 0; from < records.size(); from += SPILL_SEGMENT_RECORDS) {
                List<LogRecord> segment = records.subList(from, Math.min(records.size(), from + SPILL_SEGMENT_RECORDS));
                try {
                    spills.incrementAndGet();
                    spill.append(segment);
                    spilled.addAndGet(segment.size());
                    diskWorks = true;
                    diskFailed = false;
                } catch (IOException e) {
                    diskWorks = false;
                    diskFailed = true;
                    drop(segment.size(), e);
                }
            }
        } finally {
            disk.unlock();
        }
    }

    /** Whether the buffer and the batch being written have reached where {@link #spillBeside} starts. */
    boolean nearBound(PendingBatch writing) {
        return (long) buffer.size() + writing.size() >= maxRecords - maxRecords / 10
                || buffer.bytes() + writing.bytes() >= maxBytes - maxBytes / 10;
    }

    /**
     * Spills the buffer's oldest records, while the writer writes {@code writing} or waits to
     * retry it, until the two are within eight tenths of both bounds (within the bounds only, when
     * the last spill failed: what goes then is lost). The batch stays: the writer owns it, and
     * writes it before the segments.
     */
    void spillBeside(PendingBatch writing) {
        disk.lock();
        try {
            long keptRecords = diskFailed ? maxRecords : maxRecords - maxRecords / 5;
            long keptBytes = diskFailed ? maxBytes : maxBytes - maxBytes / 5;
            while (true) {
                long excessRecords = (long) buffer.size() + writing.size() - keptRecords;
                long excessBytes = buffer.bytes() + writing.bytes() - keptBytes;
                if (excessRecords <= 0 && excessBytes <= 0) {
                    return;
                }
                List<LogRecord> overflow = buffer.takeAtLeast(
                        (int) Math.min(Math.max(excessRecords, 0), SPILL_SEGMENT_RECORDS), excessBytes, SPILL_SEGMENT_RECORDS);
                if (overflow.isEmpty()) {
                    return;
                }
                spillOrDrop(overflow);
            }
        } finally {
            disk.unlock();
        }
    }

    /**
     * Takes the next batch from the buffer, unless segments were spilled since {@code spillsSeen}:
     * those are older and go first (null then).
     */
    List<LogRecord> takeUnlessSpilledSince(long spillsSeen, int max) {
        disk.lock();
        try {
            return spills.get() == spillsSeen ? buffer.take(max) : null;
        } finally {
            disk.unlock();
        }
    }

    /** The segments on disk, oldest first, with the count of spills they hold all of. */
    record Segments(long spills, List<Path> files) {
    }

    Segments segments() throws IOException {
        disk.lock();
        try {
            return new Segments(spills.get(), spill.segments());
        } finally {
            disk.unlock();
        }
    }

    void drop(int records, Exception cause) {
        dropped.addAndGet(records);
        LOG.log(Level.SEVERE, "Spilling " + records + " validation log records failed; they are lost", cause);
    }

    long spills() {
        return spills.get();
    }

    long spilled() {
        return spilled.get();
    }

    long dropped() {
        return dropped.get();
    }

    int maxRecords() {
        return maxRecords;
    }

    long maxBytes() {
        return maxBytes;
    }
}
