package io.shopup.coupons.couponcache.control;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The redemptions of one coupon, as the rules ask about them. Immutable: a change replaces it. */
public final class Redemptions {

    public static final Redemptions NONE = new Redemptions(0, Map.of(), Set.of());

    private final long total;
    private final Map<String, Integer> byUser;
    private final Set<String> orders;

    private Redemptions(long total, Map<String, Integer> byUser, Set<String> orders) {
        this.total = total;
        this.byUser = byUser;
        this.orders = orders;
    }

    public long total() {
        return total;
    }

    public long byUser(String userId) {
        return byUser.getOrDefault(userId, 0);
    }

    /** Whether the coupon was redeemed for this order, by anyone. */
    public boolean usedOn(String orderId) {
        return orderId != null && orders.contains(orderId);
    }

    /** Collects the {@code coupon_usage} rows of one coupon. */
    public static final class Builder {
        private long total;
        private final Map<String, Integer> byUser = new HashMap<>();
        private final Set<String> orders = new HashSet<>();

        public Builder add(String userId, String orderId) {
            total++;
            if (userId != null) {
                byUser.merge(userId, 1, Integer::sum);
            }
            if (orderId != null) {
                orders.add(orderId);
            }
            return this;
        }

        public Redemptions build() {
            return new Redemptions(total, Map.copyOf(byUser), Set.copyOf(orders));
        }
    }
}
