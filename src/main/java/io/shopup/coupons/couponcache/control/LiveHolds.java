package io.shopup.coupons.couponcache.control;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The holds with status {@code HELD}, by coupon, as the notifications of {@code coupon_reservations}
 * announce them. A hold counts while its expiry is ahead: readers compare it with their clock,
 * so an expired hold stops counting at its expiry, before the timer marks it. Holds are few (each
 * lives minutes), so each coupon's are a small array, replaced whole on a change.
 */
public final class LiveHolds {

    /** One hold; {@code expiresAtMs} in epoch milliseconds. */
    public record Hold(String id, long couponId, String userId, String orderId, long expiresAtMs) {
    }

    private static final Hold[] NONE = new Hold[0];
    static final int MAX_REMOVED_EARLY = 100_000;

    private volatile ConcurrentHashMap<Long, Hold[]> byCoupon = new ConcurrentHashMap<>();
    /**
     * Holds whose removal came before their addition (two instances announce them, and their
     * notifications may overtake each other), until they expire: the late addition is ignored.
     * Only the listener thread uses it.
     */
    private final Map<String, Long> removedEarly = new HashMap<>();

    /** Adds or replaces a hold. Only the listener thread changes holds. */
    public void put(Hold hold) {
        if (removedEarly.remove(hold.id()) != null) {
            return;
        }
        byCoupon.compute(hold.couponId(), (id, holds) -> {
            Hold[] others = without(holds, hold.id());
            Hold[] grown = Arrays.copyOf(others, others.length + 1);
            grown[others.length] = hold;
            return grown;
        });
    }

    /** @param expiresAtMs the hold's expiry, or 0 when the notification did not carry it */
    public void remove(String id, long couponId, long expiresAtMs) {
        boolean[] found = {false};
        byCoupon.computeIfPresent(couponId, (coupon, holds) -> {
            Hold[] rest = without(holds, id);
            found[0] = rest != holds;
            return rest.length == 0 ? null : rest;
        });
        if (!found[0] && expiresAtMs > System.currentTimeMillis()) {
            if (removedEarly.size() >= MAX_REMOVED_EARLY) {
                long now = System.currentTimeMillis();
                removedEarly.values().removeIf(until -> until <= now);
            }
            if (removedEarly.size() < MAX_REMOVED_EARLY) {
                removedEarly.put(id, expiresAtMs);
            }
        }
    }

    /** Replaces every hold, after a load. */
    public void replace(Collection<Hold> holds) {
        Map<Long, Hold[]> grouped = new HashMap<>();
        for (Hold hold : holds) {
            Hold[] current = grouped.getOrDefault(hold.couponId(), NONE);
            Hold[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = hold;
            grouped.put(hold.couponId(), grown);
        }
        byCoupon = new ConcurrentHashMap<>(grouped);
        removedEarly.clear();
    }

    /** The coupon's holds, expired or not; empty when it has none. */
    public Hold[] of(long couponId) {
        Hold[] holds = byCoupon.get(couponId);
        return holds == null ? NONE : holds;
    }

    public int size() {
        return byCoupon.values().stream().mapToInt(holds -> holds.length).sum();
    }

    public static int live(Hold[] holds, long nowMs) {
        int n = 0;
        for (Hold hold : holds) {
            if (hold.expiresAtMs() > nowMs) {
                n++;
            }
        }
        return n;
    }

    public static int liveByUser(Hold[] holds, String userId, long nowMs) {
        int n = 0;
        for (Hold hold : holds) {
            if (hold.expiresAtMs() > nowMs && hold.userId().equals(userId)) {
                n++;
            }
        }
        return n;
    }

    public static boolean liveOnOrder(Hold[] holds, String orderId, long nowMs) {
        if (orderId == null) {
            return false;
        }
        for (Hold hold : holds) {
            if (hold.expiresAtMs() > nowMs && orderId.equals(hold.orderId())) {
                return true;
            }
        }
        return false;
    }

    private static Hold[] without(Hold[] holds, String id) {
        if (holds == null) {
            return NONE;
        }
        for (int i = 0; i < holds.length; i++) {
            if (holds[i].id().equals(id)) {
                Hold[] rest = new Hold[holds.length - 1];
                System.arraycopy(holds, 0, rest, 0, i);
                System.arraycopy(holds, i + 1, rest, i, holds.length - i - 1);
                return rest;
            }
        }
        return holds;
    }
}
