package io.shopup.coupons.validationlog.boundary;

import static io.shopup.coupons.testsupport.TestData.count;
import static io.shopup.coupons.testsupport.TestData.timeCoupon;
import static io.shopup.coupons.testsupport.TestData.uniqueCode;
import static io.shopup.coupons.testsupport.TestData.uniqueUser;
import static io.shopup.coupons.testsupport.TestData.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.Api;
import io.shopup.coupons.testsupport.Eventually;
import io.shopup.coupons.testsupport.ServiceProcess;
import io.shopup.coupons.testsupport.TestDatabase;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The log's writer in a service run as an operator does (its own Payara Micro process, stopped
 * with SIGTERM), not through Arquillian: a clean shutdown while records wait and the table cannot
 * take them spills what the deadline does not allow to be written, and the next start writes it;
 * with a flush interval too long to matter, a full batch is written at once and the rest at stop.
 */
class ValidationLogShutdownIT {

    /** The pool's socketTimeout (post-boot-commands.asadmin): the longest a read of a frozen database waits unbounded. */
    private static final long SOCKET_TIMEOUT_MS = 5_000;

    @Test
    void recordsWaitingAtShutdownAreWrittenAfterTheNextStart() throws Exception {
        Path spill = spillFolder();
        String code = openCoupon("STOP");
        String shopper = user(uniqueUser());
        int decisions = 50;

        try (Connection blocker = TestDatabase.connect(); Statement statement = blocker.createStatement()) {
            ServiceProcess service = start(spill, Map.of());
            try {
                blocker.setAutoCommit(false);
                statement.execute("LOCK TABLE validation_logs IN ACCESS EXCLUSIVE MODE");
                for (int i = 0; i < decisions; i++) {
                    Api.Reply reply = service.api().validate(body(code, shopper, i));
                    assertEquals(200, reply.status(), () -> reply.body() + "\n" + service.severe());
                }
            } finally {
                service.stop();
            }
            blocker.rollback();
        }
        assertTrue(segments(spill) > 0, "what could not be written before the deadline is on disk");
        assertEquals(0, count("SELECT count(*) FROM validation_logs WHERE user_id = ?", shopper));

        assertEachWrittenOnceAfterARestart(spill, shopper, decisions);
    }

    /**
     * SIGTERM while the database is frozen (connections open, nothing answers, as behind a
     * partition that drops packets) with records waiting: the process exits before anything of its
     * stop could have waited for the pool's 5 s socket timeout beyond the shutdown deadline, what it
     * could not write is on disk, and after the database thaws and the service starts again every
     * record is in the table exactly once. Payara's own shutdown takes 0.8 to 2.5 s before and after
     * the writer's, with the machine's load, so the writer's spill is not timed from the signal.
     */
    @Test
    void aStopWhileTheDatabaseIsFrozenMeetsItsDeadlineAndLosesNothing() throws Exception {
        Path spill = spillFolder();
        String code = openCoupon("FROZEN");
        String shopper = user(uniqueUser());
        int decisions = 40;
        long deadlineMs = 3_000;
        ServiceProcess service = start(spill, Map.of("VALIDATIONLOG_SHUTDOWN_DEADLINE_MS", String.valueOf(deadlineMs),
                "VALIDATIONLOG_BATCH_SIZE", "10"));
        long stopMillis;
        long signalledAt;
        TestDatabase.freeze();
        try {
            for (int i = 0; i < decisions; i++) {
                Api.Reply reply = service.api().validate(body(code, shopper, i));
                assertEquals(200, reply.status(), () -> reply.body() + "\n" + service.severe());
            }
            signalledAt = System.currentTimeMillis();
            long started = System.nanoTime();
            service.process().destroy();
            boolean exited = service.process().waitFor(deadlineMs + 15_000, TimeUnit.MILLISECONDS);
            stopMillis = (System.nanoTime() - started) / 1_000_000;
            if (!exited) {
                service.process().destroyForcibly();
            }
        } finally {
            TestDatabase.thaw();
        }
        assertTrue(segments(spill) > 0, "what could not be written is on disk");
        long spilledAfter = lastSpillWrite(spill) - signalledAt;
        assertTrue(stopMillis < deadlineMs + SOCKET_TIMEOUT_MS,
                "the stop took " + stopMillis + " ms, the writer's spill " + spilledAfter + " ms after the signal");

        assertEachWrittenOnceAfterARestart(spill, shopper, decisions);
    }

