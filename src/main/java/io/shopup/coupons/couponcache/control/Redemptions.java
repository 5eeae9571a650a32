package io.shopup.coupons.couponcache.control;

import java.util.Arrays;

/**
 * The redemptions of one coupon, as the rules ask about them: how many in all, how many by a
 * user, whether an order used it. Users and orders are kept as {@link IdHash hashes} with their
 * counts, 16 bytes per redemption (8 without an order id). Readers never wait; only the cache's
 * listener thread changes it, one redemption at a time. A reader may see a change half applied
 * (the total but not yet the user's count, say): each figure is then either before or after it,
 * so the answer is the one before the change or a stricter one, never a laxer one.
 */
public final class Redemptions {

    /** A coupon nobody redeemed: shared, never changed (the cache replaces it on a first redemption). */
    public static final Redemptions NONE = new Builder().build();

    private volatile long total;
    private final HashCounts users;
    private final HashCounts orders;

    private Redemptions(long total, HashCounts users, HashCounts orders) {
        this.total = total;
        this.users = users;
        this.orders = orders;
    }

    /** A new, empty instance that may be changed. */
    static Redemptions empty() {
        return new Builder().build();
    }

    public long total() {
        return total;
    }

    public long byUser(String userId) {
        return userId == null ? 0 : users.count(IdHash.of(userId));
    }

    /** Whether the coupon was redeemed for this order, by anyone. */
    public boolean usedOn(String orderId) {
        return orderId != null && orders.count(IdHash.of(orderId)) > 0;
    }

    /** Counts one redemption more ({@code +1}) or less ({@code -1}). */
    void change(String userId, String orderId, int delta) {
        if (this == NONE) {
            throw new IllegalStateException("NONE is shared: replace it with Redemptions.empty()");
        }
        total = Math.max(0, total + delta);
        if (userId != null) {
            users.add(IdHash.of(userId), delta);
        }
        if (orderId != null) {
            orders.add(IdHash.of(orderId), delta);
        }
    }

    /** Collects the {@code coupon_usage} rows of one coupon, as a load streams them. */
    public static final class Builder {
        private long total;
        private long[] users = new long[4];
        private int userCount;
        private long[] orders = new long[4];
        private int orderCount;

        public Builder add(String userId, String orderId) {
            total++;
            if (userId != null) {
                if (userCount == users.length) {
                    users = Arrays.copyOf(users, userCount * 2);
                }
                users[userCount++] = IdHash.of(userId);
            }
            if (orderId != null) {
                if (orderCount == orders.length) {
                    orders = Arrays.copyOf(orders, orderCount * 2);
                }
                orders[orderCount++] = IdHash.of(orderId);
            }
            return this;
        }

        public boolean isEmpty() {
            return total == 0;
        }

        public Redemptions build() {
            return new Redemptions(total, new HashCounts(sorted(users, userCount)),
                    new HashCounts(sorted(orders, orderCount)));
        }

        private static long[] sorted(long[] hashes, int count) {
            if (count == 0) {
                return HashCounts.NONE;
            }
            long[] exact = Arrays.copyOf(hashes, count);
            Arrays.sort(exact);
            return exact;
        }
    }
}
