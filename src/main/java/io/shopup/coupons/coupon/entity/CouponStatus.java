package io.shopup.coupons.coupon.entity;

/** The stored status of a coupon; an ACTIVE coupon past its window is treated as expired anyway. */
public enum CouponStatus {
    ACTIVE,
    EXPIRED,
    INACTIVE
}
