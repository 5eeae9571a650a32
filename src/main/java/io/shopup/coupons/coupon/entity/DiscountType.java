package io.shopup.coupons.coupon.entity;

/** PERCENT takes a share of the order value (0 < v <= 100); FIXED takes an amount. */
public enum DiscountType {
    PERCENT,
    FIXED
}
