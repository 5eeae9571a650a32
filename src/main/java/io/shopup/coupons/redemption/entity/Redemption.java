package io.shopup.coupons.redemption.entity;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One redemption: a {@code coupon_usage} row, or, once rolled back, its copy in
 * {@code coupon_usage_rollbacks}.
 *
 * @param orderValue   null for a row written in SQL without one
 * @param rolledBackAt null while it stands
 */
public record Redemption(long id, long couponId, String code, String userId, String orderId, BigDecimal orderValue,
                         BigDecimal discount, Instant redeemedAt, Instant rolledBackAt, String reason) {

    public boolean rolledBack() {
        return rolledBackAt != null;
    }

    public BigDecimal finalAmount() {
        return orderValue == null || discount == null ? null : orderValue.subtract(discount);
    }
}
