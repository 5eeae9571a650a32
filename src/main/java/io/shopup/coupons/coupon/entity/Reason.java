package io.shopup.coupons.coupon.entity;

/**
 * Why a validation came out as it did. The rules run in declaration order and the first one that
 * fails is the reason; {@link #VALID} means none failed.
 */
public enum Reason {
    COUPON_NOT_FOUND("No coupon has this code."),
    USER_NOT_FOUND("No user has this id."),
    COUPON_INACTIVE("This coupon is not active."),
    COUPON_EXPIRED("This coupon has expired."),
    COUPON_NOT_YET_VALID("This coupon is not valid yet."),
    COUPON_NOT_FOR_USER("This coupon belongs to another user."),
    MIN_ORDER_NOT_MET("The order value is below this coupon's minimum."),
    ALREADY_USED_ON_ORDER("This coupon was already used on this order."),
    USAGE_LIMIT_REACHED("This coupon has reached its usage limit."),
    USER_USAGE_LIMIT_REACHED("You have already used this coupon as often as allowed."),
    VALID("The coupon applies.");

    private final String message;

    Reason(String message) {
        this.message = message;
    }

    /** A short sentence for people. */
    public String message() {
        return message;
    }
}
