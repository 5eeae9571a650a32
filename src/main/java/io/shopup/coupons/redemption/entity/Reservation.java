package io.shopup.coupons.redemption.entity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A hold of one coupon for one order of one user, as stored in {@code coupon_reservations}. The
 * discount was fixed when the hold was taken.
 *
 * @param usageId the redemption a commit created, or null
 */
public record Reservation(UUID id, ReservationStatus status, long couponId, String code, String userId,
                          String orderId, BigDecimal orderValue, BigDecimal discount, Instant expiresAt,
                          Instant createdAt, Long usageId) {

    /** Held and not past its expiry: it counts against the coupon's limits. */
    public boolean isLive(Instant now) {
        return status == ReservationStatus.HELD && now.isBefore(expiresAt);
    }

    /** The status a reader sees: a hold past its expiry is expired, whether or not the timer has marked it. */
    public ReservationStatus statusAt(Instant now) {
        return status == ReservationStatus.HELD && !now.isBefore(expiresAt) ? ReservationStatus.EXPIRED : status;
    }

    public BigDecimal finalAmount() {
        return orderValue.subtract(discount);
    }
}
