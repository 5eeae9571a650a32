package io.shopup.coupons.couponcache.control;

import io.shopup.coupons.coupon.entity.CouponSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every coupon by code, each with its redemptions. Request threads read {@link #get}; only the
 * listener thread changes it, or builds a new one that a load then swaps in whole.
 */
final class CouponTable {

    /** A coupon and its redemptions. */
    record Entry(CouponSnapshot coupon, Redemptions redemptions) {
    }

    private final Map<String, Entry> byCode;
    private final LongKeyMap<String> codeById;

    CouponTable(int expectedCoupons) {
        byCode = new ConcurrentHashMap<>(Math.max(16, expectedCoupons * 4 / 3 + 1));
        codeById = new LongKeyMap<>(expectedCoupons);
    }

    Entry get(String code) {
        return byCode.get(code);
    }

    Entry byId(long id) {
        String code = codeById.get(id);
        return code == null ? null : byCode.get(code);
    }

    int size() {
        return byCode.size();
    }

    /**
     * Puts a coupon's current row, or removes it (null). A reader never finds the code missing
     * while the coupon is only being changed.
     */
    void put(long id, CouponSnapshot coupon, Redemptions redemptions) {
        String oldCode = coupon == null ? codeById.remove(id) : codeById.put(id, coupon.code());
        if (coupon != null) {
            byCode.put(coupon.code(), new Entry(coupon, redemptions));
        }
        if (oldCode != null && (coupon == null || !oldCode.equals(coupon.code()))) {
            byCode.computeIfPresent(oldCode, (code, entry) -> entry.coupon().id() == id ? null : entry);
        }
    }

    void setRedemptions(long id, Redemptions redemptions) {
        Entry entry = byId(id);
        if (entry != null && entry.redemptions() != redemptions) {
            byCode.put(entry.coupon().code(), new Entry(entry.coupon(), redemptions));
        }
    }

    /** The coupons that have redemptions now. */
    List<Long> redeemed() {
        List<Long> ids = new ArrayList<>();
        for (Entry entry : byCode.values()) {
            if (entry.redemptions() != Redemptions.NONE) {
                ids.add(entry.coupon().id());
            }
        }
        return ids;
    }

    /** Sets every coupon with redemptions that is not in {@code keep} to none. */
    void clearRedemptionsExcept(List<Long> candidates, Set<Long> keep) {
        for (Long id : candidates) {
            if (!keep.contains(id)) {
                setRedemptions(id, Redemptions.NONE);
            }
        }
    }
}
