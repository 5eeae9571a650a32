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
import io.shopup.coupons.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
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
     * A listener whose reads block (a lock held on coupon_usage) cannot apply a change: the cache
     * serves the old copy, liveness goes DOWN once it is further behind a database that answers than
     * {@code COUPON_CACHE_STALE_AFTER_MS} (5 s in the tests), and everything recovers by itself.
     */
    @Test
    void aListenerThatCannotApplyChangesTurnsLivenessDownUntilItCatchesUp() throws Exception {
        assertEquals(200, api.get("/health/live").status());
        try (Connection blocker = TestDatabase.connect(); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE coupon_usage IN ACCESS EXCLUSIVE MODE");
            try {
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
        assertReasonWithin("VALID", renamed, shopper, null);
        assertReasonWithin("COUPON_NOT_FOUND", code, shopper, null);
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
