package io.shopup.coupons.redemption.entity;

/** A hold's life: {@code HELD} until committed, released, or past its expiry. */
public enum ReservationStatus {
    HELD, COMMITTED, RELEASED, EXPIRED
}
