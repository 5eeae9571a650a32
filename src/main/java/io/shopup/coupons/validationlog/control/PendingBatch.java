package io.shopup.coupons.validationlog.control;

import io.shopup.coupons.validationlog.entity.LogRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Records taken from the buffer for one write, and what of them is still to be written: parts,
 * in order, each with the id that makes its write happen once.
 *
 * <p>At first the whole batch is one part, under the batch's id. A part the table refuses because
 * of a record in it is split in halves, and so on down to the record (bisection): a poison record
 * costs about two writes per halving, {@code 2·log2(n)} in all, instead of a write per record. A
 * part whose write timed out is split in halves too, so that the next attempt is smaller. A part
 * is only split once its own write is known not to have committed (the table refused it, or timed
 * out holding its mark), so no record is ever in two writes that could both commit.
 *
 * <p>A part's id derives from the batch id and its range, {@code <batchId>.<first>-<last>}: it is
 * the same through every retry and as the name of a spill segment, and parts sort in record order.
 *
 * <p>One writer changes a batch; {@link #size} and {@link #bytes} may be read by any thread.
 */
final class PendingBatch {

    static final PendingBatch EMPTY = new PendingBatch("", List.of());
    /** Made with the class, so that a stop never has to load the part class (see {@link LogTable}). */
    private static final Part NO_PART = new Part(0, 0, "", false);

    private final String id;
    private final List<LogRecord> records;
    /** {@code bytesBefore[i]}: the estimated bytes of records 0 to i - 1. */
    private final long[] bytesBefore;
    private final String partIdFormat;
    /** The parts to write, in order: together they are always the records from {@code unwritten} on. */
    private final ArrayDeque<Part> parts = new ArrayDeque<>();
    private volatile int unwritten;

    /**
     * Records {@code from} (inclusive) to {@code to} (exclusive) of the batch.
     *
     * @param suspect the table refused a part holding this one and the parts before it, and has
     *                refused none of those since: once they are written, this part is known to
     *                hold a refused record and is split without a write that would fail
     */
    record Part(int from, int to, String id, boolean suspect) {

        int size() {
            return to - from;
        }
    }

    PendingBatch(String id, List<LogRecord> records) {
        this.id = id;
        this.records = new ArrayList<>(records);
        bytesBefore = new long[records.size() + 1];
        for (int i = 0; i < records.size(); i++) {
            bytesBefore[i + 1] = bytesBefore[i] + LogBuffer.estimatedBytes(records.get(i));
        }
        // Fixed width, so that the segments of one batch's parts sort in record order.
        int digits = Math.max(5, Integer.toString(Math.max(records.size() - 1, 0)).length());
        partIdFormat = "%s.%0" + digits + "d-%0" + digits + "d";
        if (!records.isEmpty()) {
            parts.add(new Part(0, records.size(), id, false));
        }
    }

    boolean isEmpty() {
        return parts.isEmpty();
    }

    /** The next part to write; {@link #isEmpty()} must be false. */
    Part first() {
        Part first = parts.peekFirst();
        return first == null ? NO_PART : first;
    }

    List<LogRecord> records(Part part) {
        return records.subList(part.from(), part.to());
    }

    /** Records not written yet. */
    int size() {
        return records.size() - unwritten;
    }

    /** Estimated bytes of the records not written yet. */
    long bytes() {
        return bytesBefore[records.size()] - bytesBefore[unwritten];
    }

    /** The first part is in the table (now, or by an attempt whose commit was not acknowledged). */
    void written() {
        parts.removeFirst();
        Part next = parts.peekFirst();
        if (next != null && next.suspect() && next.size() > 1) {
            // Everything before it since its parent was refused has been written: the refused record is in here.
            parts.removeFirst();
            addHalvesFirst(next, true);
        }
        moved();
    }

    /** The table refused the first part, of more than one record, because of a record in it. */
    void refused() {
        Part part = parts.removeFirst();
        // A refusal the later parts were suspected of may have been this one.
        clearSuspicion();
        addHalvesFirst(part, true);
    }

    /** The first part, a single record the table refuses, is in the dead letters. */
    void deadLettered() {
        parts.removeFirst();
        clearSuspicion();
        moved();
    }

    /**
     * The first part's write timed out: its halves take its place, unless they would hold fewer
     * than {@code minRecords}.
     *
     * @return whether it was split
     */
    boolean splitSmaller(int minRecords) {
        Part part = parts.peekFirst();
        if (part == null || part.size() < 2 * minRecords) {
            return false;
        }
        parts.removeFirst();
        addHalvesFirst(part, false);
        return true;
    }

    /** The first part is in the spill store, under its id. */
    void spilled() {
        parts.removeFirst();
        moved();
    }

    private void addHalvesFirst(Part part, boolean rightSuspect) {
        int middle = part.from() + part.size() / 2;
        parts.addFirst(part(middle, part.to(), rightSuspect));
        parts.addFirst(part(part.from(), middle, false));
    }

    private Part part(int from, int to, boolean suspect) {
        return new Part(from, to, String.format(partIdFormat, id, from, to - 1), suspect);
    }

    private void clearSuspicion() {
        // A few parts at most: one per halving.
        for (int i = parts.size(); i > 0; i--) {
            Part part = parts.removeFirst();
            parts.addLast(part.suspect() ? new Part(part.from(), part.to(), part.id(), false) : part);
        }
    }

    private void moved() {
        Part first = parts.peekFirst();
        unwritten = first == null ? records.size() : first.from();
    }
}
