package io.shopup.coupons.redemption.boundary;

import static io.shopup.coupons.redemption.boundary.RedemptionLimitsIT.coupon;
import static io.shopup.coupons.redemption.boundary.RedemptionLimitsIT.takenInTheDatabase;
import static io.shopup.coupons.testsupport.TestData.uniqueUser;
import static io.shopup.coupons.testsupport.TestData.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.Api;
import io.shopup.coupons.testsupport.Checkout;
import io.shopup.coupons.testsupport.DeployedService;
import io.shopup.coupons.testsupport.Eventually;
import io.shopup.coupons.testsupport.TestData;
import io.shopup.coupons.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Idempotency keys: a retry gets the first answer, a reuse is refused, a key in use is a 409, a 503 is not kept. */
class IdempotencyIT extends DeployedService {

    private static final String WAITING_ON_A_LOCK =
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'coupons' AND wait_event_type = 'Lock'";

    Checkout checkout;
    String shopper;

    @BeforeEach
    void checkout() {
        checkout = new Checkout(api);
        shopper = user(uniqueUser());
    }

    @Test
    void aReplayGetsTheFirstAnswerAndChangesNothing() {
        String code = coupon(null, null);
        String key = Checkout.key();
        String body = Checkout.body(code, shopper, "order-1", "100");
        Api.Reply first = checkout.redeem(body, key);
        assertEquals(201, first.status(), first.body());
        assertNull(first.header("Idempotent-Replayed"));

        Api.Reply replay = checkout.redeem(body, key);
        assertEquals(201, replay.status());
        assertEquals(first.body(), replay.body());
        assertEquals(first.header("Location"), replay.header("Location"));
        assertEquals("true", replay.header("Idempotent-Replayed"));
        assertEquals(1, takenInTheDatabase(code));

        // A refusal by the rules is kept too: the same request again is refused the same way.
        String refusedKey = Checkout.key();
        checkout.redeem(Checkout.body(code, shopper, "order-2", "100"), Checkout.key());
        Api.Reply refused = checkout.hold(Checkout.body(code, shopper, "order-2", "100"), refusedKey);
        assertEquals(422, refused.status(), refused.body());
        assertEquals("true", checkout.hold(Checkout.body(code, shopper, "order-2", "100"), refusedKey)
                .header("Idempotent-Replayed"));
    }

    @Test
    void aKeyReusedForAnotherRequestIs422() {
        String code = coupon(null, null);
        String key = Checkout.key();
        assertEquals(201, checkout.hold(Checkout.body(code, shopper, "order-1", "100"), key).status());
        Api.Reply otherBody = checkout.hold(Checkout.body(code, shopper, "order-2", "100"), key);
        assertEquals(422, otherBody.status(), otherBody.body());
        assertEquals("urn:problem-type:coupons:idempotency-key-reused", otherBody.json().getString("type"));
        Api.Reply otherPath = checkout.redeem(Checkout.body(code, shopper, "order-1", "100"), key);
        assertEquals(422, otherPath.status(), otherPath.body());
        assertEquals("urn:problem-type:coupons:idempotency-key-reused", otherPath.json().getString("type"));
        assertEquals(1, takenInTheDatabase(code));
    }

    /**
     * The first request waits on the coupon's lock (a test transaction holds it), so it is still
     * running when the second arrives with its key: 409 with Retry-After at once. Then the lock
     * is held past the statement timeout: that request is a 503, which is not kept, so the same
     * key works afterwards.
     */
    @Test
    void aKeyInUseIs409AndA503IsNotKept() throws Exception {
        String code = coupon(null, null);
        String key = Checkout.key();
        String body = Checkout.body(code, shopper, "order-1", "100");
        CompletableFuture<Api.Reply> first;
        try (Connection blocker = TestDatabase.connect(); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("SELECT 1 FROM coupons WHERE code = '" + code + "' FOR UPDATE");
            first = CompletableFuture.supplyAsync(() -> checkout.hold(body, key));
            assertTrue(Eventually.within(Duration.ofSeconds(10), () -> TestData.count(WAITING_ON_A_LOCK) >= 1),
                    "the first request waits on the coupon's lock");
            Api.Reply second = checkout.hold(body, key);
            assertEquals(409, second.status(), second.body());
            assertEquals("urn:problem-type:coupons:idempotency-key-in-use", second.json().getString("type"));
            assertEquals("1", second.header("Retry-After"));
            // Held past the pool's statement timeout: the first request gives up.
            Api.Reply timedOut = first.get();
            assertEquals(503, timedOut.status(), timedOut.body());
            blocker.rollback();
        }
        Api.Reply retried = checkout.hold(body, key);
        assertEquals(201, retried.status(), retried.body());
        assertNull(retried.header("Idempotent-Replayed"), "the 503 was not kept");
        assertEquals(1, takenInTheDatabase(code));
    }

    @Test
    void keysOlderThanTheirLifetimeAreDeletedByTheTimer() {
        String old = "old-" + Checkout.key();
        String recent = "recent-" + Checkout.key();
        for (String[] key : new String[][] {{old, "25 hours"}, {recent, "23 hours"}}) {
            TestData.sqlUnsynced("""
                    INSERT INTO idempotency_keys (scope, idempotency_key, request_method, request_path, request_hash,
                                                  response_status, response_body, created_at)
                    VALUES ('', ?, 'POST', 'api/redemptions', '\\x00', 201, '{}', now() - CAST(? AS interval))""",
                    key[0], key[1]);
        }
        assertTrue(Eventually.within(Duration.ofSeconds(15),
                () -> TestData.count("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ?", old) == 0),
                "a key older than 24 hours is deleted");
        assertEquals(1, TestData.count("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ?", recent));
    }

    @Test
    void commitAndRollbackAcceptAKey() {
        String code = coupon(null, null);
        String id = checkout.hold(code, shopper, "order-1").json().getString("id");
        String key = Checkout.key();
        Api.Reply committed = api.call("POST", "api/reservations/" + id + "/commit", null, "Idempotency-Key", key);
        assertEquals(200, committed.status(), committed.body());
        Api.Reply replay = api.call("POST", "api/reservations/" + id + "/commit", null, "Idempotency-Key", key);
        assertEquals("true", replay.header("Idempotent-Replayed"));
        String redemption = committed.json().getString("redemptionId");
        String rollbackKey = Checkout.key();
        String path = "api/redemptions/" + redemption + "/rollback";
        assertEquals(200, api.call("POST", path, "{\"reason\":\"refund\"}", "Idempotency-Key", rollbackKey).status());
        Api.Reply again = api.call("POST", path, "{\"reason\":\"refund\"}", "Idempotency-Key", rollbackKey);
        assertEquals(200, again.status(), "a retried rollback gets its first answer, not a 409");
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(409, api.call("POST", path, "{\"reason\":\"refund\"}").status());
    }
}