    /**
     * The memory bound holds while the database is slow but answering: with the log's table
     * locked, a write waits (the statement timeout is long enough that it does not fail), the
     * oldest records go to disk beside it, and once the lock goes every decision is a row, once.
     */
    @Test
    void theMemoryBoundHoldsWhileAWriteWaitsOnALockedTable() throws Exception {
        Path spill = spillFolder();
        String code = openCoupon("SLOW");
        String shopper = user(uniqueUser());
        int bound = 200;
        ServiceProcess service = start(spill, Map.of("VALIDATIONLOG_MEMORY_BOUND", String.valueOf(bound),
                "VALIDATIONLOG_BATCH_SIZE", "20", "DB_STATEMENT_TIMEOUT_MS", "20000"));
        int decisions = 0;
        long mostQueued = 0;
        try (Connection blocker = TestDatabase.connect(); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            // Inserts wait for this lock; nothing else the service does needs the table.
            statement.execute("LOCK TABLE validation_logs IN SHARE MODE");
            long spilled = 0;
            Instant giveUp = Instant.now().plusSeconds(15);
            while (spilled < 3L * bound && Instant.now().isBefore(giveUp)) {
                for (int i = 0; i < 10; i++, decisions++) {
                    Api.Reply reply = service.api().validate(body(code, shopper, decisions));
                    assertEquals(200, reply.status(), () -> reply.body() + "\n" + service.severe());
                }
                JsonObject log = logReadiness(service);
                mostQueued = Math.max(mostQueued, Long.parseLong(text(log, "validationLogQueueSize")));
                spilled = Long.parseLong(text(log, "spilled"));
                assertEquals("false", text(log, "writerFailing"), "the write waits, it does not fail");
            }
            assertTrue(spilled >= 3L * bound,
                    "spilled beside the waiting write: " + spilled + ", memory held up to " + mostQueued);
            assertTrue(mostQueued <= bound, "memory held " + mostQueued + " records, the bound is " + bound);
            blocker.rollback();
        }
        try {
            int answered = decisions;
            assertTrue(Eventually.within(Duration.ofSeconds(30),
                    () -> count("SELECT count(*) FROM validation_logs WHERE user_id = ?", shopper) >= answered),
                    "every decision arrives once the table takes writes again");
            assertEquals(answered, count("SELECT count(*) FROM validation_logs WHERE user_id = ?", shopper));
            assertEquals(answered, count("SELECT count(DISTINCT order_id) FROM validation_logs WHERE user_id = ?",
                    shopper));
            assertTrue(Eventually.within(Duration.ofSeconds(30), () -> segments(spill) == 0), "written back, deleted");
        } finally {
            service.stop();
        }
    }

    private static JsonObject logReadiness(ServiceProcess service) {
        for (JsonValue check : service.api().get("/health/ready").json().getJsonArray("checks")) {
            if ("validation-log".equals(check.asJsonObject().getString("name"))) {
                return check.asJsonObject().getJsonObject("data");
            }
        }
        throw new AssertionError("no validation-log check in /health/ready");
    }

    /** A value of the health data as text, whether the server reports it as a string or a number. */
    private static String text(JsonObject data, String key) {
        JsonValue value = data.get(key);
        return value instanceof JsonString string ? string.getString() : String.valueOf(value);
    }

    @Test
    void aFullBatchIsWrittenAtOnceAndTheRestWhenTheServiceStops() throws Exception {
        Path spill = spillFolder();
        String code = openCoupon("BATCH");
        String shopper = user(uniqueUser());
        // The timer would not flush for ten minutes: only a full batch wakes the writer.
        ServiceProcess service = start(spill, Map.of("VALIDATIONLOG_BATCH_SIZE", "10",
                "VALIDATIONLOG_FLUSH_INTERVAL_MS", "600000"));
        try {
            for (int i = 0; i < 15; i++) {
                Api.Reply reply = service.api().validate(body(code, shopper, i));
                assertEquals(200, reply.status(), () -> reply.body() + "\n" + service.severe());
            }
            assertTrue(Eventually.within(Duration.ofSeconds(30),
                    () -> count("SELECT count(*) FROM validation_logs WHERE user_id = ?", shopper) >= 10),
                    "the full batch is written without waiting for the timer");
        } finally {
            service.stop();
        }
        assertEquals(15, count("SELECT count(*) FROM validation_logs WHERE user_id = ?", shopper),
                "the records short of a batch are written when the service stops");
        assertEquals(0, segments(spill));
    }

    private static Path spillFolder() throws IOException {
        return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "spill");
    }

    /** A new time-specific coupon, valid from a minute ago for a day. */
    private static String openCoupon(String prefix) {
        String code = uniqueCode(prefix);
        timeCoupon(code, Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400)).insert();
        return code;
    }

    /** When the newest spill segment was last written to, in milliseconds since the epoch. */
    private static long lastSpillWrite(Path spill) {
        try (Stream<Path> files = Files.list(spill)) {
            long newest = 0;
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".jsonl"))::iterator) {
                newest = Math.max(newest, Files.getLastModifiedTime(file).toMillis());
            }
            return newest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long segments(Path spill) {
        try (Stream<Path> files = Files.list(spill)) {
            return files.filter(file -> file.toString().endsWith(".jsonl")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String body(String code, String shopper, int i) {
        return "{\"code\":\"" + code + "\",\"userId\":\"" + shopper + "\",\"orderValue\":100,\"orderId\":\"order-" + i
                + "\"}";
    }

    /** Starts the service again on the spill folder: it replays the segments, and each decision is a row once. */
    private static void assertEachWrittenOnceAfterARestart(Path spill, String shopper, int decisions) throws Exception {
        ServiceProcess restarted = start(spill, Map.of());
        try {
            assertTrue(Eventually.within(Duration.ofSeconds(60), () -> segments(spill) == 0), "replayed segments are gone");
            assertTrue(Eventually.within(Duration.ofSeconds(30),
                    () -> count("SELECT count(*) FROM validation_logs WHERE user_id = ?", shopper) >= decisions));
            assertEquals(decisions, count("SELECT count(*) FROM validation_logs WHERE user_id = ?", shopper));
            assertEquals(decisions, count("SELECT count(DISTINCT order_id) FROM validation_logs WHERE user_id = ?",
                    shopper));
        } finally {
            restarted.stop();
        }
    }

    private static ServiceProcess start(Path spill, Map<String, String> env) throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of("VALIDATIONLOG_SPILL_DIR", spill.toString(),
                "VALIDATIONLOG_SHUTDOWN_DEADLINE_MS", "2000"));
        environment.putAll(env);
        return ServiceProcess.start(environment);
    }
}
