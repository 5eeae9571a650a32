package io.shopup.coupons.redemption.boundary;

import static io.shopup.coupons.testsupport.TestData.timeCoupon;
import static io.shopup.coupons.testsupport.TestData.uniqueCode;
import static io.shopup.coupons.testsupport.TestData.uniqueUser;
import static io.shopup.coupons.testsupport.TestData.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.Api;
import io.shopup.coupons.testsupport.Checkout;
import io.shopup.coupons.testsupport.Concurrently;
import io.shopup.coupons.testsupport.DeployedService;
import io.shopup.coupons.testsupport.TestData;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Limits under real concurrency: many holds and redemptions of one coupon sent at once, and the
 * counts that come out exact, in the answers and in the tables.
 */
class RedemptionLimitsIT extends DeployedService {

    Checkout checkout;

    @BeforeEach
    void checkout() {
        checkout = new Checkout(api);
    }

    @Test
    void twoHundredConcurrentHoldsAndRedemptionsOfACouponLimitedToFiftyTakeExactlyFifty() throws Exception {
        String code = coupon(50, null);
        List<String> shoppers = shoppers(200);
        List<Api.Reply> replies = Concurrently.run(200, i -> i % 2 == 0
                ? checkout.hold(code, shoppers.get(i), "order-" + i)
                : checkout.redeem(code, shoppers.get(i), "order-" + i));

        assertEquals(Map.of(201, 50L, 422, 150L), statuses(replies));
        replies.stream().filter(reply -> reply.status() == 422).forEach(reply ->
                assertEquals("USAGE_LIMIT_REACHED", reply.json().getString("reason"), reply.body()));
        assertEquals(50, takenInTheDatabase(code));

        // Ten holds released free exactly ten slots.
        List<String> held = replies.stream().filter(reply -> reply.status() == 201
                && reply.json().getString("status").equals("HELD")).map(reply -> reply.json().getString("id"))
                .limit(10).toList();
        assertEquals(10, held.size(), "among 50 taken, holds and redemptions both succeeded");
        for (String id : held) {
            assertEquals(204, checkout.release(id).status());
        }
        List<String> more = shoppers(50);
        List<Api.Reply> again = Concurrently.run(50, i -> checkout.hold(code, more.get(i), "later-" + i));
        assertEquals(Map.of(201, 10L, 422, 40L), statuses(again));
        assertEquals(50, takenInTheDatabase(code));
    }

    @Test
    void aUserLimitedToTwoGetsExactlyTwoOfTwentyConcurrentAttempts() throws Exception {
        String code = coupon(null, 2);
        String shopper = user(uniqueUser());
        List<Api.Reply> replies = Concurrently.run(20, i -> i % 2 == 0
                ? checkout.hold(code, shopper, "order-" + i)
                : checkout.redeem(code, shopper, "order-" + i));

        assertEquals(Map.of(201, 2L, 422, 18L), statuses(replies));
        replies.stream().filter(reply -> reply.status() == 422).forEach(reply ->
                assertEquals("USER_USAGE_LIMIT_REACHED", reply.json().getString("reason"), reply.body()));
        assertEquals(2, takenInTheDatabase(code));
    }

    @Test
    void oneOrderGetsExactlyOneOfTwentyConcurrentAttemptsWithDifferentKeys() throws Exception {
        String code = coupon(null, null);
        List<String> shoppers = shoppers(20);
        List<Api.Reply> replies = Concurrently.run(20, i -> i % 2 == 0
                ? checkout.hold(code, shoppers.get(i), "the-order")
                : checkout.redeem(code, shoppers.get(i), "the-order"));

        assertEquals(Map.of(201, 1L, 422, 19L), statuses(replies));
        replies.stream().filter(reply -> reply.status() == 422).forEach(reply ->
                assertEquals("ALREADY_USED_ON_ORDER", reply.json().getString("reason"), reply.body()));
        assertEquals(1, takenInTheDatabase(code));
    }

    @Test
    void twentyConcurrentCommitsOfOneHoldMakeOneRedemption() throws Exception {
        String code = coupon(null, null);
        String id = checkout.hold(code, user(uniqueUser()), "order-1").json().getString("id");
        List<Api.Reply> replies = Concurrently.run(20, i -> checkout.commit(id));

        assertEquals(Map.of(200, 20L), statuses(replies));
        assertEquals(1, replies.stream().map(reply -> reply.json().getString("redemptionId")).distinct().count(),
                "every commit names the same redemption");
        assertEquals(1, TestData.count("SELECT count(*) FROM coupon_usage u JOIN coupons c ON c.id = u.coupon_id"
                + " WHERE c.code = ?", code));
    }

    @Test
    void twentyConcurrentRollbacksOfOneRedemptionRollItBackOnce() throws Exception {
        String code = coupon(null, null);
        String id = checkout.redeem(code, user(uniqueUser()), "order-1").json().getString("id");
        List<Api.Reply> replies = Concurrently.run(20, i -> checkout.rollBack(id, "refund " + i));

        assertEquals(Map.of(200, 1L, 409, 19L), statuses(replies));
        assertEquals(1, TestData.count("SELECT count(*) FROM coupon_usage_rollbacks WHERE usage_id = ?",
                Long.parseLong(id)));
        assertEquals(0, takenInTheDatabase(code));
    }

    /** The same request sent twenty times at once with one key: one change; the others replay it or wait. */
    @Test
    void twentyConcurrentRequestsWithOneKeyRedeemOnce() throws Exception {
        String code = coupon(null, null);
        String body = Checkout.body(code, user(uniqueUser()), "order-1", "100");
        String key = Checkout.key();
        List<Api.Reply> replies = Concurrently.run(20, i -> checkout.redeem(body, key));

        assertEquals(1, replies.stream().filter(reply -> reply.status() == 201
                && reply.header("Idempotent-Replayed") == null).count(), "one request made the redemption");
        for (Api.Reply reply : replies) {
            assertTrue(reply.status() == 201 || (reply.status() == 409
                    && reply.json().getString("type").endsWith("idempotency-key-in-use")), reply.body());
        }
        assertEquals(1, takenInTheDatabase(code));
    }

    static String coupon(Integer total, Integer perUser) {
        String code = uniqueCode("LIMIT");
        timeCoupon(code, Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400)).limits(total, perUser)
                .insert();
        return code;
    }

    static List<String> shoppers(int n) {
        String prefix = uniqueUser() + "_";
        TestData.sql("INSERT INTO users (id) SELECT ? || n FROM generate_series(1, ?) n", prefix, n);
        return java.util.stream.IntStream.range(1, n + 1).mapToObj(i -> prefix + i).toList();
    }

    static Map<Integer, Long> statuses(List<Api.Reply> replies) {
        return replies.stream().collect(Collectors.groupingBy(Api.Reply::status, Collectors.counting()));
    }

    /** Redemptions and live holds of the coupon, as the tables hold them. */
    static long takenInTheDatabase(String code) {
        return TestData.count("""
                SELECT (SELECT count(*) FROM coupon_usage u JOIN coupons c ON c.id = u.coupon_id WHERE c.code = ?)
                     + (SELECT count(*) FROM coupon_reservations r JOIN coupons c ON c.id = r.coupon_id
                         WHERE c.code = ? AND r.status = 'HELD' AND r.expires_at > now())""", code, code);
    }
}
