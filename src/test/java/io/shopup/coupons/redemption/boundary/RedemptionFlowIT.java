package io.shopup.coupons.redemption.boundary;

import static io.shopup.coupons.redemption.boundary.RedemptionLimitsIT.coupon;
import static io.shopup.coupons.redemption.boundary.RedemptionLimitsIT.takenInTheDatabase;
import static io.shopup.coupons.testsupport.TestData.uniqueUser;
import static io.shopup.coupons.testsupport.TestData.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.Api;
import io.shopup.coupons.testsupport.Checkout;
import io.shopup.coupons.testsupport.DeployedService;
import io.shopup.coupons.testsupport.Eventually;
import io.shopup.coupons.testsupport.TestData;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The checkout flow: hold, commit or release; redeem and roll back; what validation sees meanwhile. */
class RedemptionFlowIT extends DeployedService {

    Checkout checkout;
    String shopper;

    @BeforeEach
    void checkout() {
        checkout = new Checkout(api);
        shopper = user(uniqueUser());
    }

    @Test
    void aHoldCommittedBecomesARedemptionAtTheDiscountOfTheHold() {
        String code = coupon(1, null);
        Api.Reply held = checkout.hold(Checkout.body(code, shopper, "order-1", "250.00"), Checkout.key());
        assertEquals(201, held.status(), held.body());
        JsonObject hold = held.json();
        assertEquals("HELD", hold.getString("status"));
        assertEquals("25.00", hold.getJsonNumber("discount").toString());
        assertEquals("225.00", hold.getJsonNumber("finalAmount").toString());
        assertTrue(held.header("Location").endsWith("api/reservations/" + hold.getString("id")), held.header("Location"));
        Instant expiresAt = Instant.parse(hold.getString("expiresAt"));
        assertTrue(expiresAt.isAfter(Instant.now().plusSeconds(800)) && expiresAt.isBefore(Instant.now().plusSeconds(901)),
                "900 s by default: " + expiresAt);
        // The live hold counts in validation, on this order and against the limit.
        assertReasonSoon("ALREADY_USED_ON_ORDER", code, "order-1");
        assertEquals("USAGE_LIMIT_REACHED", reason(code, "order-2"));

        // The coupon changes after the hold: the customer keeps the price shown.
        TestData.sql("UPDATE coupons SET discount_value = 50 WHERE code = ?", code);
        Api.Reply committed = checkout.commit(hold.getString("id"));
        assertEquals(200, committed.status(), committed.body());
        assertEquals("COMMITTED", committed.json().getString("status"));
        String redemptionId = committed.json().getString("redemptionId");
        assertEquals(committed.body(), checkout.commit(hold.getString("id")).body(), "committing again: the same answer");

        JsonObject redemption = checkout.redemption(redemptionId).json();
        assertEquals("REDEEMED", redemption.getString("status"));
        assertEquals("25.00", redemption.getJsonNumber("discount").toString());
        assertEquals("order-1", redemption.getString("orderId"));
        assertEquals(1, takenInTheDatabase(code));
        assertEquals(409, checkout.release(hold.getString("id")).status(), "a committed hold cannot be released");
        assertReasonSoon("USAGE_LIMIT_REACHED", code, "order-2");
    }

    @Test
    void aReleasedHoldFreesItsSlotAndCannotBeCommitted() {
        String code = coupon(1, null);
        String id = checkout.hold(code, shopper, "order-1").json().getString("id");
        assertEquals(422, checkout.hold(code, user(uniqueUser()), "order-2").status());
        assertEquals(204, checkout.release(id).status());
        assertEquals(204, checkout.release(id).status(), "releasing again is fine");
        assertEquals("RELEASED", checkout.reservation(id).json().getString("status"));
        Api.Reply commit = checkout.commit(id);
        assertEquals(409, commit.status(), commit.body());
        assertEquals("urn:problem-type:coupons:reservation-not-held", commit.json().getString("type"));
        assertReasonSoon("VALID", code, "order-2");
        assertEquals(201, checkout.hold(code, user(uniqueUser()), "order-2").status());
    }

