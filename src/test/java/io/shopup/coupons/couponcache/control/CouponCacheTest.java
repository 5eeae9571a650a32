package io.shopup.coupons.couponcache.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.coupon.entity.CouponSnapshot;
import io.shopup.coupons.coupon.entity.CouponStatus;
import io.shopup.coupons.coupon.entity.CouponType;
import io.shopup.coupons.coupon.entity.DiscountType;
import io.shopup.coupons.coupon.entity.ValidationFacts;
import io.shopup.coupons.coupon.entity.ValidationRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CouponCacheTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private final CouponCache cache = new CouponCache();

    @Test
    void answersNothingUntilLoaded() {
        assertNull(cache.facts(request("SAVE10", "user_1", null), NOW));
    }

    @Test
    void givesTheFactsOfACouponItsRedemptionsAndTheUser() {
        Redemptions redemptions = new Redemptions.Builder().add("user_1", "order-1").add("user_1", null)
                .add("user_2", "order-2").add(null, null).build();
        load(List.of(coupon(1, "SAVE10")), Map.of(1L, redemptions), "user_1");


        ValidationFacts facts = cache.facts(request("SAVE10", "user_1", "order-2"), NOW);
        assertEquals(1, facts.coupon().id());
        assertTrue(facts.userExists());
        assertEquals(4, facts.totalRedemptions());
        assertEquals(2, facts.userRedemptions());
        assertTrue(facts.orderAlreadyUsed());

        ValidationFacts stranger = cache.facts(request("SAVE10", "user_9", "order-9"), NOW);
        assertFalse(stranger.userExists());
        assertEquals(0, stranger.userRedemptions());
        assertFalse(stranger.orderAlreadyUsed());
    }

    @Test
    void anUnknownCodeHasNoCouponButStillTellsWhetherTheUserExists() {
        load(List.of(coupon(1, "SAVE10")), Map.of(), "user_1");

        ValidationFacts facts = cache.facts(request("NOPE", "user_1", null), NOW);
        assertNull(facts.coupon());
        assertTrue(facts.userExists());
    }

    @Test
    void aChangedCodeMovesTheCouponWithItsRedemptions() {
        load(List.of(coupon(1, "OLD"), coupon(2, "OTHER")),
                Map.of(1L, new Redemptions.Builder().add("user_1", "order-1").build()), "user_1");

        cache.putCoupon(1, coupon(1, "NEW"));

        assertNull(cache.facts(request("OLD", "user_1", null), NOW).coupon());
        assertEquals(1, cache.facts(request("NEW", "user_1", null), NOW).totalRedemptions());
        assertEquals(2, cache.facts(request("OTHER", "user_1", null), NOW).coupon().id());
        assertEquals(2, cache.couponCount());
    }

    @Test
    void aDeletedCouponIsGoneAndItsCodeCanBeReused() {
        load(List.of(coupon(1, "SAVE10")), Map.of(), "user_1");

        cache.putCoupon(1, null);
        assertNull(cache.facts(request("SAVE10", "user_1", null), NOW).coupon());

        cache.putCoupon(3, coupon(3, "SAVE10"));
        cache.putCoupon(1, null);
        assertEquals(3, cache.facts(request("SAVE10", "user_1", null), NOW).coupon().id());
    }

    @Test
    void notifiedRedemptionsAreCountedAndRemovedOnesUncounted() {
        load(List.of(coupon(1, "SAVE10"), coupon(2, "OTHER")), Map.of(), "user_1");

        cache.apply(new UsageChange(100, 1, "user_1", "order-1", 1));
        cache.apply(new UsageChange(101, 1, "user_1", null, 1));
        cache.apply(new UsageChange(102, 99, "user_1", null, 1));
        ValidationFacts used = cache.facts(request("SAVE10", "user_1", "order-1"), NOW);
        assertEquals(2, used.totalRedemptions());
        assertEquals(2, used.userRedemptions());
        assertTrue(used.orderAlreadyUsed());
        assertEquals(0, cache.facts(request("OTHER", "user_1", null), NOW).totalRedemptions());

        cache.apply(new UsageChange(103, 1, "user_1", "order-1", -1));
        ValidationFacts rolledBack = cache.facts(request("SAVE10", "user_1", "order-1"), NOW);
        assertEquals(1, rolledBack.totalRedemptions());
        assertEquals(1, rolledBack.userRedemptions());
        assertFalse(rolledBack.orderAlreadyUsed());
    }

    @Test
    void aChangeOfATransactionTheLoadSawIsNotCountedTwice() {
        load(List.of(coupon(1, "SAVE10")), Map.of(1L, new Redemptions.Builder().add("user_1", null).build()),
                "user_1");
        cache.redemptionsLoaded(TxSnapshot.parse("100:105:102"));

        cache.apply(new UsageChange(101, 1, "user_1", null, 1));
        assertEquals(1, cache.facts(request("SAVE10", "user_1", null), NOW).totalRedemptions());
        cache.apply(new UsageChange(102, 1, "user_1", null, 1));
        cache.apply(new UsageChange(105, 1, "user_2", null, 1));
        assertEquals(3, cache.facts(request("SAVE10", "user_1", null), NOW).totalRedemptions());
    }

    @Test
    void liveHoldsCountLikeRedemptionsUntilTheyExpire() {
        load(List.of(coupon(1, "SAVE10")), Map.of(1L, new Redemptions.Builder().add("user_1", null).build()),
                "user_1", "user_2");
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        long inAMinute = now.plusSeconds(60).toEpochMilli();
        cache.holdsLoaded(List.of(new LiveHolds.Hold("h1", 1, "user_1", "order-1", inAMinute)), TxSnapshot.parse("10:10:"));
        cache.apply(new HoldChange(11, new LiveHolds.Hold("h2", 1, "user_2", "order-2", inAMinute), true));

        ValidationFacts held = cache.facts(request("SAVE10", "user_1", "order-2"), now);
        assertEquals(3, held.totalRedemptions());
        assertEquals(2, held.userRedemptions(), "one redemption and one hold of user_1");
        assertTrue(held.orderAlreadyUsed(), "order-2 is held by user_2");

        // At its expiry a hold stops counting, whether or not anyone marked it.
        ValidationFacts expired = cache.facts(request("SAVE10", "user_1", "order-2"), now.plusSeconds(60));
        assertEquals(1, expired.totalRedemptions());
        assertFalse(expired.orderAlreadyUsed());

        cache.apply(new HoldChange(12, new LiveHolds.Hold("h1", 1, null, null, 0), false));
        assertEquals(2, cache.facts(request("SAVE10", "user_1", null), now).totalRedemptions());
        assertEquals(1, cache.holdCount());
    }

    @Test
    void aRemovalThatOvertookItsAdditionKeepsTheHoldOut() {
        load(List.of(coupon(1, "SAVE10")), Map.of(), "user_1");
        long later = System.currentTimeMillis() + 60_000;
        // Held on one instance, released on another: the release's notification came first.
        cache.apply(new HoldChange(20, new LiveHolds.Hold("h1", 1, null, null, later), false));
        cache.apply(new HoldChange(19, new LiveHolds.Hold("h1", 1, "user_1", "order-1", later), true));
        assertEquals(0, cache.holdCount());
        cache.apply(new HoldChange(21, new LiveHolds.Hold("h2", 1, "user_1", "order-2", later), true));
        assertEquals(1, cache.holdCount());
    }

    @Test
    void aHoldChangeOfATransactionTheLoadSawIsSkipped() {
        load(List.of(coupon(1, "SAVE10")), Map.of(), "user_1");
        long later = Long.MAX_VALUE;
        // The load saw transaction 11 release h1: its earlier notification must not bring the hold back.
        cache.holdsLoaded(List.of(), TxSnapshot.parse("12:12:"));
        cache.apply(new HoldChange(10, new LiveHolds.Hold("h1", 1, "user_1", "order-1", later), true));
        assertEquals(0, cache.holdCount());
        cache.apply(new HoldChange(12, new LiveHolds.Hold("h2", 1, "user_1", "order-2", later), true));
        assertEquals(1, cache.holdCount());
    }

    @Test
    void aChangedCouponKeepsTheRedemptionsItHad() {
        load(List.of(coupon(1, "SAVE10")), Map.of(1L, new Redemptions.Builder().add("user_1", null).build()),
                "user_1");

        cache.putCoupon(1, coupon(1, "SAVE10"));
        cache.putCoupon(2, coupon(2, "NEW"));

        assertEquals(1, cache.facts(request("SAVE10", "user_1", null), NOW).totalRedemptions());
        assertEquals(0, cache.facts(request("NEW", "user_1", null), NOW).totalRedemptions());
    }

    private void load(List<CouponSnapshot> coupons, Map<Long, Redemptions> redemptions, String... users) {
        CouponTable table = new CouponTable(coupons.size());
        for (CouponSnapshot coupon : coupons) {
            table.put(coupon.id(), coupon, redemptions.getOrDefault(coupon.id(), Redemptions.NONE));
        }
        cache.replaceCoupons(table);
        SortedIds.Builder ids = new SortedIds.Builder(users.length);
        for (String user : users) {
            ids.add(user);
        }
        cache.users().replace(ids.build());
        cache.markLoaded(Instant.EPOCH);
    }

    private static ValidationRequest request(String code, String userId, String orderId) {
        return new ValidationRequest(code, userId, new BigDecimal("100.00"), orderId);
    }

    private static CouponSnapshot coupon(long id, String code) {
        return new CouponSnapshot(id, code, CouponType.TIME_SPECIFIC, null, CouponStatus.ACTIVE, DiscountType.PERCENT,
                new BigDecimal("10.00"), null, BigDecimal.ZERO, null, 1, Instant.EPOCH, Instant.MAX);
    }
}
