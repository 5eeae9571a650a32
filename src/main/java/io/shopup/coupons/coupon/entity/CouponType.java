package io.shopup.coupons.coupon.entity;

/** How a coupon decides who may use it. */
public enum CouponType {
    /** Issued to exactly one user. */
    USER_SPECIFIC,
    /** Usable by anyone inside its validity window. */
    TIME_SPECIFIC
}
