package io.shopup.coupons.couponcache.control;

/** A hold that became {@code HELD} ({@code added}) or left it, as notified by transaction {@code xid}. */
record HoldChange(long xid, LiveHolds.Hold hold, boolean added) {
}
