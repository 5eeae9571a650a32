package io.shopup.coupons.validationlog.control;

import io.shopup.coupons.validationlog.entity.LogRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Where request threads leave log records. {@link #offer} never blocks and takes no lock: a
 * lock-free queue and two counters, records and their estimated bytes. The single writer takes
 * records from the other end, in order, and keeps both counts within the log's memory bounds.
 */
@ApplicationScoped
public class LogBuffer {

    /**
     * What a record costs beyond its strings, on a 64-bit JVM with compressed references: the
     * record (64 bytes), its entry here (32) and queue node (24), four BigDecimals (40 each), an
     * Instant (24) and a Long (16).
     */
    static final long RECORD_OVERHEAD_BYTES = 320;
    /** A String's object (24 bytes) and its array's header (16). */
    static final long STRING_OVERHEAD_BYTES = 40;

    private final ConcurrentLinkedQueue<Entry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private volatile int batchSize = Integer.MAX_VALUE;
    private volatile Runnable batchReady = () -> { };
    private volatile Consumer<LogRecord> afterClose;

    private record Entry(LogRecord record, long enqueuedNanos, long bytes) {
    }

    /**
     * The memory a record holds, estimated high: two bytes a character, although a compact string
     * of Latin-1 text (most of what the log holds) takes one.
     */
    public static long estimatedBytes(LogRecord record) {
        return RECORD_OVERHEAD_BYTES + stringBytes(record.couponCode()) + stringBytes(record.userId())
                + stringBytes(record.orderId()) + stringBytes(record.ipAddress()) + stringBytes(record.userAgent())
                + stringBytes(record.reason());
    }

    private static long stringBytes(String text) {
        return text == null ? 0 : STRING_OVERHEAD_BYTES + 2L * text.length();
    }

    /** The writer asks to hear when a full batch waits; the callback must not block. */
    public void whenBatchReady(int batchSize, Runnable batchReady) {
        this.batchSize = batchSize;
        this.batchReady = batchReady;
    }

    /** Hands a record over; never blocks and never fails the caller. */
    public void offer(LogRecord record) {
        Consumer<LogRecord> late = afterClose;
        if (late != null) {
            late.accept(record);
            return;
        }
        long estimate = estimatedBytes(record);
        queue.add(new Entry(record, System.nanoTime(), estimate));
        bytes.addAndGet(estimate);
        if (size.incrementAndGet() >= batchSize) {
            batchReady.run();
        }
        late = afterClose;
        if (late != null) {
            // Closed while this record was being added: the writer's last take may have missed it.
            take(Integer.MAX_VALUE).forEach(late);
        }
    }

    /** Takes up to {@code max} of the oldest records. */
    public List<LogRecord> take(int max) {
        return takeAtLeast(max, Long.MAX_VALUE, max);
    }

    /**
     * Takes the oldest records until at least {@code records} of them, and at least {@code bytes}
     * of estimated size, are taken; never more than {@code max}. For spilling an excess.
     */
    public List<LogRecord> takeAtLeast(int records, long bytes, int max) {
        List<LogRecord> taken = new ArrayList<>(Math.min(max, Math.max(Math.min(records, size.get()), 1)));
        long takenBytes = 0;
        Entry entry;
        while (taken.size() < max && (taken.size() < records || takenBytes < bytes)
                && (entry = queue.poll()) != null) {
            size.decrementAndGet();
            this.bytes.addAndGet(-entry.bytes());
            takenBytes += entry.bytes();
            taken.add(entry.record());
        }
        return taken;
    }

    /**
     * From now on records go straight to {@code late} (at shutdown: to disk), for requests still
     * answered while the application stops.
     */
    public void close(Consumer<LogRecord> late) {
        afterClose = late;
    }

    public int size() {
        return size.get();
    }

    /** Estimated bytes of the waiting records (see {@link #estimatedBytes}). */
    public long bytes() {
        // A take can count a record down before its offer has counted it up.
        return Math.max(0, bytes.get());
    }

    /** Milliseconds the oldest waiting record has waited, 0 when none waits. */
    public long oldestAgeMillis() {
        Entry oldest = queue.peek();
        return oldest == null ? 0 : (System.nanoTime() - oldest.enqueuedNanos()) / 1_000_000;
    }
}
