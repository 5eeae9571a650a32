package io.shopup.coupons.coupon.control;

import io.shopup.coupons.coupon.entity.CouponSnapshot;
import io.shopup.coupons.coupon.entity.DiscountType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The money a coupon takes off an order. A percent discount is computed exactly, rounded to cents
 * half up, then capped by {@code max_discount}; no discount ever exceeds the order value.
 */
public final class DiscountCalculator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private DiscountCalculator() {
    }

    public static BigDecimal discount(CouponSnapshot coupon, BigDecimal orderValue) {
        BigDecimal discount;
        if (coupon.discountType() == DiscountType.PERCENT) {
            discount = orderValue.multiply(coupon.discountValue())
                    .divide(HUNDRED)
                    .setScale(2, RoundingMode.HALF_UP);
            if (coupon.maxDiscount() != null) {
                discount = discount.min(coupon.maxDiscount());
            }
        } else {
            discount = coupon.discountValue();
        }
        return discount.min(orderValue).setScale(2, RoundingMode.UNNECESSARY);
    }
}
