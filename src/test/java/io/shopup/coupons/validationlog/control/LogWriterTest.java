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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        offer(0, 40);
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

        assertFalse(writer.drain(false), "the batch was refused; record 0, written alone, committed unacknowledged");
        table.down = false;
        assertTrue(writer.drain(false));

        assertEquals(List.of(0, 1, 2, 4, 5, 6, 7, 8, 9), orderNumbers(table.rows));
        assertEquals(List.of(3), deadRecords().stream().map(LogWriterTest::orderNumber).toList());
        // Record 0's write committed unacknowledged: the retry cannot tell a row from a dead letter,
        // so the counter leaves it out.
        assertEquals(8, writer.written());
    }

    @Test
    void anIsolatedRecordSpilledAfterAnUnacknowledgedCommitIsNotReplayedTwice() {
        LogWriter writer = writer(5);
        table.poison(3);
        offer(0, 40);
        table.loseNextAcknowledgement = true;

        assertFalse(writer.drain(false));
        assertEquals(0, writer.pendingCount(), "the batch went to disk: record 0 under its own id, the rest after it");

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
        table.failAfterInserts = 3; // the refused batch, then records 0 and 1 one by one; then the database fails

        assertFalse(writer.drain(false));
        assertEquals(List.of(0, 1), orderNumbers(table.rows));
        assertEquals(8, writer.pendingCount(), "what the one-by-one pass had not done");

        table.failAfterInserts = -1;
        table.down = false;
        assertTrue(writer.drain(false));

        assertEquals(List.of(0, 1, 2, 4, 5, 6, 7, 8, 9), orderNumbers(table.rows));
        assertEquals(List.of(3), orderNumbers(deadRecords()));
    }

    // ---------------------------------------------------------------- memory bound and spill

    @Test
    void overTheMemoryBoundTheOldestRecordsAreSpilled() throws IOException {
        LogWriter writer = writer(20);
        offer(0, 100);
        table.down = true;

        assertFalse(writer.drain(false));

        assertTrue(buffer.size() <= 20, "buffer holds " + buffer.size());
        assertEquals(0, writer.pendingCount(), "the failed batch went to disk first, as the oldest");
        assertEquals(100 - buffer.size(), writer.spilled());
        assertFalse(segmentFiles().isEmpty());
        assertEquals(0, writer.dropped());
        assertEquals(writer.spilled(), spilledRecordCount());
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
        Instant[] now = {NOW};
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        LogWriter writer = new LogWriter(buffer, table, new SpillStore(spillFolder), BATCH, NO_BOUND, clock);
        offer(0, BATCH);
        table.poison(0);
        // Every write takes a second; the deadline allows five.
        table.eachWrite = () -> now[0] = now[0].plusSeconds(1);

        writer.drainBefore(NOW.plusSeconds(5), Duration.ofMillis(10));

        assertTrue(table.rows.size() < BATCH - 1, "stopped at the deadline: " + table.rows.size() + " rows");
        assertEquals(BATCH, table.rows.size() + table.deadLetters.size() + spilledRecordCount());

        table.eachWrite = () -> { };
        assertTrue(writer(NO_BOUND).drain(false));
        assertEquals(range(1, BATCH), sorted(orderNumbers(table.rows)));
        assertEquals(List.of(0), orderNumbers(deadRecords()));
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
        assertFalse(before.drain(false)); // pending 0..9, spilled 10..79, buffer 80..99
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

        assertEquals(70, writer.dropped(), "beyond the bound of 20, after the failed batch of 10");
        assertEquals(0, writer.spilled());
        assertEquals(20, buffer.size());
        assertEquals(BATCH, writer.pendingCount());

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

        List<Integer> kept = new ArrayList<>(range(0, 10));
        kept.addAll(range(80, 100));
        assertEquals(kept, orderNumbers(table.rows), "the failed batch and the buffer, the dropped ones are gone");
        assertEquals(70, writer.dropped());
    }

    // ---------------------------------------------------------------- helpers

    private LogWriter writer(int memoryBound) {
        return new LogWriter(buffer, table, new SpillStore(spillFolder), BATCH, memoryBound, CLOCK);
    }

    private void offer(int from, int count) {
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
     * records (a data error that, as in PostgreSQL, refuses the whole batch that holds one), and
     * can lose the acknowledgement of a commit. Like the real table it records each write's id with
     * the write, and skips a write whose id it has.
     */
    static final class FakeTable extends LogTable {

        final List<LogRecord> rows = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
        final List<Integer> insertSizes = new ArrayList<>();
        final Set<String> marks = new HashSet<>();
        private final Set<Integer> poison = new HashSet<>();
        boolean down;
        /** When not negative: the number of insert calls still allowed before the database goes down. */
        int failAfterInserts = -1;
        /** When set, the next write commits, and then the connection fails before the caller hears of it. */
        boolean loseNextAcknowledgement;
        int insertCalls;
        /** Runs at the start of every write: to let time pass, for one. */
        Runnable eachWrite = () -> { };

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
            eachWrite.run();
            if (failAfterInserts == 0) {
                down = true;
            } else if (failAfterInserts > 0) {
                failAfterInserts--;
            }
            failIfDown();
            for (LogRecord record : records) {
                failIfPoison(record);
            }
            marks.removeAll(settled);
            if (!marks.add(writeId)) {
                return false;
            }
            insertSizes.add(records.size());
            rows.addAll(records);
            acknowledge();
            return true;
        }

        @Override
        public boolean deadLetter(String writeId, LogRecord record, String error, Collection<String> settled)
                throws SQLException {
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
