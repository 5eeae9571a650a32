package io.shopup.coupons.couponcache.boundary;

import static io.shopup.coupons.testsupport.Api.body;
import static io.shopup.coupons.testsupport.TestData.sqlUnsynced;
import static io.shopup.coupons.testsupport.TestData.timeCoupon;
import static io.shopup.coupons.testsupport.TestData.uniqueCode;
import static io.shopup.coupons.testsupport.TestData.uniqueUser;
import static io.shopup.coupons.testsupport.TestData.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.Api;
import io.shopup.coupons.testsupport.DeployedService;
import io.shopup.coupons.testsupport.Eventually;
import io.shopup.coupons.testsupport.TestData;
import io.shopup.coupons.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Validation answers from the service's cache, and a change made in the database by plain SQL,
 * as an operator or another service would make it, shows in validation within one second.
 * The changes here are written with {@code TestData.sqlUnsynced}: the other writes of {@code TestData}
 * wait for the cache themselves.
 */
class CouponCacheIT extends DeployedService {

    private static final Duration WITHIN = Duration.ofSeconds(1);

    String code;
    long couponId;
    String shopper;

    @BeforeEach
    void seed() {
        code = uniqueCode("CACHE");
        couponId = timeCoupon(code, Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400))
                .limits(2, null).insert();
        shopper = user(uniqueUser());
        assertEquals("VALID", reason(code, shopper, null));
    }

    /**
     * A listener whose reads block (a lock held on users, and a notification that asks it to read
     * a user) cannot apply the changes after it: the cache
     * serves the old copy, liveness goes DOWN once it is further behind a database that answers than
     * {@code COUPON_CACHE_STALE_AFTER_MS} (5 s in the tests), and everything recovers by itself.
     */
    @Test
    void aListenerThatCannotApplyChangesTurnsLivenessDownUntilItCatchesUp() throws Exception {
        assertEquals(200, api.get("/health/live").status());
        try (Connection blocker = TestDatabase.connect(); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
            try {
                sqlUnsynced("SELECT pg_notify('coupon_cache', 'users:[\"" + uniqueUser() + "\"]')");
                // The change comes once the listener waits for the lock: in the same run of
                // notifications as the users' one, it would be applied before the users are read.
                assertTrue(Eventually.within(Duration.ofSeconds(10), () -> TestData.count(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'coupons'"
                                + " AND wait_event_type = 'Lock' AND query ILIKE '%FROM users%'") > 0),
                        "the listener waits for the lock on users");
                sqlUnsynced("UPDATE coupons SET status = 'INACTIVE' WHERE id = ?", couponId);
                assertTrue(Eventually.within(Duration.ofSeconds(30), () -> api.get("/health/live").status() == 503),
                        "liveness DOWN while the cache cannot follow");
                assertTrue(Long.parseLong(api.readinessData("coupon-cache", "staleSeconds")) >= 5);
                assertEquals("VALID", reason(code, shopper, null), "the cache still serves the copy it had");
            } finally {
                blocker.rollback();
            }
        }
        assertReasonWithin(Duration.ofSeconds(10), "COUPON_INACTIVE", code, shopper, null);
        assertTrue(Eventually.within(Duration.ofSeconds(5), () -> api.get("/health/live").status() == 200
                && "0".equals(api.readinessData("coupon-cache", "staleSeconds"))), "in sync again");
    }

    @Test
    void aCouponChangedInTheDatabaseIsValidatedAsChanged() {
        sqlUnsynced("UPDATE coupons SET status = 'INACTIVE' WHERE id = ?", couponId);
        assertReasonWithin("COUPON_INACTIVE", code, shopper, null);

        sqlUnsynced("UPDATE coupons SET status = 'ACTIVE', min_order_value = 500 WHERE id = ?", couponId);
        assertReasonWithin("MIN_ORDER_NOT_MET", code, shopper, null);
    }

    @Test
    void aRenamedCouponIsFoundUnderItsNewCodeOnly() {
        String renamed = uniqueCode("RENAMED");
        sqlUnsynced("UPDATE coupons SET code = ? WHERE id = ?", renamed, couponId);
        // The old code first: while the change is on its way it is VALID, not a guess. Polling the
        // new code first drew COUPON_NOT_FOUND answers, and ten of them lock the shopper out (429)
        // whenever the change takes longer than ten polls.
        assertReasonWithin("COUPON_NOT_FOUND", code, shopper, null);
        assertReasonWithin("VALID", renamed, shopper, null);
    }

    @Test
    void redemptionsRecordedInTheDatabaseCountAtOnce() {
        sqlUnsynced("INSERT INTO coupon_usage (coupon_id, user_id, order_id, discount_applied) VALUES (?, ?, ?, 1.00)",
                couponId, shopper, "order-cache-1");
        assertReasonWithin("ALREADY_USED_ON_ORDER", code, shopper, "order-cache-1");
        assertEquals("VALID", reason(code, shopper, "order-cache-2"));

        sqlUnsynced("INSERT INTO coupon_usage (coupon_id, user_id, discount_applied) VALUES (?, ?, 1.00)",
                couponId, user(uniqueUser()));
        assertReasonWithin("USAGE_LIMIT_REACHED", code, shopper, null);

        sqlUnsynced("DELETE FROM coupon_usage WHERE coupon_id = ?", couponId);
        assertReasonWithin("VALID", code, shopper, "order-cache-1");
    }

    @Test
    void equalRedemptionsInOneTransactionCountEachAndAMovedOneCountsWhereItWent() throws Exception {
        long other = timeCoupon(uniqueCode("CACHE-OTHER"), Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(86_400)).limits(2, null).insert();
        try (Connection c = TestDatabase.connect(); Statement statement = c.createStatement()) {
            c.setAutoCommit(false);
            // PostgreSQL folds equal notifications of one transaction: two equal rows are still two.
            for (int i = 0; i < 2; i++) {
                statement.execute("INSERT INTO coupon_usage (coupon_id, user_id) VALUES (" + couponId + ", '"
                        + shopper + "')");
            }
            c.commit();
        }
        assertReasonWithin("USAGE_LIMIT_REACHED", code, shopper, null);

        sqlUnsynced("UPDATE coupon_usage SET coupon_id = ? WHERE coupon_id = ?", other, couponId);
        assertReasonWithin("VALID", code, shopper, null);
        assertEquals("USAGE_LIMIT_REACHED", reasonWithin(other, shopper));
        assertEquals(TestData.count("SELECT count(*) FROM coupon_usage WHERE coupon_id = ?", other),
                TestData.count("SELECT used FROM coupon_usage_totals WHERE coupon_id = ?", other),
                "the database's counter follows an UPDATE");
    }

    @Test
    void aThousandRedemptionsComeInPiecesAndMoreOrARowTooLongToNotifyAreReloaded() {
        long bulk = timeCoupon(uniqueCode("CACHE-BULK"), Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(86_400)).limits(1001, null).insert();
        String bulkCode = codeOf(bulk);
        // 1,000 rows are named in several notifications; one more reaches the limit only if all count.
        sqlUnsynced("INSERT INTO coupon_usage (coupon_id, user_id, order_id) SELECT ?, ?, 'order-bulk-' || n"
                + " FROM generate_series(1, 1000) n", bulk, shopper);
        sqlUnsynced("INSERT INTO coupon_usage (coupon_id, user_id) VALUES (?, ?)", bulk, shopper);
        assertReasonWithin("USAGE_LIMIT_REACHED", bulkCode, shopper, null);
        // More rows than the triggers name one by one: the cache reloads all redemptions.
        sqlUnsynced("DELETE FROM coupon_usage WHERE coupon_id = ?", bulk);
        assertReasonWithin("VALID", bulkCode, shopper, "order-bulk-1");
        sqlUnsynced("INSERT INTO coupon_usage (coupon_id, user_id) SELECT ?, ? FROM generate_series(1, 1001)",
                bulk, shopper);
        assertReasonWithin("USAGE_LIMIT_REACHED", bulkCode, shopper, null);

        String longOrder = "order-" + "x".repeat(8_000);
        sqlUnsynced("INSERT INTO coupon_usage (coupon_id, user_id, order_id) VALUES (?, ?, ?)", couponId, shopper,
                longOrder);
        sqlUnsynced("INSERT INTO coupon_usage (coupon_id, user_id) VALUES (?, ?)", couponId, shopper);
        assertReasonWithin("USAGE_LIMIT_REACHED", code, shopper, null);
        sqlUnsynced("DELETE FROM coupon_usage WHERE coupon_id IN (?, ?)", couponId, bulk);
    }

    /**
     * A public coupon redeemed a million times: each further redemption, arriving steadily at
     * 500 a second, shows in validation within a second, since the cache counts it from its
     * notification instead of reading the coupon's redemptions again (which takes seconds here).
     */
    @Test
    void eachRedemptionOfACouponRedeemedAMillionTimesShowsWithinASecond() throws Exception {
        String prefix = uniqueUser() + "_";
        sqlUnsynced("INSERT INTO users (id) SELECT ? || n FROM generate_series(1, 1000) n", prefix);
        long popular = timeCoupon(uniqueCode("CACHE-POPULAR"), Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(86_400)).limits(null, null).insert();
        String popularCode = codeOf(popular);
        try {
            sqlUnsynced("INSERT INTO coupon_usage (coupon_id, user_id, order_id)"
                    + " SELECT ?, ? || (n % 1000 + 1), 'order-popular-' || n FROM generate_series(1, 1000000) n",
                    popular, prefix);
            assertReasonWithin(Duration.ofSeconds(10), "ALREADY_USED_ON_ORDER", popularCode, prefix + 1,
                    "order-popular-1000000");

            int redemptions = 5_000;
            long[] committedAt = new long[redemptions];
            AtomicInteger committed = new AtomicInteger();
            Thread writer = new Thread(() -> {
                try (Connection c = TestDatabase.connect(); PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO coupon_usage (coupon_id, user_id, order_id) VALUES (?, ?, ?)")) {
                    long start = System.nanoTime();
                    for (int i = 0; i < redemptions; i++) {
                        // 500 a second, each in its own transaction.
                        LockSupport.parkNanos(start + i * 2_000_000L - System.nanoTime());
                        insert.setLong(1, popular);
                        insert.setString(2, prefix + (i % 1000 + 1));
                        insert.setString(3, "order-live-" + popular + "-" + i);
                        insert.executeUpdate();
                        committedAt[i] = System.nanoTime();
                        committed.set(i + 1);
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            long worstMillis = 0;
            // Every 25th redemption is looked for as soon as it is committed.
            for (int i = 0; i < redemptions; i += 25) {
                int wanted = i;
                assertTrue(Eventually.within(Duration.ofSeconds(30), () -> committed.get() > wanted), "writer stalled");
                String order = "order-live-" + popular + "-" + i;
                assertReasonWithin(Duration.ofSeconds(5), "ALREADY_USED_ON_ORDER", popularCode, prefix + 1, order);
                worstMillis = Math.max(worstMillis, (System.nanoTime() - committedAt[i]) / 1_000_000);
            }
            writer.join();
            assertTrue(worstMillis < 1_000, "a redemption took " + worstMillis + " ms to show");
            assertEquals(1_005_000L, TestData.count("SELECT used FROM coupon_usage_totals WHERE coupon_id = ?", popular));
        } finally {
            sqlUnsynced("DELETE FROM coupon_usage WHERE coupon_id = ?", popular);
        }
    }

    @Test
    void usersAddedAndRemovedInTheDatabaseAreKnownAtOnce() {
        String newcomer = uniqueUser();
        assertEquals("USER_NOT_FOUND", reason(code, newcomer, null));
        sqlUnsynced("INSERT INTO users (id, email) VALUES (?, 'newcomer@example.com')", newcomer);
        assertReasonWithin("VALID", code, newcomer, null);

        sqlUnsynced("DELETE FROM users WHERE id = ?", newcomer);
        assertReasonWithin("USER_NOT_FOUND", code, newcomer, null);
    }

    @Test
    void aBulkLoadIsPickedUpByReloadingTheTable() {
        // More rows than the triggers name one by one: the cache reloads the users table.
        String prefix = uniqueUser() + "_";
        sqlUnsynced("INSERT INTO users (id) SELECT ? || n FROM generate_series(1, 1500) n", prefix);
        assertReasonWithin("VALID", code, prefix + 1500, null);
        assertEquals("VALID", reason(code, prefix + 1, null));
    }

    @Test
    void idsTooLongToNameInANotificationAreLoadedWithTheTable() {
        // 16 ids of 600 characters overflow PostgreSQL's 8000-byte payload: the insert must still
        // work, and the cache reload the table. (Such ids are longer than a request may carry.)
        long before = cachedUsers();
        String prefix = uniqueUser() + "_" + "x".repeat(600) + "_";
        sqlUnsynced("INSERT INTO users (id) SELECT ? || n FROM generate_series(1, 16) n", prefix);
        assertTrue(Eventually.within(WITHIN, () -> cachedUsers() == before + 16),
                "the cache holds " + cachedUsers() + " users, expected " + (before + 16));
    }

    @Test
    void aDeletedCouponIsNotFound() {
        sqlUnsynced("DELETE FROM coupons WHERE id = ?", couponId);
        assertReasonWithin("COUPON_NOT_FOUND", code, shopper, null);
    }

    private String reasonWithin(long coupon, String userId) {
        String couponCode = codeOf(coupon);
        String[] last = new String[1];
        Eventually.within(WITHIN, () -> !"VALID".equals(last[0] = reason(couponCode, userId, null)));
        return last[0];
    }

    private static String codeOf(long coupon) {
        return TestData.rows("SELECT code FROM coupons WHERE id = ?", coupon).strip();
    }

    private long cachedUsers() {
        return Long.parseLong(api.readinessData("coupon-cache", "users"));
    }

    private void assertReasonWithin(String expected, String code, String userId, String orderId) {
        assertReasonWithin(WITHIN, expected, code, userId, orderId);
    }

    private void assertReasonWithin(Duration within, String expected, String code, String userId, String orderId) {
        String[] last = new String[1];
        assertTrue(Eventually.within(within, () -> expected.equals(last[0] = reason(code, userId, orderId))),
                "still " + last[0] + " after " + within + ", expected " + expected);
    }

    private String reason(String code, String userId, String orderId) {
        Api.Reply reply = api.validate(body(code, userId, "100", orderId));
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getString("reason");
    }
}
