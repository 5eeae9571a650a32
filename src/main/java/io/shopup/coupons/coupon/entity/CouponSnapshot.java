package io.shopup.coupons.coupon.entity;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The fields of one coupon that the validation rules read. Nullable fields are optional in the
 * schema: {@code ownerUserId} is set only for user-specific coupons, the limits and the window
 * only when the coupon has them.
 */
public record CouponSnapshot(
        long id,
        String code,
        CouponType type,
        String ownerUserId,
        CouponStatus status,
        DiscountType discountType,
        BigDecimal discountValue,
        BigDecimal maxDiscount,
        BigDecimal minOrderValue,
        Integer usageLimit,
        Integer perUserLimit,
        Instant validFrom,
        Instant validUntil) {
}