    /**
     * An expired hold stops counting at its expiry, by the counting itself (here the test moves
     * the hold's expiry into the past, as the clock would): before the timer marks it, its slot
     * is free, committing it is refused, and it reads EXPIRED.
     */
    @Test
    void anExpiredHoldFreesItsSlotBeforeTheTimerMarksIt() {
        String code = coupon(1, null);
        Api.Reply held = checkout.hold(Checkout.body(code, shopper, "order-1", "100").replace("}", ",\"ttlSeconds\":60}"),
                Checkout.key());
        assertEquals(201, held.status(), held.body());
        String id = held.json().getString("id");
        assertEquals("USAGE_LIMIT_REACHED", checkout.hold(code, user(uniqueUser()), "order-2").json().getString("reason"));

        TestData.sql("UPDATE coupon_reservations SET expires_at = now() - interval '1 second' WHERE id = CAST(? AS uuid)", id);
        assertEquals("EXPIRED", checkout.reservation(id).json().getString("status"));
        assertEquals("VALID", reason(code, "order-3"));
        assertEquals(409, checkout.commit(id).status());
        assertEquals(201, checkout.hold(code, user(uniqueUser()), "order-2").status());
        // The timer marks it in the end; releasing it then changes nothing.
        assertTrue(Eventually.within(Duration.ofSeconds(15), () -> TestData.count(
                "SELECT count(*) FROM coupon_reservations WHERE id = CAST(? AS uuid) AND status = 'EXPIRED'", id) == 1),
                "the timer marks an expired hold");
        assertEquals(204, checkout.release(id).status());
        assertEquals("EXPIRED", checkout.reservation(id).json().getString("status"));
        assertEquals(1, takenInTheDatabase(code));
    }

    @Test
    void aRollbackFreesTheSlotAndKeepsTheRowAndASecondRollbackIsAConflict() {
        String code = coupon(1, null);
        Api.Reply redeemed = checkout.redeem(code, shopper, "order-1");
        assertEquals(201, redeemed.status(), redeemed.body());
        String id = redeemed.json().getString("id");
        assertEquals("REDEEMED", redeemed.json().getString("status"));
        assertEquals(422, checkout.redeem(code, user(uniqueUser()), "order-2").status());

        Api.Reply rolledBack = checkout.rollBack(id, "order cancelled");
        assertEquals(200, rolledBack.status(), rolledBack.body());
        assertEquals("ROLLED_BACK", rolledBack.json().getString("status"));
        assertEquals("order cancelled", rolledBack.json().getString("reason"));
        assertNotNull(rolledBack.json().getString("rolledBackAt"));
        assertEquals(0, TestData.count("SELECT count(*) FROM coupon_usage WHERE id = ?", Long.parseLong(id)));
        assertEquals(1, TestData.count("SELECT count(*) FROM coupon_usage_rollbacks WHERE usage_id = ?"
                + " AND reason = 'order cancelled' AND user_id = ?", Long.parseLong(id), shopper));
        assertEquals("ROLLED_BACK", checkout.redemption(id).json().getString("status"));

        Api.Reply again = checkout.rollBack(id, null);
        assertEquals(409, again.status(), again.body());
        assertEquals("urn:problem-type:coupons:already-rolled-back", again.json().getString("type"));
        assertEquals(201, checkout.redeem(code, user(uniqueUser()), "order-2").status(), "the slot is free again");
    }

    @Test
    void aCouponThatDoesNotApplyIs422WithTheReasonAndNothingIsTaken() {
        String code = coupon(null, null);
        Api.Reply unknown = checkout.hold("NO-SUCH-CODE", shopper, "order-1");
        assertEquals(422, unknown.status());
        assertTrue(unknown.contentType().startsWith("application/problem+json"));
        assertEquals("urn:problem-type:coupons:not-applicable", unknown.json().getString("type"));
        assertEquals("COUPON_NOT_FOUND", unknown.json().getString("reason"));
        assertNotNull(unknown.json().getString("message"));
        assertEquals("USER_NOT_FOUND", checkout.redeem(code, "nobody-" + uniqueUser(), "order-1").json().getString("reason"));
        assertEquals(0, takenInTheDatabase(code));
    }

