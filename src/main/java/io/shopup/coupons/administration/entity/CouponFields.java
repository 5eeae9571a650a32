package io.shopup.coupons.administration.entity;

import io.shopup.coupons.coupon.entity.CouponStatus;
import io.shopup.coupons.coupon.entity.CouponType;
import io.shopup.coupons.coupon.entity.DiscountType;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What an administrator says a coupon is: the columns of {@code coupons} that a person sets. The
 * code is null in a code batch's template (each code is generated).
 */
public record CouponFields(String code, CouponType type, String userId, CouponStatus status,
                           DiscountType discountType, BigDecimal discountValue, BigDecimal maxDiscount,
                           BigDecimal minOrderValue, Integer usageLimit, Integer perUserLimit,
                           Instant validFrom, Instant validUntil) {

    /** What a new coupon is unless its request says otherwise (the columns' defaults). */
    public static CouponFields defaults() {
        return new CouponFields(null, null, null, CouponStatus.ACTIVE, null, null, null, BigDecimal.ZERO.setScale(2),
                null, 1, null, null);
    }

    /** A copy with one field changed, by its JSON name; the value is of the field's type or null. */
    public CouponFields with(String field, Object value) {
        return switch (field) {
            case "code" -> new CouponFields((String) value, type, userId, status, discountType, discountValue,
                    maxDiscount, minOrderValue, usageLimit, perUserLimit, validFrom, validUntil);
            case "type" -> new CouponFields(code, (CouponType) value, userId, status, discountType, discountValue,
                    maxDiscount, minOrderValue, usageLimit, perUserLimit, validFrom, validUntil);
            case "userId" -> new CouponFields(code, type, (String) value, status, discountType, discountValue,
                    maxDiscount, minOrderValue, usageLimit, perUserLimit, validFrom, validUntil);
            case "status" -> new CouponFields(code, type, userId, (CouponStatus) value, discountType, discountValue,
                    maxDiscount, minOrderValue, usageLimit, perUserLimit, validFrom, validUntil);
            case "discountType" -> new CouponFields(code, type, userId, status, (DiscountType) value, discountValue,
                    maxDiscount, minOrderValue, usageLimit, perUserLimit, validFrom, validUntil);
            case "discountValue" -> new CouponFields(code, type, userId, status, discountType, (BigDecimal) value,
                    maxDiscount, minOrderValue, usageLimit, perUserLimit, validFrom, validUntil);
            case "maxDiscount" -> new CouponFields(code, type, userId, status, discountType, discountValue,
                    (BigDecimal) value, minOrderValue, usageLimit, perUserLimit, validFrom, validUntil);
            case "minOrderValue" -> new CouponFields(code, type, userId, status, discountType, discountValue,
                    maxDiscount, (BigDecimal) value, usageLimit, perUserLimit, validFrom, validUntil);
            case "usageLimit" -> new CouponFields(code, type, userId, status, discountType, discountValue,
                    maxDiscount, minOrderValue, (Integer) value, perUserLimit, validFrom, validUntil);
            case "perUserLimit" -> new CouponFields(code, type, userId, status, discountType, discountValue,
                    maxDiscount, minOrderValue, usageLimit, (Integer) value, validFrom, validUntil);
            case "validFrom" -> new CouponFields(code, type, userId, status, discountType, discountValue,
                    maxDiscount, minOrderValue, usageLimit, perUserLimit, (Instant) value, validUntil);
            case "validUntil" -> new CouponFields(code, type, userId, status, discountType, discountValue,
                    maxDiscount, minOrderValue, usageLimit, perUserLimit, validFrom, (Instant) value);
            default -> throw new IllegalArgumentException("not a coupon field: " + field);
        };
    }
}
