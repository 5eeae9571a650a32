package io.shopup.coupons.coupon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.coupon.entity.CouponSnapshot;
import io.shopup.coupons.coupon.entity.CouponStatus;
import io.shopup.coupons.coupon.entity.CouponType;
import io.shopup.coupons.coupon.entity.DiscountType;
import io.shopup.coupons.coupon.entity.Reason;
import io.shopup.coupons.coupon.entity.ValidationDecision;
import io.shopup.coupons.coupon.entity.ValidationFacts;
import io.shopup.coupons.coupon.entity.ValidationRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CouponRulesTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String USER = "user_0000001";
    private static final String OTHER_USER = "user_0000002";
    private static final long COUPON_ID = 42L;

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyReasonIsReachableOnItsOwn(Reason reason) {
        assertEquals(reason, scenario().failing(reason).decide().reason());
    }

    /** For each rule, every later rule fails as well; the earlier rule must still be the answer. */
    @ParameterizedTest
    @EnumSource(value = Reason.class, names = "VALID", mode = EnumSource.Mode.EXCLUDE)
    void aFailingRuleWinsOverEveryLaterFailure(Reason reason) {
        Scenario scenario = scenario();
        for (Reason later : Reason.values()) {
            if (later.ordinal() >= reason.ordinal()) {
                scenario.failing(later);
            }
        }
        assertEquals(reason, scenario.decide().reason());
    }

    @ParameterizedTest
    @EnumSource(value = Reason.class, names = {"USER_USAGE_LIMIT_REACHED", "VALID"}, mode = EnumSource.Mode.EXCLUDE)
    void aFailingRuleWinsOverTheNextOne(Reason reason) {
        Reason next = Reason.values()[reason.ordinal() + 1];
        assertEquals(reason, scenario().failing(next).failing(reason).decide().reason());
    }

    @Test
    void anInactiveCouponThatIsAlsoExpiredIsInactive() {
        Scenario scenario = scenario();
        scenario.coupon.status = CouponStatus.INACTIVE;
        scenario.coupon.validUntil = NOW.minus(Duration.ofDays(30));
        assertEquals(Reason.COUPON_INACTIVE, scenario.decide().reason());
    }

    @Test
    void anUnknownUserWithAnUnknownCodeIsCouponNotFound() {
        Scenario scenario = scenario().failing(Reason.USER_NOT_FOUND).failing(Reason.COUPON_NOT_FOUND);
        assertEquals(Reason.COUPON_NOT_FOUND, scenario.decide().reason());
    }

    @Test
    void theWindowIsOpenAtItsFirstInstant() {
        Scenario scenario = scenario();
        scenario.coupon.validFrom = NOW;
        assertEquals(Reason.VALID, scenario.decide().reason());
    }

    @Test
    void oneNanosecondBeforeTheWindowIsNotYetValid() {
        Scenario scenario = scenario();
        scenario.coupon.validFrom = NOW.plusNanos(1);
        assertEquals(Reason.COUPON_NOT_YET_VALID, scenario.decide().reason());
    }

    @Test
    void theWindowIsClosedAtItsEndInstant() {
        Scenario scenario = scenario();
        scenario.coupon.validUntil = NOW;
        assertEquals(Reason.COUPON_EXPIRED, scenario.decide().reason());
    }

    @Test
    void oneNanosecondBeforeTheEndIsValid() {
        Scenario scenario = scenario();
        scenario.coupon.validUntil = NOW.plusNanos(1);
        assertEquals(Reason.VALID, scenario.decide().reason());
    }

    @Test
    void anExpiredStatusWinsOverAFutureWindow() {
        Scenario scenario = scenario();
        scenario.coupon.status = CouponStatus.EXPIRED;
        scenario.coupon.validUntil = NOW.plus(Duration.ofDays(365));
        assertEquals(Reason.COUPON_EXPIRED, scenario.decide().reason());
    }

    @Test
    void aCouponWithoutWindowIsNeverExpiredByTime() {
        Scenario scenario = scenario().ownedBy(USER);
        scenario.coupon.validFrom = null;
        scenario.coupon.validUntil = null;
        assertEquals(Reason.VALID, scenario.decide().reason());
    }

    @Test
    void aUserSpecificCouponAppliesToItsOwner() {
        assertEquals(Reason.VALID, scenario().ownedBy(USER).decide().reason());
    }

    @Test
    void aUserSpecificCouponDoesNotApplyToAnotherUser() {
        assertEquals(Reason.COUPON_NOT_FOR_USER, scenario().ownedBy(OTHER_USER).decide().reason());
    }

    @Test
    void userIdsAreComparedExactly() {
        Scenario scenario = scenario().ownedBy(USER);
        scenario.userId = USER.toUpperCase();
        assertEquals(Reason.COUPON_NOT_FOR_USER, scenario.decide().reason());
    }

    @Test
    void aTimeSpecificCouponAppliesToAnyUser() {
        Scenario scenario = scenario();
        scenario.userId = OTHER_USER;
        assertEquals(Reason.VALID, scenario.decide().reason());
    }

    @Test
    void anOrderEqualToTheMinimumIsEnough() {
        Scenario scenario = scenario().orderValue("100.00");
        scenario.coupon.minOrderValue = new BigDecimal("100.00");
        assertEquals(Reason.VALID, scenario.decide().reason());
    }

    @Test
    void anOrderOneCentBelowTheMinimumIsNot() {
        Scenario scenario = scenario().orderValue("99.99");
        scenario.coupon.minOrderValue = new BigDecimal("100.00");
        assertEquals(Reason.MIN_ORDER_NOT_MET, scenario.decide().reason());
    }

    @Test
    void aMissingMinimumMeansNoMinimum() {
        Scenario scenario = scenario().orderValue("0.01");
        scenario.coupon.minOrderValue = null;
        assertEquals(Reason.VALID, scenario.decide().reason());
    }

    @Test
    void aUsedOrderCountsOnlyWhenTheRequestNamesAnOrder() {
        Scenario scenario = scenario();
        scenario.orderAlreadyUsed = true;
        scenario.orderId = null;
        assertEquals(Reason.VALID, scenario.decide().reason());
    }

    @Test
    void aRequestNamingAnUnusedOrderIsValid() {
        Scenario scenario = scenario();
        scenario.orderId = "order-1";
        assertEquals(Reason.VALID, scenario.decide().reason());
    }

    @Test
    void noUsageLimitMeansUnlimited() {
        Scenario scenario = scenario();
        scenario.coupon.usageLimit = null;
        scenario.totalRedemptions = Long.MAX_VALUE;
        assertEquals(Reason.VALID, scenario.decide().reason());
    }

    @Test
    void noPerUserLimitMeansUnlimited() {
        Scenario scenario = scenario();
        scenario.coupon.perUserLimit = null;
        scenario.userRedemptions = Long.MAX_VALUE;
        assertEquals(Reason.VALID, scenario.decide().reason());
    }

    @Test
    void theUsageLimitIsReachedAtEquality() {
        Scenario scenario = scenario();
        scenario.coupon.usageLimit = 3;
        scenario.totalRedemptions = 3;
        assertEquals(Reason.USAGE_LIMIT_REACHED, scenario.decide().reason());
    }

    @Test
    void oneRedemptionBelowTheUsageLimitIsValid() {
        Scenario scenario = scenario();
        scenario.coupon.usageLimit = 3;
        scenario.totalRedemptions = 2;
        assertEquals(Reason.VALID, scenario.decide().reason());
    }

    @Test
    void thePerUserLimitIsReachedAtEquality() {
        Scenario scenario = scenario();
        scenario.coupon.perUserLimit = 2;
        scenario.userRedemptions = 2;
        assertEquals(Reason.USER_USAGE_LIMIT_REACHED, scenario.decide().reason());
    }

    @Test
    void oneRedemptionBelowThePerUserLimitIsValid() {
        Scenario scenario = scenario();
        scenario.coupon.perUserLimit = 2;
        scenario.userRedemptions = 1;
        assertEquals(Reason.VALID, scenario.decide().reason());
    }

    @ParameterizedTest
    @EnumSource(value = Reason.class, names = "VALID", mode = EnumSource.Mode.EXCLUDE)
    void aRejectionTakesNothingOff(Reason reason) {
        ValidationDecision decision = scenario().orderValue("123.45").failing(reason).decide();
        assertFalse(decision.valid());
        assertEquals(new BigDecimal("0.00"), decision.discount());
        assertEquals(new BigDecimal("123.45"), decision.finalAmount());
        assertEquals(new BigDecimal("123.45"), decision.orderValue());
        assertEquals("SUMMER", decision.code());
    }

    @ParameterizedTest
    @EnumSource(value = Reason.class, names = {"COUPON_NOT_FOUND", "VALID"}, mode = EnumSource.Mode.EXCLUDE)
    void aRejectionOfAKnownCouponNamesIt(Reason reason) {
        ValidationDecision decision = scenario().failing(reason).decide();
        assertEquals(COUPON_ID, decision.couponId());
        assertNotNull(decision.couponType());
    }

    @Test
    void anUnknownCouponHasNeitherIdNorType() {
        ValidationDecision decision = scenario().failing(Reason.COUPON_NOT_FOUND).decide();
        assertNull(decision.couponId());
        assertNull(decision.couponType());
    }

    @Test
    void aValidDecisionCarriesTheDiscountAndTheCoupon() {
        ValidationDecision decision = scenario().orderValue("200.00").decide();
        assertTrue(decision.valid());
        assertEquals(new BigDecimal("20.00"), decision.discount());
        assertEquals(new BigDecimal("180.00"), decision.finalAmount());
        assertEquals(COUPON_ID, decision.couponId());
        assertEquals(CouponType.TIME_SPECIFIC, decision.couponType());
        assertEquals("SUMMER", decision.code());
    }

    @Test
    void aFixedDiscountLargerThanTheOrderLeavesNothingToPay() {
        Scenario scenario = scenario().orderValue("15.00");
        scenario.coupon.discountType = DiscountType.FIXED;
        scenario.coupon.discountValue = new BigDecimal("20.00");
        ValidationDecision decision = scenario.decide();
        assertEquals(new BigDecimal("15.00"), decision.discount());
        assertEquals(new BigDecimal("0.00"), decision.finalAmount());
    }

    @ParameterizedTest(name = "{0} / {1} / {2} -> {3}")
    @CsvSource({
            "USER-TEST, user_0000001, 1000.00, VALID,               50.00,  950.00",
            "' user-test ', user_0000001, 300.00, VALID,            30.00,  270.00",
            "USER-TEST, user_0000002, 1000.00, COUPON_NOT_FOR_USER, 0.00,   1000.00",
            "USER-TEST, user_0000001, 99.99,   MIN_ORDER_NOT_MET,   0.00,   99.99",
            "NOPE,      user_0000001, 10.00,   COUPON_NOT_FOUND,    0.00,   10.00"})
    void theWorkedExamplesOfTheContract(String rawCode, String userId, BigDecimal orderValue, Reason reason,
                                        BigDecimal discount, BigDecimal finalAmount) {
        String code = InputRules.normaliseCode(rawCode);
        CouponSnapshot userTest = new CouponSnapshot(7L, "USER-TEST", CouponType.USER_SPECIFIC, "user_0000001",
                CouponStatus.ACTIVE, DiscountType.PERCENT, new BigDecimal("10.00"), new BigDecimal("50.00"),
                new BigDecimal("100.00"), null, 1, null, null);
        ValidationFacts facts = new ValidationFacts(code.equals("USER-TEST") ? userTest : null, true, 0, 0, false);

        ValidationDecision decision = CouponRules.decide(
                new ValidationRequest(code, userId, orderValue, null), facts, NOW);

        assertEquals(reason, decision.reason());
        assertEquals(discount, decision.discount());
        assertEquals(finalAmount, decision.finalAmount());
    }

    private static Scenario scenario() {
        return new Scenario();
    }

    /** A request and its facts that pass every rule until told otherwise. */
    private static final class Scenario {
        final CouponFields coupon = new CouponFields();
        boolean couponExists = true;
        boolean userExists = true;
        long totalRedemptions;
        long userRedemptions;
        boolean orderAlreadyUsed;
        String userId = USER;
        String orderId;
        BigDecimal orderValue = new BigDecimal("100.00");

        Scenario failing(Reason reason) {
            switch (reason) {
                case COUPON_NOT_FOUND -> couponExists = false;
                case USER_NOT_FOUND -> userExists = false;
                case COUPON_INACTIVE -> coupon.status = CouponStatus.INACTIVE;
                case COUPON_EXPIRED -> coupon.validUntil = NOW.minusSeconds(1);
                case COUPON_NOT_YET_VALID -> coupon.validFrom = NOW.plusSeconds(1);
                case COUPON_NOT_FOR_USER -> ownedBy(OTHER_USER);
                case MIN_ORDER_NOT_MET -> coupon.minOrderValue = orderValue.add(new BigDecimal("0.01"));
                case ALREADY_USED_ON_ORDER -> {
                    orderId = "order-1";
                    orderAlreadyUsed = true;
                }
                case USAGE_LIMIT_REACHED -> {
                    coupon.usageLimit = 5;
                    totalRedemptions = 5;
                }
                case USER_USAGE_LIMIT_REACHED -> {
                    coupon.perUserLimit = 1;
                    userRedemptions = 1;
                }
                case VALID -> {
                }
            }
            return this;
        }

        Scenario ownedBy(String owner) {
            coupon.type = CouponType.USER_SPECIFIC;
            coupon.owner = owner;
            return this;
        }

        Scenario orderValue(String value) {
            orderValue = new BigDecimal(value);
            return this;
        }

        ValidationDecision decide() {
            ValidationFacts facts = new ValidationFacts(couponExists ? coupon.snapshot() : null, userExists,
                    totalRedemptions, userRedemptions, orderAlreadyUsed);
            return CouponRules.decide(new ValidationRequest("SUMMER", userId, orderValue, orderId), facts, NOW);
        }
    }

    /** An active 10 % coupon, open for a day either side of {@link #NOW}, without minimum or limits. */
    private static final class CouponFields {
        CouponType type = CouponType.TIME_SPECIFIC;
        String owner;
        CouponStatus status = CouponStatus.ACTIVE;
        DiscountType discountType = DiscountType.PERCENT;
        BigDecimal discountValue = new BigDecimal("10.00");
        BigDecimal minOrderValue = new BigDecimal("0.00");
        Integer usageLimit;
        Integer perUserLimit;
        Instant validFrom = NOW.minus(Duration.ofDays(1));
        Instant validUntil = NOW.plus(Duration.ofDays(1));

        CouponSnapshot snapshot() {
            return new CouponSnapshot(COUPON_ID, "SUMMER", type, owner, status, discountType, discountValue, null,
                    minOrderValue, usageLimit, perUserLimit, validFrom, validUntil);
        }
    }
}
