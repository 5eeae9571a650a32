package io.shopup.coupons.coupon.entity;

import java.math.BigDecimal;

/**
 * The answer to a {@link ValidationRequest}. When the coupon does not apply, the discount is zero
 * and the final amount is the order value.
 *
 * @param couponId the coupon's id, null when no coupon has the code
 * @param couponType the coupon's type, null when no coupon has the code
 */
public record ValidationDecision(
        Reason reason,
        String code,
        Long couponId,
        CouponType couponType,
        BigDecimal orderValue,
        BigDecimal discount,
        BigDecimal finalAmount) {

    public boolean valid() {
        return reason == Reason.VALID;
    }
}
