package io.shopup.coupons.validationlog.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.validationlog.entity.LogRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import io.shopup.coupons.testsupport.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogWriterTest {

    private static final Instant NOW = Instant.parse("2025-01-15T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final int BATCH = 10;
    private static final int NO_BOUND = 1_000_000;

    @TempDir
    Path spillFolder;

    private final LogBuffer buffer = new LogBuffer();
    private final FakeTable table = new FakeTable();

    // ---------------------------------------------------------------- the happy path

    @Test
    void everyRecordIsWrittenOnceInOfferOrderOverSeveralBatches() {
        LogWriter writer = writer(NO_BOUND);
        offer(0, 35);

        assertTrue(writer.drain(false));

        assertEquals(range(0, 35), orderNumbers(table.rows));
        assertEquals(35, writer.written());
        assertEquals(List.of(10, 10, 10, 5), table.insertSizes, "three full batches and the partial rest");
        assertEquals(0, buffer.size());
        assertEquals(0, writer.pendingCount());
        assertFalse(writer.isFailing());
        assertEquals(NOW, writer.lastFlushAt());
    }

    @Test
    void whenMoreThanABatchWaitsOneWriteTakesUpToTheWriteLimit() {
        LogWriter writer = new LogWriter(buffer, table, new SpillStore(spillFolder), BATCH, 25, NO_BOUND, CLOCK);
        offer(0, 60);

        assertTrue(writer.drain(true));

        assertEquals(range(0, 60), orderNumbers(table.rows));
        assertEquals(List.of(25, 25, 10), table.insertSizes);
    }

    @Test
    void fullBatchesOnlyLeavesLessThanABatchWaiting() {
        LogWriter writer = writer(NO_BOUND);
        offer(0, 35);

        assertTrue(writer.drain(true));

        assertEquals(range(0, 30), orderNumbers(table.rows));
        assertEquals(5, buffer.size());
        assertEquals(0, writer.pendingCount());

        assertTrue(writer.drain(false), "the timer flushes the rest");
        assertEquals(range(0, 35), orderNumbers(table.rows));
        assertEquals(0, buffer.size());
    }

    @Test
    void fullBatchesOnlyWritesNothingWhenLessThanABatchWaits() {
        LogWriter writer = writer(NO_BOUND);
        offer(0, BATCH - 1);

        assertTrue(writer.drain(true));

        assertTrue(table.rows.isEmpty());
        assertEquals(BATCH - 1, buffer.size());
        assertNull(writer.lastFlushAt());
    }

    @Test
    void recordsOfferedBetweenDrainsFollowInOrder() {
        LogWriter writer = writer(NO_BOUND);
        offer(0, 12);
        writer.drain(false);
        offer(12, 13);
        writer.drain(false);

        assertEquals(range(0, 25), orderNumbers(table.rows));
        assertEquals(25, writer.written());
    }

    // ---------------------------------------------------------------- database down

    @Test
    void whileTheDatabaseIsDownNothingIsLostAndTheFailedBatchWaits() {
        LogWriter writer = writer(NO_BOUND);
        offer(0, 35);
        table.down = true;

        assertFalse(writer.drain(false));

        assertTrue(writer.isFailing());
        assertTrue(table.rows.isEmpty());
        assertEquals(BATCH, writer.pendingCount(), "the failed batch");
        assertEquals(25, buffer.size(), "the rest is still in the buffer");
        assertEquals(0, writer.written());
        assertEquals(0, writer.spilled());
        assertEquals(0, writer.dropped());
    }

    @Test
    void whenTheDatabaseIsBackTheFailedBatchGoesFirstAndEverythingOnce() {
        LogWriter writer = writer(NO_BOUND);
        offer(0, 35);
        table.down = true;
        assertFalse(writer.drain(false));
        assertFalse(writer.drain(true), "still down");
        offer(35, 7);

        table.down = false;
        assertTrue(writer.drain(false));

        assertEquals(range(0, 42), orderNumbers(table.rows));
        assertEquals(42, writer.written());
        assertFalse(writer.isFailing());
        assertEquals(0, writer.pendingCount());
        assertEquals(0, buffer.size());
    }

    @Test
    void aDatabaseThatFailsMidwayKeepsTheRestInOrder() {
        LogWriter writer = writer(NO_BOUND);
        offer(0, 35);
        table.failAfterInserts = 2;

        assertFalse(writer.drain(false));

        assertEquals(range(0, 20), orderNumbers(table.rows));
        assertEquals(BATCH, writer.pendingCount(), "records 20..29");
        assertEquals(5, buffer.size(), "records 30..34");

        table.failAfterInserts = -1;
        table.down = false;
        assertTrue(writer.drain(false));
        assertEquals(range(0, 35), orderNumbers(table.rows));
    }

    // ---------------------------------------------------------------- lost acknowledgements

    @Test
    void aBatchWhoseCommitWasNotAcknowledgedIsNotWrittenTwice() {
        LogWriter writer = writer(NO_BOUND);
        offer(0, 25);
        table.loseNextAcknowledgement = true;

        assertFalse(writer.drain(false), "the first write committed, but the writer heard of a failure");
        assertEquals(range(0, 10), orderNumbers(table.rows));
        assertEquals(BATCH, writer.pendingCount(), "the writer cannot know: the batch waits for its retry");

        table.down = false;
        assertTrue(writer.drain(false));

        assertEquals(range(0, 25), orderNumbers(table.rows), "each record once");
        assertEquals(25, writer.written());
    }

    @Test
    void aSpilledBatchWhoseCommitWasNotAcknowledgedIsNotReplayedTwice() {
        LogWriter writer = writer(5);
        offer(0, 10);
        // Requests go on while the write runs.
        table.eachWrite = () -> {
            if (table.insertCalls == 1) {
                offer(10, 30);
            }
        };
        table.loseNextAcknowledgement = true;

        assertFalse(writer.drain(false));
        assertEquals(0, writer.pendingCount(), "over the memory bound, the batch went to disk under its id");

        table.down = false;
        assertTrue(writer.drain(false));

        assertEquals(range(0, 40), orderNumbers(table.rows), "each record once");
    }

    @Test
    void aRecordIsolatedFromItsBatchIsNotWrittenTwiceEither() {
        LogWriter writer = writer(NO_BOUND);
        table.poison(3);
        offer(0, 10);
        table.loseNextAcknowledgement = true;

        assertFalse(writer.drain(false), "the batch and its first half were refused; records 0 and 1, written"
                + " as a part of their own, committed unacknowledged");
        table.down = false;
        assertTrue(writer.drain(false));

        assertEquals(List.of(0, 1, 2, 4, 5, 6, 7, 8, 9), orderNumbers(table.rows));
        assertEquals(List.of(3), deadRecords().stream().map(LogWriterTest::orderNumber).toList());
        // The skipped write was of two records: only a single record's can have been a dead letter,
        // so the retry counts these as rows.
        assertEquals(9, writer.written());
    }

    @Test
    void anIsolatedRecordSpilledAfterAnUnacknowledgedCommitIsNotReplayedTwice() {
        LogWriter writer = writer(BATCH);
        table.poison(3);
        offer(0, BATCH);
        // Requests go on while the batch is written.
        table.eachWrite = () -> {
            if (table.insertCalls == 1) {
                offer(BATCH, 30);
            }
        };
        table.loseNextAcknowledgement = true;

        assertFalse(writer.drain(false));
        assertEquals(0, writer.pendingCount(), "the batch went to disk, each part under its own id: records 0 and 1"
                + " (committed unacknowledged), 2 to 4, 5 to 9");

        table.down = false;
        assertTrue(writer.drain(false));

        List<Integer> expected = new ArrayList<>(range(0, 40));
        expected.remove(Integer.valueOf(3));
        assertEquals(expected, orderNumbers(table.rows));
        assertEquals(List.of(3), deadRecords().stream().map(LogWriterTest::orderNumber).toList());
    }

    @Test
    void theMarksOfSettledWritesAreForgottenByTheNextWrite() {
        LogWriter writer = writer(NO_BOUND);
        offer(0, 35);

        assertTrue(writer.drain(false));

        assertEquals(1, table.marks.size(), "only the last write's mark is left: " + table.marks);
    }

    // ---------------------------------------------------------------- poison records

    @Test
    void aPoisonRecordGoesToTheDeadLettersAndItsBatchMatesAreWritten() {
        LogWriter writer = writer(NO_BOUND);
        offer(0, 25);
        table.poison(13);

        assertTrue(writer.drain(false));

        List<Integer> expected = new ArrayList<>(range(0, 25));
        expected.remove(Integer.valueOf(13));
        assertEquals(expected, orderNumbers(table.rows), "the others in order");
        assertEquals(1, table.deadLetters.size());
        assertEquals(13, orderNumber(table.deadLetters.get(0).record()));
        assertTrue(table.deadLetters.get(0).error().contains("numeric field overflow"),
                table.deadLetters.get(0).error());
        assertEquals(1, writer.deadLettered());
        assertEquals(24, writer.written());
        assertFalse(writer.isFailing());
        assertEquals(0, writer.pendingCount());
    }

    @Test
    void severalPoisonRecordsInSeveralBatches() {
        LogWriter writer = writer(NO_BOUND);
        offer(0, 30);
        table.poison(0, 9, 15, 29);

        assertTrue(writer.drain(false));

        List<Integer> expected = new ArrayList<>(range(0, 30));
        expected.removeAll(List.of(0, 9, 15, 29));
        assertEquals(expected, orderNumbers(table.rows));
        assertEquals(List.of(0, 9, 15, 29), orderNumbers(deadRecords()));
        assertEquals(4, writer.deadLettered());
        assertEquals(26, writer.written());
    }

    @Test
    void whenTheDatabaseFailsWhileABatchIsWrittenOneByOneNothingIsWrittenTwice() {
        LogWriter writer = writer(NO_BOUND);
        offer(0, 10);
        table.poison(3);
        // The refused batch, its refused first half, records 0 and 1; then the database fails.
        table.failAfterInserts = 3;

        assertFalse(writer.drain(false));
        assertEquals(List.of(0, 1), orderNumbers(table.rows));
        assertEquals(8, writer.pendingCount(), "what the bisection had not done");

        table.failAfterInserts = -1;
        table.down = false;
        assertTrue(writer.drain(false));

        assertEquals(List.of(0, 1, 2, 4, 5, 6, 7, 8, 9), orderNumbers(table.rows));
        assertEquals(List.of(3), orderNumbers(deadRecords()));
    }

    // ---------------------------------------------------------------- bisection

    /** 2·log2(5,000) + 2 writes, the logarithm rounded up, dead letters included. */
    private static final int MOST_WRITES_FOR_ONE_POISON = 2 * 13 + 2;

    @Test
    void aPoisonRecordInABatchOf5000IsFoundInLogarithmicallyManyWrites() {
        for (int poison : new int[] {0, 1, 1_234, 2_499, 2_500, 3_333, 4_998, 4_999}) {
            assertBisected(MOST_WRITES_FOR_ONE_POISON, poison);
        }
    }

    @Test
    void twoPoisonRecordsInABatchOf5000AreFoundInLogarithmicallyManyWrites() {
        for (int[] poison : new int[][] {{1_234, 3_999}, {2_000, 2_001}, {0, 4_999}}) {
            assertBisected(2 * MOST_WRITES_FOR_ONE_POISON, poison);
        }
    }

    /**
     * A batch of 5,000 with the given records poisoned (ascending) is written with at most
     * {@code mostWrites} writes: every other record in order, the poisoned ones dead-lettered.
     */
    private void assertBisected(int mostWrites, int... poison) {
        LogBuffer buffer = new LogBuffer();
        FakeTable table = new FakeTable();
        table.poison(poison);
        LogWriter writer = new LogWriter(buffer, table, new SpillStore(spillFolder), BATCH, 5_000, NO_BOUND, CLOCK);
        offer(buffer, 0, 5_000);

        assertTrue(writer.drain(false));

        List<Integer> poisoned = Arrays.stream(poison).boxed().toList();
        List<Integer> expected = new ArrayList<>(range(0, 5_000));
        expected.removeAll(poisoned);
        assertEquals(expected, orderNumbers(table.rows), "poison " + poisoned + ": the others, in order");
        assertEquals(poisoned, orderNumbers(table.deadLetters.stream().map(DeadLetter::record).toList()));
        int writes = table.insertCalls + table.deadLetterCalls;
        assertTrue(writes <= mostWrites, "poison " + poisoned + ": " + writes + " writes");
        assertEquals(5_000 - poison.length, writer.written());
        assertEquals(poison.length, writer.deadLettered());
    }

    @Test
    void aDatabaseFailureInTheMiddleOfBisectionThenRecoveryWritesEveryRecordOnce() {
        LogWriter writer = new LogWriter(buffer, table, new SpillStore(spillFolder), BATCH, 1_000, NO_BOUND, CLOCK);
        offer(0, 1_000);
        table.poison(637);
        // The eighth write commits, but the connection fails before the writer hears of it.
        table.eachWrite = () -> {
            if (table.insertCalls == 8) {
                table.loseNextAcknowledgement = true;
            }
        };

        assertFalse(writer.drain(false));
        assertEquals(8, table.insertCalls);
        String batchId = table.writeIds.get(0);
        String lost = table.writeIds.get(7);
        assertTrue(lost.matches(Pattern.quote(batchId) + "\\.\\d{5}-\\d{5}"), lost);
        assertTrue(writer.pendingCount() > 0 && writer.pendingCount() < 1_000, "pending " + writer.pendingCount());

        table.down = false;
        table.eachWrite = () -> { };
        assertTrue(writer.drain(false));

        assertEquals(lost, table.writeIds.get(8), "the part whose commit was not acknowledged is retried under its id");
        List<Integer> expected = new ArrayList<>(range(0, 1_000));
        expected.remove(Integer.valueOf(637));
        assertEquals(expected, orderNumbers(table.rows), "each once, in order");
        assertEquals(List.of(637), orderNumbers(deadRecords()));
        assertEquals(999, writer.written());
        // A part keeps its id, and an id always names the same records.
        Map<String, Integer> sizeOfId = new HashMap<>();
        for (int i = 0; i < table.writeIds.size(); i++) {
            Integer before = sizeOfId.put(table.writeIds.get(i), table.attemptSizes.get(i));
            assertTrue(before == null || before.equals(table.attemptSizes.get(i)), table.writeIds.get(i));
        }
    }

    // ---------------------------------------------------------------- statement timeouts

    @Test
    void aWriteThatTimesOutIsRetriedInHalves() {
        LogWriter writer = new LogWriter(buffer, table, new SpillStore(spillFolder), BATCH, 1_000, NO_BOUND, CLOCK);
        offer(0, 1_000);
        table.timeoutAbove = 300;

        assertFalse(writer.drain(false), "the write of 1,000 timed out");
        assertEquals(1_000, writer.pendingCount());
        int drains = 1;
        while (!writer.drain(false)) {
            assertTrue(++drains < 10, "still timing out after " + drains + " attempts: " + table.attemptSizes);
        }

        assertEquals(List.of(1_000, 500, 250, 250, 500, 250, 250), table.attemptSizes);
        assertEquals(range(0, 1_000), orderNumbers(table.rows), "each once, in order");
        assertEquals(1_000, writer.written());
        assertEquals(new HashSet<>(table.writeIds).size(), table.writeIds.size(), "each part has an id of its own");
    }

    @Test
    void aWriteThatTimesOutIsNotSplitBelowTheMinimum() {
        LogWriter writer = new LogWriter(buffer, table, new SpillStore(spillFolder), BATCH, 1_000, NO_BOUND, CLOCK);
        offer(0, 400);
        table.timeoutAbove = 50;

        for (int i = 0; i < 5; i++) {
            assertFalse(writer.drain(false));
        }

        assertEquals(List.of(400, 200, 100, 100, 100), table.attemptSizes);
        assertEquals(table.writeIds.get(2), table.writeIds.get(4), "at the minimum, retried unchanged");
        table.timeoutAbove = Integer.MAX_VALUE;
        assertTrue(writer.drain(false));
        assertEquals(range(0, 400), orderNumbers(table.rows));
    }

    // ---------------------------------------------------------------- the memory bound at all times

    @Test
    void theByteBoundHoldsWhileTheDatabaseIsSlowButSucceeds() throws IOException {
        long bound = 25 * LogBuffer.estimatedBytes(record(0));
        LogWriter writer = new LogWriter(buffer, table, new SpillStore(spillFolder), BATCH, BATCH, NO_BOUND, bound,
                CLOCK);
        long[] most = whileSlowWritesRun(writer);

        assertTrue(writer.drain(false));

        assertTrue(most[1] <= bound, "memory held " + most[1] + " bytes, the bound is " + bound);
        assertTrue(writer.spilled() > 0, "the buffer outgrew the bound between writes");
        assertEquals(range(0, 130), orderNumbers(table.rows), "each once, in order");
        assertEquals(0, writer.dropped());
        assertTrue(segmentFiles().isEmpty());
        assertEquals(0, buffer.bytes());
    }

    @Test
    void theRecordBoundHoldsWhileTheDatabaseIsSlowButSucceeds() {
        LogWriter writer = writer(25);
        long[] most = whileSlowWritesRun(writer);

        assertTrue(writer.drain(false));

        assertTrue(most[0] <= 25, "memory held " + most[0] + " records");
        assertTrue(writer.spilled() > 0);
        assertEquals(range(0, 130), orderNumbers(table.rows));
    }

    /**
     * Ten records wait, and each of the first six writes sees twenty more come in while it runs.
     *
     * @return the most records and bytes in memory (the buffer and the batch) while a write ran
     */
    private long[] whileSlowWritesRun(LogWriter writer) {
        offer(0, 10);
        long[] most = {0, 0};
        int[] offered = {10};
        table.eachWrite = () -> {
            most[0] = Math.max(most[0], buffer.size() + writer.pendingCount());
            most[1] = Math.max(most[1], buffer.bytes() + writer.pendingBytes());
            if (table.insertCalls <= 6) {
                offer(offered[0], 20);
                offered[0] += 20;
            }
        };
        return most;
    }

    /**
     * A write waits on the database (a lock, a slow disk) while three times the bound comes in: a
     * helper spills the oldest beside the write, so memory never holds more than the bound; once the
     * write is answered, the spilled records go before the buffered ones, each once.
     */
    @Test
    void whileAWriteWaitsOnTheDatabaseTheBoundHoldsAndEveryRecordIsWrittenOnceInOrder() throws Exception {
        LogWriter writer = writer(100);
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        table.eachWrite = () -> {
            if (table.insertCalls == 1) {
                writing.countDown();
                try {
                    answer.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        offer(0, 10);
        Thread loop = new Thread(() -> writer.drain(false), "validation-log-writer");
        loop.start();
        assertTrue(writing.await(10, TimeUnit.SECONDS), "the first write has begun");

        int most = 0;
        for (int round = 0; round < 30; round++) {
            offer(10 + 10 * round, 10);
            most = Math.max(most, buffer.size() + writer.pendingCount());
            if (writer.nearBounds()) {
                writer.keepWithinBoundsBesideWrites();
            }
        }
        assertTrue(most <= 100, "memory held " + most + " records, the bound is 100");
        assertTrue(writer.spilled() >= 200, "spilled beside the waiting write: " + writer.spilled());
        assertEquals(1, table.insertCalls, "the first write still waits");

        answer.countDown();
        loop.join(10_000);
        assertFalse(loop.isAlive());

        assertEquals(range(0, 310), orderNumbers(table.rows), "each once, in order");
        assertTrue(segmentFiles().isEmpty());
        assertEquals(0, writer.dropped());
    }

    /**
     * While a retry waits, records keep coming beyond the bound a batch at a time: each spill goes
     * down to eight tenths of the bound, so a hundred records make a few segments, not ten (each
     * segment is a file created, forced to disk and renamed).
     */
    @Test
    void whileTheDiskTakesSpillsAStreamBeyondTheBoundMakesOneSegmentForSeveralBatches() throws IOException {
        LogWriter writer = writer(100);
        table.down = true;
        offer(0, 110);
        assertFalse(writer.drain(false));
        int segmentsBefore = segmentFiles().size();

        int most = 0;
        for (int round = 0; round < 10; round++) {
            offer(110 + 10 * round, 10);
            writer.keepWithinBounds();
            most = Math.max(most, buffer.size() + writer.pendingCount());
        }

        assertTrue(most <= 100, "memory held " + most);
        int segments = segmentFiles().size() - segmentsBefore;
        assertTrue(segments >= 1 && segments <= 4, "segments for 100 records beyond the bound: " + segments);
        table.down = false;
        assertTrue(writer.drain(false));
        assertEquals(range(0, 210), orderNumbers(table.rows), "each once, in order");
    }

    @Test
    void writingSpilledSegmentsBackKeepsTheBound() {
        long bound = 20 * LogBuffer.estimatedBytes(record(0));
        LogWriter writer = new LogWriter(buffer, table, new SpillStore(spillFolder), BATCH, BATCH, NO_BOUND, bound,
                CLOCK);
        table.down = true;
        for (int round = 0; round < 4; round++) {
            offer(40 * round, 40);
            assertFalse(writer.drain(false));
            assertTrue(buffer.bytes() <= bound);
        }
        table.down = false;
        long[] mostBuffered = {0};
        int[] offered = {160};
        int replaysBefore = table.replayCalls;
        // Requests go on while the first three segments are written back.
        table.eachReplay = () -> {
            mostBuffered[0] = Math.max(mostBuffered[0], buffer.bytes());
            if (offered[0] < 250) {
                offer(offered[0], 30);
                offered[0] += 30;
            }
        };

        assertTrue(writer.drain(false));

        assertTrue(table.replayCalls - replaysBefore >= 4, "segments written back: " + (table.replayCalls - replaysBefore));
        assertTrue(mostBuffered[0] <= bound, "the buffer held " + mostBuffered[0] + " bytes, the bound is " + bound);
        assertEquals(range(0, 250), orderNumbers(table.rows), "each once, in order");
    }

    // ---------------------------------------------------------------- memory bound and spill

    @Test
    void overTheMemoryBoundTheOldestRecordsAreSpilled() throws IOException {
        LogWriter writer = writer(20);
        offer(0, 100);
        table.down = true;

        assertFalse(writer.drain(false));

        assertTrue(buffer.size() <= 20, "buffer holds " + buffer.size());
        assertEquals(0, writer.pendingCount(), "the excess went to disk before a batch was taken");
        assertEquals(100 - buffer.size(), writer.spilled());
        assertFalse(segmentFiles().isEmpty());
        assertEquals(0, writer.dropped());
        assertEquals(writer.spilled(), spilledRecordCount());
    }

    @Test
    void whileARetryWaitsWhatArrivesBeyondTheBoundGoesToDiskAndEverythingIsWrittenOnceInOrder() throws IOException {
        LogWriter writer = writer(20);
        offer(0, 30);
        table.down = true;
        assertFalse(writer.drain(false));
        int callsAfterFailure = table.insertCalls;

        offer(30, 100);
        writer.keepWithinBounds();

        assertTrue(buffer.size() + writer.pendingCount() <= 20, "memory holds " + (buffer.size() + writer.pendingCount()));
        assertEquals(callsAfterFailure, table.insertCalls, "no write was tried meanwhile");
        table.down = false;
        assertTrue(writer.drain(false));
        assertEquals(range(0, 130), orderNumbers(table.rows));
    }

    @Test
    void whenTheDatabaseIsBackTheFailedBatchThenTheSpilledThenTheBufferedAreWritten() throws IOException {
        LogWriter writer = writer(20);
        offer(0, 100);
        table.down = true;
        assertFalse(writer.drain(false));

        table.down = false;
        assertTrue(writer.drain(false));

        assertEquals(range(0, 100), orderNumbers(table.rows));
        assertEquals(100, writer.written());
        assertTrue(segmentFiles().isEmpty(), "written segments are deleted");
        assertEquals(0, buffer.size());
        assertEquals(0, writer.pendingCount());
        assertFalse(writer.isFailing());
    }

    @Test
    void repeatedFailuresSpillSeveralSegmentsThatAreWrittenOldestFirst() throws IOException {
        LogWriter writer = writer(20);
        table.down = true;
        int offered = 0;
        for (int round = 0; round < 4; round++) {
            offer(offered, 40);
            offered += 40;
            assertFalse(writer.drain(false));
            assertTrue(buffer.size() <= 20);
        }
        assertTrue(segmentFiles().size() >= 2, "segments " + segmentFiles());

        table.down = false;
        assertTrue(writer.drain(false));

        assertEquals(range(0, offered), orderNumbers(table.rows));
        assertEquals(offered, writer.written());
    }

    @Test
    void aPoisonRecordInASpilledSegmentIsDeadLetteredOnReplay() {
        LogWriter writer = writer(20);
        offer(0, 100);
        table.poison(50);
        table.down = true;
        assertFalse(writer.drain(false));

        table.down = false;
        assertTrue(writer.drain(false));

        List<Integer> expected = new ArrayList<>(range(0, 100));
        expected.remove(Integer.valueOf(50));
        assertEquals(expected, orderNumbers(table.rows));
        assertEquals(List.of(50), orderNumbers(deadRecords()));
        assertEquals(1, writer.deadLettered());
        assertEquals(99, writer.written());
    }

    // ---------------------------------------------------------------- shutdown and restart

    @Test
    void drainBeforeAPassedDeadlineSpillsTheBufferAndThePendingBatch() throws IOException {
        LogWriter writer = writer(NO_BOUND);
        offer(0, 35);
        table.down = true;
        assertFalse(writer.drain(false));
        assertEquals(BATCH, writer.pendingCount());

        writer.drainBefore(NOW.minusSeconds(1), Duration.ofMillis(10));

        assertEquals(0, buffer.size());
        assertEquals(0, writer.pendingCount());
        assertEquals(35, writer.spilled());
        assertEquals(35, spilledRecordCount());
        assertEquals(0, writer.dropped());
        assertTrue(table.rows.isEmpty());
    }

    @Test
    void drainBeforeAShortDeadlineRetriesThenSpillsEverything() throws IOException {
        LogWriter writer = new LogWriter(buffer, table, new SpillStore(spillFolder), BATCH, NO_BOUND,
                Clock.systemUTC());
        offer(0, 35);
        table.down = true;

        writer.drainBefore(Instant.now().plusMillis(150), Duration.ofMillis(20));

        assertTrue(table.insertCalls > 1, "retried until the deadline: " + table.insertCalls + " attempts");
        assertEquals(0, buffer.size());
        assertEquals(0, writer.pendingCount());
        assertEquals(35, writer.spilled());
        assertEquals(35, spilledRecordCount());
    }

    @Test
    void drainBeforeWritesEverythingWhenTheDatabaseWorks() throws IOException {
        LogWriter writer = writer(NO_BOUND);
        offer(0, 35);

        writer.drainBefore(NOW.plusSeconds(10), Duration.ofMillis(10));

        assertEquals(range(0, 35), orderNumbers(table.rows));
        assertEquals(0, writer.spilled());
        assertTrue(segmentFiles().isEmpty());
    }

    @Test
    void isolatingRecordsStopsAtTheShutdownDeadlineAndSpillsTheRest() throws IOException {
        TestClock clock = new TestClock(NOW);
        LogWriter writer = new LogWriter(buffer, table, new SpillStore(spillFolder), BATCH, NO_BOUND, clock);
        offer(0, BATCH);
        table.poison(0);
        // Every write takes a second; the deadline allows five.
        table.eachWrite = () -> clock.advance(Duration.ofSeconds(1));

        writer.drainBefore(NOW.plusSeconds(5), Duration.ofMillis(10));

        assertTrue(table.rows.size() < BATCH - 1, "stopped at the deadline: " + table.rows.size() + " rows");
        assertEquals(BATCH, table.rows.size() + table.deadLetters.size() + spilledRecordCount());

        table.eachWrite = () -> { };
        assertTrue(writer(NO_BOUND).drain(false));
        assertEquals(range(1, BATCH), sorted(orderNumbers(table.rows)));
        assertEquals(List.of(0), orderNumbers(deadRecords()));
    }

    @Test
    void atTheShutdownDeadlineAWriteThatStopsAnsweringEndsAndItsRecordsAreSpilledUnderItsId() throws IOException {
        TestClock clock = new TestClock(NOW);
        LogWriter writer = new LogWriter(buffer, table, new SpillStore(spillFolder), BATCH, NO_BOUND, clock);
        offer(0, 30);
        // Every write takes a second; the second commits, and then the server stops answering.
        table.eachWrite = () -> {
            clock.advance(Duration.ofSeconds(1));
            if (table.insertCalls == 2) {
                table.blockNextWriteOn = clock;
                table.commitBeforeBlocking = true;
            }
        };
        Instant deadline = NOW.plusSeconds(5);

        writer.drainBefore(deadline, Duration.ofMillis(10));

        assertEquals(3_000, table.blockedForMillis, "the write was given the time left before the deadline");
        assertFalse(clock.instant().isAfter(deadline.plusMillis(CallDeadline.MIN_MILLIS)), "stopped at " + clock.instant());
        assertEquals(range(0, 20), orderNumbers(table.rows));
        assertTrue(segmentNames().contains(table.blockedWriteId),
                "the write whose outcome is unknown keeps its id: " + segmentNames());
        assertEquals(20, spilledRecordCount());
        assertEquals(0, buffer.size());

        table.eachWrite = () -> { };
        assertTrue(writer(NO_BOUND).drain(false));
        assertEquals(range(0, 30), orderNumbers(table.rows), "the write that did commit is not written again");
    }

    @Test
    void aWriteRunningWhenTheStopBeginsIsCutAtTheDeadlineAndItsRecordsAreSpilledUnderItsId() throws Exception {
        LogWriter writer = new LogWriter(buffer, table, new SpillStore(spillFolder), BATCH, NO_BOUND,
                Clock.systemUTC());
        offer(0, 20);
        table.hangNextWrite = true;
        table.commitBeforeBlocking = true;
        Thread loop = new Thread(() -> writer.drain(false), "validation-log-writer");
        loop.start();
        assertTrue(table.hanging.await(10, TimeUnit.SECONDS), "the write has begun");

        writer.drainBefore(Instant.now().plusMillis(100), Duration.ofMillis(10));

        assertTrue(table.cutInTime, "the stop cut the running write rather than waiting for it");
        loop.join(10_000);
        assertFalse(loop.isAlive());
        assertEquals(range(0, 10), orderNumbers(table.rows), "it had committed, unacknowledged");
        assertTrue(segmentNames().contains(table.blockedWriteId),
                "the write whose outcome is unknown keeps its id: " + segmentNames());
        assertEquals(20, spilledRecordCount());

        table.down = false;
        assertTrue(writer(NO_BOUND).drain(false));
        assertEquals(range(0, 20), orderNumbers(table.rows), "each once");
    }

    @Test
    void aWriteAskedForAfterTheShutdownDrainWritesNothing() throws IOException {
        LogWriter writer = writer(NO_BOUND);
        offer(0, 35);
        table.down = true;
        writer.drainBefore(NOW.minusSeconds(1), Duration.ofMillis(10));
        table.down = false;
        int attempts = table.insertCalls;

        assertTrue(writer.drain(false));

        assertEquals(attempts, table.insertCalls);
        assertTrue(table.rows.isEmpty());
        assertEquals(35, spilledRecordCount(), "the spilled records wait for the next start");
    }

    @Test
    void aNewWriterOverTheSameSpillFolderWritesTheSpilledRecordsOnce() throws IOException {
        LogWriter before = writer(NO_BOUND);
        offer(0, 35);
        table.down = true;
        assertFalse(before.drain(false));
        before.drainBefore(NOW.minusSeconds(1), Duration.ofMillis(10));

        table.down = false;
        LogWriter after = writer(NO_BOUND);
        assertTrue(after.drain(false));

        assertEquals(range(0, 35), orderNumbers(table.rows));
        assertEquals(35, after.written());
        assertTrue(segmentFiles().isEmpty());

        LogWriter third = writer(NO_BOUND);
        assertTrue(third.drain(false));
        assertEquals(range(0, 35), orderNumbers(table.rows), "replaying again duplicates nothing");
        assertEquals(0, third.written());
    }

    @Test
    void aSegmentLeftBehindAfterItsRowsWereWrittenIsSkipped() throws IOException {
        LogWriter before = writer(NO_BOUND);
        offer(0, 35);
        table.down = true;
        before.drainBefore(NOW.minusSeconds(1), Duration.ofMillis(10));
        Path copies = Files.createDirectory(spillFolder.resolveSibling(spillFolder.getFileName() + "-copies"));
        List<Path> segments = segmentFiles();
        assertFalse(segments.isEmpty());
        for (Path segment : segments) {
            Files.copy(segment, copies.resolve(segment.getFileName()));
        }

        table.down = false;
        assertTrue(writer(NO_BOUND).drain(false));
        assertEquals(range(0, 35), orderNumbers(table.rows));
        assertTrue(segmentFiles().isEmpty());

        // As if deleting the segments had failed after their rows were committed.
        for (Path segment : segments) {
            Files.copy(copies.resolve(segment.getFileName()), segment);
        }
        LogWriter restarted = writer(NO_BOUND);
        assertTrue(restarted.drain(false));

        assertEquals(range(0, 35), orderNumbers(table.rows), "no duplicates");
        assertEquals(0, restarted.written());
        assertEquals(0, restarted.deadLettered());
        assertTrue(segmentFiles().isEmpty(), "the skipped segment is deleted");
    }

    /*
     * The failed batch is older than everything in the buffer: it must reach the disk before the
     * records spilled after it, or a restart would replay it after newer ones.
     */
    @Test
    void afterShutdownWithSpilledSegmentsTheRestartWritesEverythingInOrder() {
        LogWriter before = writer(20);
        offer(0, 100);
        table.down = true;
        assertFalse(before.drain(false)); // spilled 0..79 before any batch was taken, buffer 80..99
        before.drainBefore(NOW.minusSeconds(1), Duration.ofMillis(10));
        assertEquals(0, buffer.size());
        assertEquals(0, before.pendingCount());

        table.down = false;
        assertTrue(writer(20).drain(false));

        assertEquals(range(0, 100), sorted(orderNumbers(table.rows)), "exactly once");
        assertEquals(range(0, 100), orderNumbers(table.rows), "in order");
    }

    // ---------------------------------------------------------------- spill impossible

    @Test
    void recordsThatCannotBeSpilledAreCountedAsDropped() throws IOException {
        Path aFile = Files.writeString(spillFolder.resolve("not-a-folder"), "x");
        LogWriter writer = new LogWriter(buffer, table, new SpillStore(aFile.resolve("spill")), BATCH, 20, CLOCK);
        offer(0, 100);
        table.down = true;

        assertFalse(writer.drain(false));

        assertEquals(80, writer.dropped(), "beyond the bound of 20, before a batch was taken");
        assertEquals(0, writer.spilled());
        assertEquals(10, buffer.size());
        assertEquals(BATCH, writer.pendingCount(), "the failed batch and the buffer hold the bound's 20");

        writer.drainBefore(NOW.minusSeconds(1), Duration.ofMillis(10));
        assertEquals(100, writer.dropped(), "at shutdown nothing could be kept");
        assertEquals(0, buffer.size());
        assertEquals(0, writer.pendingCount());
    }

    @Test
    void anUnwritableSpillFolderDoesNotStopWritingOnceTheDatabaseIsBack() throws IOException {
        Path aFile = Files.writeString(spillFolder.resolve("not-a-folder"), "x");
        LogWriter writer = new LogWriter(buffer, table, new SpillStore(aFile.resolve("spill")), BATCH, 20, CLOCK);
        offer(0, 100);
        table.down = true;
        assertFalse(writer.drain(false));

        table.down = false;
        assertTrue(writer.drain(false));

        assertEquals(range(80, 100), orderNumbers(table.rows), "the failed batch and the buffer; the oldest,"
                + " beyond the bound, are gone");
        assertEquals(80, writer.dropped());
    }

    // ---------------------------------------------------------------- helpers

    private LogWriter writer(int memoryBound) {
        return new LogWriter(buffer, table, new SpillStore(spillFolder), BATCH, memoryBound, CLOCK);
    }

    private void offer(int from, int count) {
        offer(buffer, from, count);
    }

    private static void offer(LogBuffer buffer, int from, int count) {
        for (int i = from; i < from + count; i++) {
            buffer.offer(record(i));
        }
    }

    static LogRecord record(int i) {
        return new LogRecord("SAVE10", "user-" + i, String.format("order-%05d", i), new BigDecimal("100.00"),
                true, "VALID", new BigDecimal("10.00"), new BigDecimal("90.00"), "10.0.0.1", "test-agent",
                new BigDecimal("1.250"), NOW, 1L);
    }

    static int orderNumber(LogRecord record) {
        return Integer.parseInt(record.orderId().substring("order-".length()));
    }

    private static List<Integer> orderNumbers(List<LogRecord> records) {
        return records.stream().map(LogWriterTest::orderNumber).toList();
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    private static List<Integer> sorted(List<Integer> numbers) {
        return numbers.stream().sorted().toList();
    }

    private List<LogRecord> deadRecords() {
        return table.deadLetters.stream().map(DeadLetter::record).toList();
    }

    private List<Path> segmentFiles() throws IOException {
        return new SpillStore(spillFolder).segments();
    }

    private List<String> segmentNames() throws IOException {
        return segmentFiles().stream().map(SpillStore::segmentName).toList();
    }

    private long spilledRecordCount() throws IOException {
        SpillStore store = new SpillStore(spillFolder);
        long count = 0;
        for (Path segment : store.segments()) {
            count += store.read(segment).size();
        }
        return count;
    }

    record DeadLetter(LogRecord record, String error) {
    }

    /**
     * The table without a database. It can be down (a connection error), can refuse chosen
     * records (a data error that, as in PostgreSQL, refuses the whole batch that holds one), can
     * lose the acknowledgement of a commit, can time out writes that are too big, and can stop
     * answering. Like the real table it records each write's id with the write, and skips a write
     * whose id it has.
     */
    static final class FakeTable extends LogTable {

        final List<LogRecord> rows = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
        final List<Integer> insertSizes = new ArrayList<>();
        final Set<String> marks = new HashSet<>();
        /** The id and the number of records of every write tried, in order. */
        final List<String> writeIds = new ArrayList<>();
        final List<Integer> attemptSizes = new ArrayList<>();
        private final Set<Integer> poison = new HashSet<>();
        volatile boolean down;
        /** When not negative: the number of insert calls still allowed before the database goes down. */
        int failAfterInserts = -1;
        /** When set, the next write commits, and then the connection fails before the caller hears of it. */
        boolean loseNextAcknowledgement;
        int insertCalls;
        int deadLetterCalls;
        int replayCalls;
        /** Writes of more records than this take longer than the statement timeout. */
        int timeoutAbove = Integer.MAX_VALUE;
        /** Runs at the start of every write: to let time pass, for one. */
        Runnable eachWrite = () -> { };
        /** Runs at the start of every replay. */
        Runnable eachReplay = () -> { };
        /**
         * When set, the next write stops answering, as a server gone silent does: the clock moves
         * on by the network timeout the table would set (the socket timeout, 30 s, without one),
         * then the read fails.
         */
        TestClock blockNextWriteOn;
        /** When set, the next write hangs on another thread until the call is cut (or 10 s pass). */
        volatile boolean hangNextWrite;
        /** Whether the write that stops answering, or hangs, had committed. */
        boolean commitBeforeBlocking;
        volatile String blockedWriteId;
        int blockedForMillis = -1;
        final CountDownLatch hanging = new CountDownLatch(1);
        private final CountDownLatch cut = new CountDownLatch(1);
        volatile boolean cutInTime;

        FakeTable() {
            super(null);
        }

        void poison(int... orderNumbers) {
            for (int n : orderNumbers) {
                poison.add(n);
            }
        }

        @Override
        public boolean write(String writeId, List<LogRecord> records, Collection<String> settled)
                throws SQLException {
            insertCalls++;
            writeIds.add(writeId);
            attemptSizes.add(records.size());
            eachWrite.run();
            if (failAfterInserts == 0) {
                down = true;
            } else if (failAfterInserts > 0) {
                failAfterInserts--;
            }
            failIfDown();
            if (blockNextWriteOn != null || hangNextWrite) {
                stopAnswering(writeId, records, settled);
            }
            if (marks.contains(writeId)) {
                // As in PostgreSQL, the mark comes first: the rows of a write that happened are not looked at.
                marks.removeAll(settled);
                return false;
            }
            if (records.size() > timeoutAbove) {
                throw new SQLTimeoutException("canceling statement due to statement timeout", "57014");
            }
            for (LogRecord record : records) {
                failIfPoison(record);
            }
            commit(writeId, records, settled);
            acknowledge();
            return true;
        }

        private void commit(String writeId, List<LogRecord> records, Collection<String> settled) {
            marks.removeAll(settled);
            marks.add(writeId);
            insertSizes.add(records.size());
            rows.addAll(records);
        }

        private void stopAnswering(String writeId, List<LogRecord> records, Collection<String> settled)
                throws SQLException {
            blockedWriteId = writeId;
            if (commitBeforeBlocking) {
                commit(writeId, records, settled);
            }
            if (hangNextWrite) {
                hangNextWrite = false;
                hanging.countDown();
                try {
                    cutInTime = cut.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    // The stop also interrupts the writer, which may end the wait before the cut is seen.
                    cutInTime = cut.getCount() == 0;
                    Thread.currentThread().interrupt();
                }
            } else {
                TestClock clock = blockNextWriteOn;
                blockNextWriteOn = null;
                blockedForMillis = callLimitMillis();
                clock.advance(Duration.ofMillis(blockedForMillis == 0 ? 30_000 : blockedForMillis));
            }
            throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
        }

        /** The stop cuts the hanging call; the database is unreachable from then on. */
        @Override
        public void abortCallInFlight() {
            down = true;
            cut.countDown();
        }

        @Override
        public boolean deadLetter(String writeId, LogRecord record, String error, Collection<String> settled)
                throws SQLException {
            deadLetterCalls++;
            failIfDown();
            marks.removeAll(settled);
            if (!marks.add(writeId)) {
                return false;
            }
            deadLetters.add(new DeadLetter(record, error));
            acknowledge();
            return true;
        }

        @Override
        public int replay(String segment, List<LogRecord> records) throws SQLException {
            replayCalls++;
            eachReplay.run();
            failIfDown();
            if (!marks.add(segment)) {
                return -1;
            }
            int dead = 0;
            for (LogRecord record : records) {
                if (poison.contains(orderNumber(record))) {
                    deadLetters.add(new DeadLetter(record, overflow().getMessage()));
                    dead++;
                } else {
                    rows.add(record);
                }
            }
            return dead;
        }

        private void acknowledge() throws SQLException {
            if (loseNextAcknowledgement) {
                loseNextAcknowledgement = false;
                down = true;
                throw new SQLException("An I/O error occurred while sending to the backend", "08006");
            }
        }

        private void failIfDown() throws SQLException {
            if (down) {
                throw new SQLException("connection refused", "08006");
            }
        }

        private void failIfPoison(LogRecord record) throws SQLException {
            if (poison.contains(orderNumber(record))) {
                throw overflow();
            }
        }

        private static SQLException overflow() {
            return new SQLException("numeric field overflow", "22003");
        }
    }
}
