package io.shopup.coupons.validationlog.control;

import io.shopup.coupons.validationlog.entity.LogRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Where request threads leave log records. {@link #offer} never blocks and takes no lock: a
 * lock-free queue and a counter. The single writer takes records from the other end, in order.
 */
@ApplicationScoped
public class LogBuffer {

    private final ConcurrentLinkedQueue<Entry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private volatile int batchSize = Integer.MAX_VALUE;
    private volatile Runnable batchReady = () -> { };
    private volatile Consumer<LogRecord> afterClose;

    private record Entry(LogRecord record, long enqueuedNanos) {
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
        queue.add(new Entry(record, System.nanoTime()));
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
        List<LogRecord> batch = new ArrayList<>(Math.min(max, Math.max(size.get(), 1)));
        Entry entry;
        while (batch.size() < max && (entry = queue.poll()) != null) {
            size.decrementAndGet();
            batch.add(entry.record());
        }
        return batch;
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

    /** Milliseconds the oldest waiting record has waited, 0 when none waits. */
    public long oldestAgeMillis() {
        Entry oldest = queue.peek();
        return oldest == null ? 0 : (System.nanoTime() - oldest.enqueuedNanos()) / 1_000_000;
    }
}
