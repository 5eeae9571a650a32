package io.shopup.coupons.coupon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shopup.coupons.coupon.entity.CouponSnapshot;
import io.shopup.coupons.coupon.entity.CouponStatus;
import io.shopup.coupons.coupon.entity.CouponType;
import io.shopup.coupons.coupon.entity.DiscountType;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiscountCalculatorTest {

    @ParameterizedTest(name = "{0} % of {1} = {2}")
    @CsvSource({
            "10,    300.00, 30.00",
            "12.5,  10.05,  1.26",
            "12.5,  10.03,  1.25",
            "10,    0.05,   0.01",
            "50,    0.01,   0.01",
            "33.33, 0.01,   0.00",
            "33.33, 100.00, 33.33",
            "0.01,  1000000000.00, 100000.00"})
    void aPercentIsComputedExactlyThenRoundedHalfUpToCents(BigDecimal percent, BigDecimal orderValue,
                                                           BigDecimal expected) {
        assertEquals(expected, DiscountCalculator.discount(percent(percent, null), orderValue));
    }

    @Test
    void theCapLimitsAPercentDiscount() {
        assertEquals(new BigDecimal("50.00"),
                DiscountCalculator.discount(percent(new BigDecimal("10"), new BigDecimal("50.00")), money("1000.00")));
    }

    @Test
    void aCapAboveTheDiscountChangesNothing() {
        assertEquals(new BigDecimal("30.00"),
                DiscountCalculator.discount(percent(new BigDecimal("10"), new BigDecimal("50.00")), money("300.00")));
    }

    @Test
    void theCapAppliesToTheRoundedDiscount() {
        CouponSnapshot coupon = percent(new BigDecimal("10"), new BigDecimal("10.00"));
        assertEquals(new BigDecimal("10.00"), DiscountCalculator.discount(coupon, money("100.05")));
        assertEquals(new BigDecimal("10.00"), DiscountCalculator.discount(coupon, money("100.04")));
    }

    @Test
    void aCapEqualToTheRoundedDiscountIsTheDiscount() {
        CouponSnapshot coupon = percent(new BigDecimal("10"), new BigDecimal("10.01"));
        assertEquals(new BigDecimal("10.01"), DiscountCalculator.discount(coupon, money("100.05")));
    }

    @Test
    void aHundredPercentTakesTheWholeOrder() {
        assertEquals(new BigDecimal("123.45"),
                DiscountCalculator.discount(percent(new BigDecimal("100"), null), money("123.45")));
    }

    @Test
    void aFixedDiscountIsTakenAsIs() {
        assertEquals(new BigDecimal("15.00"), DiscountCalculator.discount(fixed("15.00"), money("100.00")));
    }

    @Test
    void aFixedDiscountLargerThanTheOrderIsLimitedToTheOrder() {
        assertEquals(new BigDecimal("15.00"), DiscountCalculator.discount(fixed("20.00"), money("15.00")));
    }

    @Test
    void aFixedDiscountEqualToTheOrderTakesTheWholeOrder() {
        assertEquals(new BigDecimal("20.00"), DiscountCalculator.discount(fixed("20.00"), money("20.00")));
    }

    @Test
    void theCapIsForPercentDiscountsOnly() {
        CouponSnapshot coupon = coupon(DiscountType.FIXED, new BigDecimal("20.00"), new BigDecimal("5.00"));
        assertEquals(new BigDecimal("20.00"), DiscountCalculator.discount(coupon, money("100.00")));
    }

    @ParameterizedTest(name = "{0} {1}, cap {2}, order {3}")
    @CsvSource({
            "PERCENT, 10,    ,      100.00",
            "PERCENT, 10,    5,     100.00",
            "PERCENT, 100,   ,      7.10",
            "PERCENT, 0.5,   ,      1",
            "FIXED,   5,     ,      100.00",
            "FIXED,   5.5,   ,      100.00",
            "FIXED,   500,   ,      12.3"})
    void theDiscountAlwaysHasTwoDecimals(DiscountType type, BigDecimal value, BigDecimal cap, BigDecimal orderValue) {
        assertEquals(2, DiscountCalculator.discount(coupon(type, value, cap), orderValue).scale());
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    private static CouponSnapshot percent(BigDecimal percent, BigDecimal cap) {
        return coupon(DiscountType.PERCENT, percent, cap);
    }

    private static CouponSnapshot fixed(String amount) {
        return coupon(DiscountType.FIXED, new BigDecimal(amount), null);
    }

    private static CouponSnapshot coupon(DiscountType type, BigDecimal value, BigDecimal cap) {
        return new CouponSnapshot(1L, "SAVE", CouponType.TIME_SPECIFIC, null, CouponStatus.ACTIVE, type, value, cap,
                BigDecimal.ZERO, null, null, null, null);
    }
}
