package io.shopup.coupons.coupon.entity;

/**
 * Everything the rules need to know from the database about one request, fetched in one round trip.
 *
 * @param coupon the coupon with the requested code, or null when there is none
 * @param userExists whether a user has the requested id
 * @param totalRedemptions redemptions of the coupon by all users
 * @param userRedemptions redemptions of the coupon by the requesting user, counted up to its per-user limit
 * @param orderAlreadyUsed whether the coupon was already redeemed for the requested order, by anyone
 */
public record ValidationFacts(
        CouponSnapshot coupon,
        boolean userExists,
        long totalRedemptions,
        long userRedemptions,
        boolean orderAlreadyUsed) {
}
