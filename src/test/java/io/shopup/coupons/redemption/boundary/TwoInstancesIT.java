package io.shopup.coupons.redemption.boundary;

import static io.shopup.coupons.redemption.boundary.RedemptionLimitsIT.coupon;
import static io.shopup.coupons.redemption.boundary.RedemptionLimitsIT.shoppers;
import static io.shopup.coupons.redemption.boundary.RedemptionLimitsIT.statuses;
import static io.shopup.coupons.redemption.boundary.RedemptionLimitsIT.takenInTheDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.Api;
import io.shopup.coupons.testsupport.Checkout;
import io.shopup.coupons.testsupport.Concurrently;
import io.shopup.coupons.testsupport.Eventually;
import io.shopup.coupons.testsupport.ServiceProcess;
import io.shopup.coupons.testsupport.TestData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two service processes on one database, as two instances behind a load balancer: concurrent
 * requests sent to both alternately keep the same exact counts as on one, and each instance's
 * validation sees the other's holds within a second.
 */
class TwoInstancesIT {

    static String limited;
    static String perUser;
    static String oneOrder;
    static List<String> shoppers;
    static ServiceProcess first;
    static ServiceProcess second;

    @BeforeAll
    static void twoInstances() throws Exception {
        // Written before the instances start, so that both load them.
        limited = coupon(50, null);
        perUser = coupon(null, 2);
        oneOrder = coupon(null, null);
        shoppers = shoppers(200);
        // A window long enough for the guessing test to stay inside it, however slow the machine.
        first = ServiceProcess.start(Map.of("ABUSE_GUESS_WINDOW_SECONDS", "60"));
        second = ServiceProcess.start(Map.of("ABUSE_GUESS_WINDOW_SECONDS", "60"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (first != null) {
            first.stop();
        }
        if (second != null) {
            second.stop();
        }
    }

    @Test
    void concurrentRequestsSpreadOverTwoInstancesTakeExactlyTheLimit() throws Exception {
        List<Api.Reply> replies = Concurrently.run(200, i -> on(i).hold(limited, shoppers.get(i), "order-" + i));
        assertEquals(Map.of(201, 50L, 422, 150L), statuses(replies), () -> first.severe() + second.severe());
        assertEquals(50, takenInTheDatabase(limited));

        List<Api.Reply> sameUser = Concurrently.run(20, i -> i % 4 < 2
                ? on(i).hold(perUser, shoppers.get(0), "order-" + i)
                : on(i).redeem(perUser, shoppers.get(0), "order-" + i));
        assertEquals(Map.of(201, 2L, 422, 18L), statuses(sameUser));
        assertEquals(2, takenInTheDatabase(perUser));

        List<Api.Reply> sameOrder = Concurrently.run(20, i -> i % 4 < 2
                ? on(i).hold(oneOrder, shoppers.get(i), "the-order")
                : on(i).redeem(oneOrder, shoppers.get(i), "the-order"));
        assertEquals(Map.of(201, 1L, 422, 19L), statuses(sameOrder));
        assertEquals(1, takenInTheDatabase(oneOrder));
    }

    @Test
    void aHoldOnOneInstanceShowsInTheOthersValidationWithinASecond() {
        String code = coupon(1, null);
        String shopper = shoppers.get(199);
        // The coupon was written after the instances started: wait until the second has it.
        assertTrue(Eventually.within(Duration.ofSeconds(5), () -> "VALID".equals(reason(second, code, shopper))));

        Api.Reply held = new Checkout(first.api()).hold(code, shopper, "order-x");
        assertEquals(201, held.status(), held.body());
        assertTrue(Eventually.within(Duration.ofSeconds(1),
                () -> "USAGE_LIMIT_REACHED".equals(reason(second, code, shopper))), "the hold shows on the other instance");

        assertEquals(204, new Checkout(first.api()).release(held.json().getString("id")).status());
        assertTrue(Eventually.within(Duration.ofSeconds(1), () -> "VALID".equals(reason(second, code, shopper))),
                "the release shows on the other instance");
    }

    @Test
    void aGuesserSpreadingUnknownCodesOverTwoInstancesGetsAtMostTwelveAnswers() {
        String guesser = TestData.user(TestData.uniqueUser());
        int unknown = 0;
        int refused = 0;
        for (int i = 0; i < 30; i++) {
            Api.Reply reply = (i % 2 == 0 ? first : second).api().validate(
                    Api.body(TestData.uniqueCode("GUESS"), guesser, "100", null));
            if (reply.status() == 200 && "COUPON_NOT_FOUND".equals(reply.json().getString("reason"))) {
                unknown++;
            } else if (reply.status() == 429) {
                refused++;
            }
        }
        assertTrue(unknown >= 10 && unknown <= 12, unknown + " unknown-code answers");
        assertEquals(30, unknown + refused);
    }

    @Test
    void aRevokedKeyIsRefusedWithinASecondOnBothInstances() {
        Api.Reply created = first.api().call("POST", "api/admin/api-keys", "{\"name\":\"two-instances\"}");
        assertEquals(201, created.status(), created.body());
        String authorization = "ApiKey " + created.json().getString("secret");
        for (ServiceProcess instance : List.of(first, second)) {
            assertTrue(Eventually.within(Duration.ofSeconds(2), () -> validateWith(instance, authorization) == 200),
                    "the new key works on each instance");
        }
        assertEquals(204, second.api().call("DELETE", "api/admin/api-keys/" + created.json().getString("id"), null).status());
        long revoked = System.nanoTime();
        for (ServiceProcess instance : List.of(first, second)) {
            // The contract is about requests that arrive later than a second after the revocation:
            // the time of the last request still accepted is measured from when it was sent, so that
            // neither its own answer's time nor the polling's pause counts on a loaded machine.
            long[] lastAcceptedMs = {-1};
            assertTrue(Eventually.within(Duration.ofSeconds(3), () -> {
                long sentMs = (System.nanoTime() - revoked) / 1_000_000;
                int status = validateWith(instance, authorization);
                if (status == 200) {
                    lastAcceptedMs[0] = sentMs;
                }
                return status == 401;
            }), "refused on port " + instance.port());
            assertTrue(lastAcceptedMs[0] <= 1_000, "a request sent " + lastAcceptedMs[0]
                    + " ms after the revocation was still accepted on port " + instance.port());
        }
    }

    private static int validateWith(ServiceProcess instance, String authorization) {
        return instance.api().anonymous().call("POST", "api/coupons/validate", Api.body("ANY", "u-1", "10", null),
                "Authorization", authorization).status();
    }

    private static Checkout on(int i) {
        return new Checkout(i % 2 == 0 ? first.api() : second.api());
    }

    private static String reason(ServiceProcess service, String code, String shopper) {
        return service.api().validate(Api.body(code, shopper, "100", "order-y")).json().getString("reason");
    }
}
