package io.shopup.coupons.couponcache.control;

/** One redemption added ({@code delta} +1) or removed (-1), as a notification names it. */
record UsageChange(long xid, long couponId, String userId, String orderId, int delta) {
}
