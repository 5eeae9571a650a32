package io.shopup.coupons.validationlog.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.validationlog.entity.LogRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LogBufferTest {

    private final LogBuffer buffer = new LogBuffer();

    @Test
    void takeReturnsTheOldestRecordsInOfferOrder() {
        offer(0, 5);

        assertEquals(List.of("order-0", "order-1", "order-2"), orderIds(buffer.take(3)));
        assertEquals(2, buffer.size());
        assertEquals(List.of("order-3", "order-4"), orderIds(buffer.take(10)));
        assertEquals(0, buffer.size());
        assertTrue(buffer.take(10).isEmpty());
    }

    @Test
    void sizeCountsWhatWaits() {
        assertEquals(0, buffer.size());
        offer(0, 7);
        assertEquals(7, buffer.size());
        buffer.take(4);
        assertEquals(3, buffer.size());
    }

    @Test
    void takeOfZeroTakesNothing() {
        offer(0, 2);
        assertTrue(buffer.take(0).isEmpty());
        assertEquals(2, buffer.size());
    }

    @Test
    void theCallbackRunsWhenTheSizeReachesTheBatchSize() {
        AtomicInteger calls = new AtomicInteger();
        buffer.whenBatchReady(3, calls::incrementAndGet);

        offer(0, 2);
        assertEquals(0, calls.get(), "less than a batch waits");

        offer(2, 1);
        assertEquals(1, calls.get(), "a full batch waits");
    }

    @Test
    void theCallbackDoesNotRunAgainOnceTheBatchWasTaken() {
        AtomicInteger calls = new AtomicInteger();
        buffer.whenBatchReady(3, calls::incrementAndGet);
        offer(0, 3);
        buffer.take(3);

        offer(3, 2);

        assertEquals(1, calls.get());
    }

    @Test
    void withoutACallbackOfferNeverFails() {
        offer(0, 1_000);
        assertEquals(1_000, buffer.size());
    }

    @Test
    void oldestAgeIsZeroWhenNothingWaits() {
        assertEquals(0, buffer.oldestAgeMillis());
        offer(0, 1);
        buffer.take(1);
        assertEquals(0, buffer.oldestAgeMillis());
    }

    @Test
    void oldestAgeGrowsWhileTheOldestRecordWaits() throws InterruptedException {
        offer(0, 1);
        Thread.sleep(30);
        offer(1, 1);

        assertTrue(buffer.oldestAgeMillis() >= 30, "age " + buffer.oldestAgeMillis());
    }

    @Test
    void bytesCountTheEstimatesOfWhatWaits() {
        offer(0, 5);
        long all = 0;
        for (int i = 0; i < 5; i++) {
            all += LogBuffer.estimatedBytes(record(i));
        }
        assertEquals(all, buffer.bytes());

        buffer.take(2);

        assertEquals(all - LogBuffer.estimatedBytes(record(0)) - LogBuffer.estimatedBytes(record(1)), buffer.bytes());
        buffer.take(10);
        assertEquals(0, buffer.bytes());
    }

    @Test
    void theEstimateCountsEachStringAtTwoBytesACharacterAndAFixedOverhead() {
        LogRecord bare = new LogRecord(null, null, null, null, true, null, null, null, null, null, null,
                Instant.parse("2026-01-01T00:00:00Z"), null);
        LogRecord full = new LogRecord("CODE", "user-1", "order-1", BigDecimal.ONE, true, "VALID", BigDecimal.ONE,
                BigDecimal.ONE, "10.0.0.1", "agent/1.0", BigDecimal.ONE, Instant.parse("2026-01-01T00:00:00Z"), 1L);

        assertEquals(LogBuffer.RECORD_OVERHEAD_BYTES, LogBuffer.estimatedBytes(bare));
        int characters = "CODE".length() + "user-1".length() + "order-1".length() + "VALID".length()
                + "10.0.0.1".length() + "agent/1.0".length();
        assertEquals(LogBuffer.RECORD_OVERHEAD_BYTES + 6 * LogBuffer.STRING_OVERHEAD_BYTES + 2L * characters,
                LogBuffer.estimatedBytes(full));
    }

    @Test
    void takeAtLeastTakesUntilBothCountsAreReachedButNeverMoreThanTheMost() {
        offer(0, 10);
        long one = LogBuffer.estimatedBytes(record(0));

        assertEquals(List.of("order-0", "order-1"), orderIds(buffer.takeAtLeast(2, 1, 10)), "two records");
        assertEquals(List.of("order-2", "order-3", "order-4"), orderIds(buffer.takeAtLeast(1, 2 * one + 1, 10)),
                "more than two records' bytes");
        assertEquals(List.of("order-5"), orderIds(buffer.takeAtLeast(5, 0, 1)), "at most one");
        assertEquals(4, buffer.size());
        assertTrue(buffer.takeAtLeast(0, 0, 10).isEmpty(), "nothing asked for");
    }

    private void offer(int from, int count) {
        for (int i = from; i < from + count; i++) {
            buffer.offer(record(i));
        }
    }

    private static LogRecord record(int i) {
        return new LogRecord("SAVE10", "user-" + i, "order-" + i, new BigDecimal("100.00"), true, "VALID",
                new BigDecimal("10.00"), new BigDecimal("90.00"), "10.0.0.1", "test-agent",
                new BigDecimal("1.250"), Instant.parse("2025-01-15T10:00:00Z"), 1L);
    }

    private static List<String> orderIds(List<LogRecord> records) {
        return records.stream().map(LogRecord::orderId).toList();
    }

    @Test
    void afterClosingRecordsGoStraightToTheLateSink() {
        LogBuffer buffer = new LogBuffer();
        List<LogRecord> late = new ArrayList<>();
        buffer.close(late::add);

        LogRecord record = new LogRecord("C", "u", null, null, true, "VALID", null, null, null, null, null,
                Instant.parse("2026-01-01T00:00:00Z"), null);
        buffer.offer(record);

        assertEquals(List.of(record), late);
        assertEquals(0, buffer.size());
    }

    @Test
    void closingHandsOverWhatIsStillQueuedToTheNextOffer() {
        LogBuffer buffer = new LogBuffer();
        LogRecord queued = record("queued");
        buffer.offer(queued);
        List<LogRecord> late = new ArrayList<>();
        buffer.close(late::add);

        LogRecord after = record("after");
        buffer.offer(after);

        assertEquals(List.of(after), late, "records offered after the close go to the sink");
        assertEquals(List.of(queued), buffer.take(10), "the writer's own last take still finds the rest");
    }

    private static LogRecord record(String user) {
        return new LogRecord("C", user, null, null, true, "VALID", null, null, null, null, null,
                Instant.parse("2026-01-01T00:00:00Z"), null);
    }
}
