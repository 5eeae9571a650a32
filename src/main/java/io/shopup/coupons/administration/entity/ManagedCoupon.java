package io.shopup.coupons.administration.entity;

import java.time.Instant;
import java.util.UUID;

/**
 * A coupon as the Management API shows it: its fields, when it was made and changed, the batch it
 * came from (or null), and how often it is redeemed and held right now.
 */
public record ManagedCoupon(long id, CouponFields fields, Instant createdAt, Instant updatedAt, UUID batchId,
                            long redeemed, long held) {
}