    @Test
    void unknownIdsAre404() {
        for (Api.Reply reply : new Api.Reply[] {checkout.reservation("0b4f3c1e-8d5a-4c7e-9a51-3f2b6d7e8a90"),
                checkout.reservation("not-an-id"), checkout.commit("0b4f3c1e-8d5a-4c7e-9a51-3f2b6d7e8a90"),
                checkout.release("not-an-id"), checkout.redemption("987654321987"), checkout.redemption("x"),
                checkout.rollBack("987654321987", null)}) {
            assertEquals(404, reply.status(), reply.body());
            assertEquals("urn:problem-type:coupons:not-found", reply.json().getString("type"));
        }
    }

    @Test
    void everyInputErrorNamesItsField() {
        Api.Reply missing = api.call("POST", "api/reservations", "{\"code\":\"X\",\"userId\":\"u\",\"orderValue\":10,"
                + "\"ttlSeconds\":59}", "Idempotency-Key", Checkout.key());
        assertEquals(400, missing.status(), missing.body());
        assertTrue(missing.body().contains("\"field\":\"orderId\""), missing.body());
        assertTrue(missing.body().contains("\"field\":\"ttlSeconds\""), missing.body());

        Api.Reply bad = api.call("POST", "api/redemptions", "{\"code\":\"no spaces\",\"orderId\":\"\",\"orderValue\":10.005}",
                "Idempotency-Key", Checkout.key());
        assertEquals(400, bad.status(), bad.body());
        for (String field : new String[] {"code", "userId", "orderId", "orderValue"}) {
            assertTrue(bad.body().contains("\"field\":\"" + field + "\""), field + " in " + bad.body());
        }
        Api.Reply noKey = api.call("POST", "api/redemptions", Checkout.body("X", "u", "o", "10"));
        assertEquals(400, noKey.status());
        assertTrue(noKey.body().contains("\"field\":\"Idempotency-Key\""), noKey.body());
        Api.Reply noKeyAndNoOrder = api.call("POST", "api/reservations", "{\"code\":\"X\",\"userId\":\"u\",\"orderValue\":10}");
        assertEquals(400, noKeyAndNoOrder.status());
        assertTrue(noKeyAndNoOrder.body().contains("\"field\":\"Idempotency-Key\"")
                && noKeyAndNoOrder.body().contains("\"field\":\"orderId\""), "every error at once: " + noKeyAndNoOrder.body());
        assertEquals(400, checkout.hold(Checkout.body("X", "u", "o", "10"), "").status());
        assertEquals(400, checkout.hold(Checkout.body("X", "u", "o", "10"), "k".repeat(256)).status());

        Api.Reply notJson = api.call("POST", "api/reservations", null, "Content-Type", "text/plain",
                "Idempotency-Key", Checkout.key());
        assertEquals(415, notJson.status(), notJson.body());
        Api.Reply tooLarge = checkout.hold("{\"code\":\"" + "A".repeat(20_000) + "\"}", Checkout.key());
        assertEquals(413, tooLarge.status(), tooLarge.body());
        Api.Reply longReason = checkout.rollBack("1", "r".repeat(201));
        assertEquals(400, longReason.status(), longReason.body());
        assertTrue(longReason.body().contains("\"field\":\"reason\""), longReason.body());
    }

    /**
     * The service announces its changes to the caches after the commit, on a thread of its own: a
     * sync marker sent by the test may arrive first, so the test waits for the answer itself.
     */
    private void assertReasonSoon(String expected, String code, String orderId) {
        String[] last = new String[1];
        assertTrue(Eventually.within(Duration.ofSeconds(5), () -> expected.equals(last[0] = reason(code, orderId))),
                () -> "validation still says " + last[0]);
    }

    private String reason(String code, String orderId) {
        return api.validate(Api.body(code, shopper, "100", orderId)).json().getString("reason");
    }
}
