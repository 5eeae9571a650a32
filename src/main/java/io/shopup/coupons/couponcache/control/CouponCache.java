package io.shopup.coupons.couponcache.control;

import io.shopup.coupons.validation.entity.CouponSnapshot;
import io.shopup.coupons.validation.entity.ValidationFacts;
import io.shopup.coupons.validation.entity.ValidationRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's copy of what validation reads: every coupon with its redemptions, and which users
 * exist. Request threads read it without locks or I/O; only the listener thread of
 * {@code CouponCacheListener} changes it, as PostgreSQL notifies changes. Until the first complete
 * load it is not {@linkplain #isLoaded() loaded}, and validation asks the database instead.
 */
@ApplicationScoped
public class CouponCache {

    /** A coupon and its redemptions, replaced together. */
    record Entry(CouponSnapshot coupon, Redemptions redemptions) {
    }

    private volatile Map<String, Entry> byCode = new ConcurrentHashMap<>();
    private final Map<Long, String> codeById = new HashMap<>();
    private final UserIds users = new UserIds();
    private volatile boolean loaded;
    private volatile Instant loadedAt;
    private volatile String syncMarker = "";

    /** The facts for a request, or null while the cache is not loaded. */
    public ValidationFacts facts(ValidationRequest request) {
        if (!loaded) {
            return null;
        }
        Entry entry = byCode.get(request.code());
        boolean userExists = users.contains(request.userId());
        if (entry == null) {
            return new ValidationFacts(null, userExists, 0, 0, false);
        }
        Redemptions redemptions = entry.redemptions();
        return new ValidationFacts(entry.coupon(), userExists, redemptions.total(),
                redemptions.byUser(request.userId()), redemptions.usedOn(request.orderId()));
    }

    /** Replaces all coupons and their redemptions. */
    public void replaceCoupons(Collection<CouponSnapshot> coupons, Map<Long, Redemptions> redemptions) {
        Map<String, Entry> fresh = new ConcurrentHashMap<>();
        codeById.clear();
        for (CouponSnapshot coupon : coupons) {
            fresh.put(coupon.code(), new Entry(coupon, redemptions.getOrDefault(coupon.id(), Redemptions.NONE)));
            codeById.put(coupon.id(), coupon.code());
        }
        byCode = fresh;
    }

    /** Replaces the redemptions of all coupons. */
    public void replaceRedemptions(Map<Long, Redemptions> redemptions) {
        for (Map.Entry<Long, String> coupon : codeById.entrySet()) {
            setRedemptions(coupon.getKey(), redemptions.getOrDefault(coupon.getKey(), Redemptions.NONE));
        }
    }

    /**
     * Puts the current state of one coupon: its row, or null when it no longer exists. A reader
     * never finds the code missing while the coupon is only being changed.
     */
    public void putCoupon(long id, CouponSnapshot coupon, Redemptions redemptions) {
        String oldCode = coupon == null ? codeById.remove(id) : codeById.put(id, coupon.code());
        if (coupon != null) {
            byCode.put(coupon.code(), new Entry(coupon, redemptions));
        }
        if (oldCode != null && (coupon == null || !oldCode.equals(coupon.code()))) {
            byCode.computeIfPresent(oldCode, (code, entry) -> entry.coupon().id() == id ? null : entry);
        }
    }

    public void setRedemptions(long couponId, Redemptions redemptions) {
        String code = codeById.get(couponId);
        if (code != null) {
            byCode.computeIfPresent(code, (c, entry) -> new Entry(entry.coupon(), redemptions));
        }
    }

    public UserIds users() {
        return users;
    }

    public void markLoaded(Instant at) {
        loadedAt = at;
        loaded = true;
    }

    public boolean isLoaded() {
        return loaded;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public int couponCount() {
        return byCode.size();
    }

    /** The last {@code sync:} marker seen: every change committed before it is in the cache. */
    public String syncMarker() {
        return syncMarker;
    }

    public void sync(String marker) {
        syncMarker = marker;
    }
}
