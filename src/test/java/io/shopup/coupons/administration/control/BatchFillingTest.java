package io.shopup.coupons.administration.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shopup.coupons.administration.entity.BatchStatus;
import io.shopup.coupons.administration.entity.CodeBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchFillingTest {

    final Set<String> table = new HashSet<>();
    final List<String> batchCodes = new ArrayList<>();
    final AtomicInteger drawn = new AtomicInteger();

    /** Draws CODE-0, CODE-1, ... in order: predictable, so that a test can make them collide. */
    List<String> draw(int count) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            codes.add("CODE-" + drawn.getAndIncrement());
        }
        return codes;
    }

    /** The database's part: codes that exist are skipped, the count is what was added. */
    CodeBatch insert(CodeBatch batch, List<String> codes) {
        for (String code : codes) {
            if (table.add(code)) {
                batchCodes.add(code);
            }
        }
        return batch(batch.requested(), batchCodes.size());
    }

    static CodeBatch batch(int requested, int created) {
        return new CodeBatch(UUID.randomUUID(), BatchStatus.RUNNING, requested, created, "", 8, Instant.EPOCH, null, null);
    }

    @Test
    void collisionsAreDrawnAgainUntilTheBatchHasExactlyItsCount() {
        for (int i = 0; i < 2_500; i += 2) {
            table.add("CODE-" + i); // every other code of the first 2,500 exists already
        }
        CodeBatch start = batch(2_000, 0);
        BatchFilling.End end = BatchFilling.fill(start, 1_000, this::draw, codes -> insert(start, codes), () -> false);
        assertEquals(BatchFilling.End.FILLED, end);
        assertEquals(2_000, batchCodes.size());
        assertEquals(2_000, new HashSet<>(batchCodes).size());
    }

    @Test
    void aResumedBatchDrawsOnlyWhatIsMissing() {
        CodeBatch resumed = batch(2_500, 2_000);
        BatchFilling.fill(resumed, 1_000, this::draw, codes -> {
            assertEquals(500, codes.size());
            return batch(2_500, 2_000 + codes.size());
        }, () -> false);
        assertEquals(500, drawn.get());
    }

    @Test
    void aStopEndsTheRunBetweenChunks() {
        AtomicInteger chunks = new AtomicInteger();
        CodeBatch start = batch(10_000, 0);
        BatchFilling.End end = BatchFilling.fill(start, 1_000, this::draw, codes -> {
            chunks.incrementAndGet();
            return insert(start, codes);
        }, () -> chunks.get() == 3);
        assertEquals(BatchFilling.End.STOPPED, end);
        assertEquals(3_000, batchCodes.size());
    }

    @Test
    void aBatchThatIsNoLongerOursEndsAsLost() {
        assertEquals(BatchFilling.End.LOST, BatchFilling.fill(batch(10, 0), 1_000, this::draw, codes -> null, () -> false));
        assertEquals(BatchFilling.End.LOST, BatchFilling.fill(null, 1_000, this::draw, codes -> null, () -> false));
    }

    @Test
    void aShapeWithNoRoomLeftFails() {
        CodeBatch start = batch(10, 0);
        BatchFilling.End end = BatchFilling.fill(start, 1_000, count -> List.of("ONLY"), codes -> insert(start, codes),
                () -> false);
        assertEquals(BatchFilling.End.EXHAUSTED, end);
        assertEquals(1, batchCodes.size());
    }
}
