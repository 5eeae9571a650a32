package io.shopup.coupons.validationlog.boundary;

import static io.shopup.coupons.testsupport.TestData.count;
import static io.shopup.coupons.testsupport.TestData.timeCoupon;
import static io.shopup.coupons.testsupport.TestData.uniqueCode;
import static io.shopup.coupons.testsupport.TestData.uniqueUser;
import static io.shopup.coupons.testsupport.TestData.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.Api;
import io.shopup.coupons.testsupport.DeployedService;
import io.shopup.coupons.testsupport.Eventually;
import io.shopup.coupons.testsupport.TestData;
import io.shopup.coupons.testsupport.TestDatabase;
import io.shopup.coupons.validationlog.control.MinuteTotals;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every decision answered becomes exactly one row of {@code validation_logs}, also when the table
 * cannot be written for a while or the database restarts (the memory bound is 200 here, so records
 * spill to disk), and a
 * record the database refuses goes to {@code validation_log_errors} without holding up the others.
 */
class ValidationLogIT extends DeployedService {

    private static final Duration DRAINED_WITHIN = Duration.ofSeconds(60);

    String code;

    @BeforeEach
    void seed() {
        code = uniqueCode("LOG");
        timeCoupon(code, Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400)).insert();
    }

    @Test
    void everyDecisionBecomesExactlyOneRowAndMalformedRequestsNone() throws Exception {
        String shopper = user(uniqueUser());
        int decisions = 2_000;

        // Every tenth asks for an unknown code, each from a user of its own: one user's unknown
        // codes are limited (AccessIT), and these are decisions, not guesses.
        List<Api.Reply> replies = sendConcurrently(decisions, i -> i % 10 == 0
                ? body("UNKNOWN-" + code, shopper + "-" + i, i) : body(code, shopper, i));
        for (int i = 0; i < 20; i++) {
            assertEquals(400, api.validate("{\"code\":\"" + code + "\",\"userId\":\"" + shopper + "\"}").status());
        }

        replies.forEach(reply -> assertEquals(200, reply.status(), reply.body()));
        assertDrainedTo(decisions - decisions / 10, shopper);
        String everyone = " FROM validation_logs WHERE (user_id = ? OR user_id LIKE ?)";
        assertEquals(decisions, count("SELECT count(DISTINCT order_id)" + everyone, shopper, shopper + "-%"));
        assertEquals(decisions / 10, count("SELECT count(*)" + everyone
                + " AND coupon_id IS NULL AND validation_reason = 'COUPON_NOT_FOUND'", shopper, shopper + "-%"));
    }

    @Test
    void keepsAnsweringWhileTheLogCannotBeWrittenAndLosesNothing() throws Exception {
        String shopper = user(uniqueUser());
        int decisions = 1_000;
        long spilledBefore = Long.parseLong(dataValue("spilled"));
        List<Api.Reply> replies;
        long queuedDuringOutage;
        try (Connection blocker = TestDatabase.connect(); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE validation_logs IN ACCESS EXCLUSIVE MODE");
            replies = sendConcurrently(decisions, i -> body(code, shopper, i));
            queuedDuringOutage = Long.parseLong(dataValue("validationLogQueueSize"));
            assertTrue(Eventually.within(DRAINED_WITHIN, () -> Long.parseLong(dataValue("spilled")) > spilledBefore),
                    "records beyond the memory bound spilled");
            blocker.rollback();
        }

        replies.forEach(reply -> assertEquals(200, reply.status(), reply.body()));
        assertTrue(queuedDuringOutage > 0, "the queue grew while the table was locked");
        assertDrainedTo(decisions, shopper);
        assertTrue(Eventually.within(DRAINED_WITHIN, () -> Long.parseLong(dataValue("validationLogQueueSize")) == 0),
                "the queue drained after the outage");
        assertEquals(decisions, count("SELECT count(DISTINCT order_id) FROM validation_logs WHERE user_id = ?", shopper));
    }

    @Test
    void validatesThroughADatabaseRestartAndLogsEveryDecisionOnce() throws Exception {
        String shopper = user(uniqueUser());
        AtomicInteger answered = new AtomicInteger();
        AtomicBoolean sending = new AtomicBoolean(true);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService checkouts = Executors.newFixedThreadPool(4);
        List<Future<?>> clients = new ArrayList<>();
        long queuedWhileDown;
        try {
            for (int client = 0; client < 4; client++) {
                int first = client * 1_000_000;
                clients.add(checkouts.submit(() -> {
                    for (int i = first; sending.get(); i++) {
                        Api.Reply reply = api.validate(body(code, shopper, i));
                        if (reply.status() != 200 || !reply.json().getBoolean("valid")) {
                            failures.add(reply.status() + " " + reply.body());
                        }
                        answered.incrementAndGet();
                    }
                }));
            }
            awaitAnswered(answered, 200);
            TestDatabase.stopServer();
            try {
                awaitAnswered(answered, answered.get() + 500);
                queuedWhileDown = Long.parseLong(dataValue("validationLogQueueSize"));
            } finally {
                TestDatabase.startServer();
            }
            awaitAnswered(answered, answered.get() + 300);
        } finally {
            sending.set(false);
            for (Future<?> client : clients) {
                client.get();
            }
            checkouts.shutdownNow();
        }

        assertEquals(List.of(), failures, "every validation answered 200 VALID, the database down or not");
        assertTrue(queuedWhileDown > 0, "the queue grew while the database was down");
        assertDrainedTo(answered.get(), shopper);
        assertEquals(answered.get(),
                count("SELECT count(DISTINCT order_id) FROM validation_logs WHERE user_id = ?", shopper));
    }

    private static void awaitAnswered(AtomicInteger answered, int atLeast) {
        assertTrue(Eventually.within(DRAINED_WITHIN, () -> answered.get() >= atLeast),
                "only " + answered.get() + " of " + atLeast + " validations answered");
    }

    @Test
    void aRecordTheDatabaseRefusesIsDeadLetteredAndItsBatchMatesAreWritten() throws Exception {
        String shopper = user(uniqueUser());
        String poison = "poison-" + shopper;
        TestData.sql("ALTER TABLE validation_logs ADD CONSTRAINT refuses_poison CHECK (order_id IS DISTINCT FROM '"
                + poison + "')");
        try {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, api.validate(body(code, shopper, i)).status());
            }
            assertEquals(200, api.validate(body(code, shopper, poison)).status());
            for (int i = 5; i < 10; i++) {
                assertEquals(200, api.validate(body(code, shopper, i)).status());
            }
            assertDrainedTo(10, shopper);
            assertTrue(Eventually.within(DRAINED_WITHIN, () -> count(
                    "SELECT count(*) FROM validation_log_errors WHERE record LIKE ? AND error LIKE '%refuses_poison%'",
                    "%" + poison + "%") == 1), "the refused record is in the dead letters with its error");
        } finally {
            TestData.sql("ALTER TABLE validation_logs DROP CONSTRAINT refuses_poison");
        }
    }

    @Test
    void reportsACouponsStatisticsForAPeriod() {
        Instant from = dayOfThisMonth(2);
        Instant to = dayOfThisMonth(3);
        String stats = uniqueCode("STATS");
        logRow(stats, true, "VALID", "5.00", "1.000", from);
        logRow(stats, true, "VALID", "7.50", "2.000", from.plusSeconds(60));
        logRow(stats, true, "VALID", "2.50", "3.000", from.plusSeconds(120));
        logRow(stats, false, "MIN_ORDER_NOT_MET", "0.00", "4.000", from.plusSeconds(180));
        logRow(stats, false, "COUPON_EXPIRED", "0.00", "10.000", to.minusMillis(1));
        logRow(stats, true, "VALID", "99.00", "1.000", to);

        Api.Reply reply = api.get("api/coupons/" + stats.toLowerCase() + "/stats?from=" + from + "&to=" + to);

        assertEquals(200, reply.status(), reply.body());
        JsonObject json = reply.json();
        assertEquals(5, json.getInt("attempts"));
        assertEquals(3, json.getInt("valid"));
        assertEquals(2, json.getInt("invalid"));
        assertEquals(3, json.getJsonObject("byReason").getInt("VALID"));
        assertEquals(1, json.getJsonObject("byReason").getInt("COUPON_EXPIRED"));
        assertEquals(new BigDecimal("15.00"), json.getJsonNumber("totalDiscount").bigDecimalValue());
        assertEquals(new BigDecimal("4.000"), json.getJsonNumber("averageResponseTimeMs").bigDecimalValue());
        // percentile_cont would interpolate at 0.95 * (5 - 1) = 3.8 between 4 and 10: 8.8. The hourly
        // histogram answers within its buckets' 15%.
        double p95 = json.getJsonNumber("p95ResponseTimeMs").doubleValue();
        assertTrue(p95 > 8.8 / 1.15 && p95 < 8.8 * 1.15, "p95 " + p95);
        assertEquals(400, api.get("api/coupons/" + stats + "/stats?from=yesterday").status());
        assertEquals(400, api.get("api/coupons/" + stats + "/stats?from=" + to + "&to=" + from).status());
    }

    /**
     * A period that starts and ends inside hours and inside minutes is answered from the hourly
     * totals for its whole hours, the per-minute totals for the whole minutes of its edge hours and
     * the rows for its partial minutes: the same figures as counting the rows, in one snapshot.
     * Periods inside one hour and inside one minute take the same pieces, fewer of them.
     */
    @Test
    void statisticsOfAPeriodWithPartialHoursAtItsEdgesMatchTheRows() {
        Instant day = dayOfThisMonth(4);
        String stats = uniqueCode("EDGES");
        for (int minute = 0; minute < 6 * 60; minute += 7) {
            String reason = REASONS[minute % 3];
            for (int second : new int[] {minute * 13 % 60, (minute * 29 + 31) % 60}) {
                logRow(stats, reason.equals("VALID"), reason, reason.equals("VALID") ? "1.25" : "0.00",
                        (1 + minute % 13) + "." + second, day.plusSeconds(minute * 60L + second));
            }
        }
        assertStatisticsMatchTheRows(stats, day.plusSeconds(1_800), day.plusSeconds(5 * 3_600 + 900));
        assertStatisticsMatchTheRows(stats, day.plusSeconds(1_817), day.plusSeconds(5 * 3_600 + 941));
        assertStatisticsMatchTheRows(stats, day.plusSeconds(3_600 + 125), day.plusSeconds(3_600 + 1_900));
        assertStatisticsMatchTheRows(stats, day.plusSeconds(3_000), day.plusSeconds(3_600 + 2_000));
        assertStatisticsMatchTheRows(stats, day.plusSeconds(7 * 60 + 10), day.plusSeconds(7 * 60 + 50));
    }

    /**
     * An hour with 500 rows of one reason is marked two minutes past its newest row, and from the
     * mark on its minutes have totals: periods with edges anywhere in it match the rows; the whole
     * minutes after the mark are read from their totals (with a minute's rows deleted, the totals
     * still count them) and the rows before it one by one (deleted ones are gone).
     */
    @Test
    void aBusyHourIsReadFromItsMinutesTotalsAfterItsMark() {
        // In the future: a mark is never placed before the database's clock.
        Instant hour = YearMonth.now(ZoneOffset.UTC).plusMonths(1).atDay(2).atStartOfDay().toInstant(ZoneOffset.UTC)
                .plusSeconds(10 * 3_600);
        String stats = uniqueCode("BUSY");
        insertRows(stats, hour, "g", "'VALID'", 600);
        assertEquals(1, count("SELECT count(*) FROM validation_log_minute_hours WHERE coupon_code = ? AND hour = ?"
                + " AND from_minute = ?", stats, Timestamp.from(hour), Timestamp.from(hour.plusSeconds(11 * 60))),
                "600 rows up to 10:09:59 mark the hour from 10:11");
        insertRows(stats, hour, "600 + (g / 3) * 60 + (g * 17) % 60",
                "CASE g % 3 WHEN 0 THEN 'VALID' WHEN 1 THEN 'MIN_ORDER_NOT_MET' ELSE 'COUPON_EXPIRED' END", 150);
        assertTrue(count("SELECT count(*) FROM validation_log_minutely WHERE coupon_code = ?", stats) >= 49,
                "the minutes from the mark on have totals");

        assertStatisticsMatchTheRows(stats, hour.plusSeconds(5 * 60 + 17), hour.plusSeconds(47 * 60 + 33));
        assertStatisticsMatchTheRows(stats, hour.plusSeconds(30 * 60 + 10), hour.plusSeconds(3_600));
        assertStatisticsMatchTheRows(stats, hour.minusSeconds(600), hour.plusSeconds(20 * 60 + 20));
        assertStatisticsMatchTheRows(stats, hour.plusSeconds(12 * 60 + 30), hour.plusSeconds(12 * 60 + 59));
        assertStatisticsMatchTheRows(stats, hour.minusSeconds(7_200), hour.plusSeconds(7_200));

        String period = "api/coupons/" + stats + "/stats?from=" + hour.plusSeconds(4 * 60 + 30) + "&to="
                + hour.plusSeconds(40 * 60 + 10);
        int attempts = api.get(period).json().getInt("attempts");
        long beforeMark = deleteRows(stats, hour.plusSeconds(5 * 60), hour.plusSeconds(6 * 60));
        long afterMark = deleteRows(stats, hour.plusSeconds(30 * 60), hour.plusSeconds(31 * 60));
        assertTrue(beforeMark > 0 && afterMark > 0);
        assertEquals(attempts - beforeMark, api.get(period).json().getInt("attempts"),
                "the rows before the mark are read, those after it come from the totals");
    }

    /**
     * An hour that got busy only after it ended (rows written late, as a replayed spill is) has no
     * per-minute totals and is read from its rows, until the hourly maintenance counts its minutes
     * from them; then it is read like any busy hour, and counting again changes nothing.
     */
    @Test
    void aBusyHourThatHasEndedGetsItsMinutesCountedFromItsRows() throws Exception {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        TestData.sql("SELECT create_validation_log_partitions(CAST(? AS date), 1)",
                java.sql.Date.valueOf(LocalDate.ofInstant(hour, ZoneOffset.UTC)));
        String stats = uniqueCode("LATE");
        insertRows(stats, hour, "g * 5", "CASE WHEN g % 4 = 0 THEN 'COUPON_EXPIRED' ELSE 'VALID' END", 700);
        String mark = "SELECT count(*) FROM validation_log_minute_hours WHERE coupon_code = ? AND hour = ? AND from_minute = ?";
        assertEquals(1, count(mark, stats, Timestamp.from(hour), Timestamp.from(hour.plusSeconds(3_600))),
                "marked as busy, with no minute counted yet");
        String period = "api/coupons/" + stats + "/stats?from=" + hour.plusSeconds(4 * 60 + 30) + "&to="
                + hour.plusSeconds(40 * 60 + 10);
        int attempts = api.get(period).json().getInt("attempts");

        try (Connection c = TestDatabase.connect()) {
            assertTrue(MinuteTotals.fillEndedHours(c, Instant.now(), 10_000) >= 1);
            MinuteTotals.fillEndedHours(c, Instant.now(), 10_000);
        }

        assertEquals(1, count(mark, stats, Timestamp.from(hour), Timestamp.from(hour)), "marked from its start");
        assertEquals(700, count("SELECT sum(attempts) FROM validation_log_minutely WHERE coupon_code = ?", stats));
        assertEquals(700, count("SELECT sum(n) FROM validation_log_minutely_times WHERE coupon_code = ?", stats));
        assertStatisticsMatchTheRows(stats, hour.plusSeconds(5 * 60 + 17), hour.plusSeconds(47 * 60 + 33));
        assertStatisticsMatchTheRows(stats, hour.minusSeconds(600), hour.plusSeconds(20 * 60 + 20));
        long deleted = deleteRows(stats, hour.plusSeconds(10 * 60), hour.plusSeconds(20 * 60));
        assertTrue(deleted > 0);
        assertEquals(attempts, api.get(period).json().getInt("attempts"), "its whole minutes come from the totals");
    }

    /** {@code count} rows of a coupon, the g-th of them {@code secondExpression} seconds after {@code start}. */
    private static void insertRows(String code, Instant start, String secondExpression, String reasonExpression,
                                   int count) {
        TestData.sql("""
                INSERT INTO validation_logs (coupon_code, user_id, order_value, is_valid, validation_reason,
                                             discount_applied, final_amount, response_time_ms, validated_at)
                SELECT ?, 'stats-user', 100.00, r = 'VALID', r, CASE WHEN r = 'VALID' THEN 1.25 ELSE 0 END, 98.75,
                       1 + g %% 7 + (g %% 10) / 10.0, CAST(? AS timestamptz) + (%s) * INTERVAL '1 second'
                  FROM generate_series(0, ? - 1) g, LATERAL (SELECT %s AS r) reason""".formatted(secondExpression,
                reasonExpression), code, Timestamp.from(start), count);
    }

    private static long deleteRows(String code, Instant from, Instant to) {
        String range = " FROM validation_logs WHERE coupon_code = ? AND validated_at >= ? AND validated_at < ?";
        long rows = count("SELECT count(*)" + range, code, Timestamp.from(from), Timestamp.from(to));
        TestData.sql("DELETE" + range, code, Timestamp.from(from), Timestamp.from(to));
        return rows;
    }

    private static final String[] REASONS = {"VALID", "MIN_ORDER_NOT_MET", "COUPON_EXPIRED"};

    private void assertStatisticsMatchTheRows(String stats, Instant from, Instant to) {
        String range = "coupon_code = ? AND validated_at >= ? AND validated_at < ?";
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        String period = from + " to " + to;

        JsonObject json = api.get("api/coupons/" + stats + "/stats?from=" + from + "&to=" + to).json();

        long attempts = count("SELECT count(*) FROM validation_logs WHERE " + range, stats, start, end);
        assertTrue(attempts > 0, period);
        assertEquals(attempts, json.getInt("attempts"), period);
        assertEquals(count("SELECT count(*) FROM validation_logs WHERE is_valid AND " + range, stats, start, end),
                json.getInt("valid"), period);
        long byReason = 0;
        for (String reason : REASONS) {
            long expected = count("SELECT count(*) FROM validation_logs WHERE validation_reason = ? AND " + range,
                    reason, stats, start, end);
            assertEquals(expected, json.getJsonObject("byReason").getInt(reason, 0), reason + ", " + period);
            byReason += expected;
        }
        assertEquals(byReason, json.getInt("attempts"), "attempts is the sum of byReason, " + period);
        assertEquals(new BigDecimal(TestData.rows("SELECT coalesce(sum(discount_applied), 0.00) FROM validation_logs"
                + " WHERE is_valid AND " + range, stats, start, end).strip()),
                json.getJsonNumber("totalDiscount").bigDecimalValue(), period);
        assertEquals(new BigDecimal(TestData.rows("SELECT round(avg(response_time_ms), 3) FROM validation_logs WHERE "
                + range, stats, start, end).strip()), json.getJsonNumber("averageResponseTimeMs").bigDecimalValue(),
                period);
        double exact = Double.parseDouble(TestData.rows("SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY"
                + " response_time_ms) FROM validation_logs WHERE " + range, stats, start, end).strip());
        double p95 = json.getJsonNumber("p95ResponseTimeMs").doubleValue();
        assertTrue(p95 > exact / 1.15 && p95 < exact * 1.15, "p95 " + p95 + ", exact " + exact + ", " + period);
    }

    @Test
    void listsTheLogNewestFirstInKeysetPages() {
        String shopper = uniqueUser();
        Instant start = dayOfThisMonth(5);
        for (int i = 0; i < 7; i++) {
            logRow(code, i % 2 == 0, i % 2 == 0 ? "VALID" : "COUPON_EXPIRED", "1.00", "1.000", start.plusSeconds(i),
                    shopper);
        }

        JsonObject first = api.get("api/validation-logs?userId=" + shopper + "&limit=3").json();
        JsonObject second = api.get("api/validation-logs?userId=" + shopper + "&limit=3&before="
                + first.getString("nextBefore")).json();
        JsonObject last = api.get("api/validation-logs?userId=" + shopper + "&limit=3&before="
                + second.getString("nextBefore")).json();

        assertEquals(List.of(6, 5, 4), seconds(first, start));
        assertEquals(List.of(3, 2, 1), seconds(second, start));
        assertEquals(List.of(0), seconds(last, start));
        assertFalse(last.containsKey("nextBefore"), "the last page has no next");
        assertEquals(List.of(6, 4, 2, 0), seconds(api.get("api/validation-logs?userId=" + shopper + "&valid=true").json(),
                start));
        assertEquals(400, api.get("api/validation-logs?valid=maybe").status());
        assertEquals(400, api.get("api/validation-logs?limit=0").status());
    }

    /** A day in this month's partition, which the service always has. */
    private static Instant dayOfThisMonth(int day) {
        return YearMonth.now(ZoneOffset.UTC).atDay(day).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static List<Integer> seconds(JsonObject page, Instant start) {
        return page.getJsonArray("items").stream()
                .map(item -> (int) Duration.between(start, Instant.parse(item.asJsonObject().getString("validatedAt")))
                        .toSeconds())
                .toList();
    }

    private static void logRow(String code, boolean valid, String reason, String discount, String millis, Instant at) {
        logRow(code, valid, reason, discount, millis, at, "stats-user");
    }

    private static void logRow(String code, boolean valid, String reason, String discount, String millis, Instant at,
                               String userId) {
        TestData.sql("""
                INSERT INTO validation_logs (coupon_code, user_id, order_value, is_valid, validation_reason,
                                             discount_applied, final_amount, response_time_ms, validated_at)
                VALUES (?, ?, 100.00, ?, ?, ?, 100.00 - ?, ?, ?)""",
                code, userId, valid, reason, new BigDecimal(discount), new BigDecimal(discount), new BigDecimal(millis),
                at);
    }

    private void assertDrainedTo(int expected, String shopper) {
        String rows = "SELECT count(*) FROM validation_logs WHERE user_id = ?";
        assertTrue(Eventually.within(DRAINED_WITHIN, () -> count(rows, shopper) >= expected),
                "only " + count(rows, shopper) + " of " + expected + " rows arrived");
        assertTrue(Eventually.within(DRAINED_WITHIN, () -> Long.parseLong(dataValue("validationLogQueueSize")) == 0));
        assertEquals(expected, count(rows, shopper), "rows after the buffer drained");
    }

    private List<Api.Reply> sendConcurrently(int requests, IntFunction<String> body) throws Exception {
        // Fewer clients than connections: the writer and the health checks need some too.
        ExecutorService checkouts = Executors.newFixedThreadPool(4);
        try {
            List<Future<Api.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String json = body.apply(i);
                futures.add(checkouts.submit(() -> api.validate(json)));
            }
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        } finally {
            checkouts.shutdownNow();
        }
    }

    private static String body(String code, String shopper, int i) {
        return body(code, shopper, "order-" + i);
    }

    private static String body(String code, String shopper, String orderId) {
        return "{\"code\":\"" + code + "\",\"userId\":\"" + shopper + "\",\"orderValue\":100,\"orderId\":\""
                + orderId + "\"}";
    }

    private String dataValue(String key) {
        return api.readinessData("validation-log", key);
    }
}
