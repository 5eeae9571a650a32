package io.shopup.coupons.couponcache.control;

import io.shopup.coupons.coupon.entity.CouponSnapshot;
import io.shopup.coupons.coupon.entity.ValidationFacts;
import io.shopup.coupons.coupon.entity.ValidationRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * The service's copy of what validation reads: every coupon with its redemptions, and which users
 * exist. Request threads read it without locks or I/O; only the listener thread of
 * {@code CouponCacheListener} changes it, as PostgreSQL notifies changes. Until the first complete
 * load it is not {@linkplain #isLoaded() loaded}, and validation asks the database instead.
 */
@ApplicationScoped
public class CouponCache {

    private volatile CouponTable coupons = new CouponTable(0);
    private final UserIds users = new UserIds();
    /** What the last load of redemptions saw: changes of transactions it saw are already counted. */
    private TxSnapshot redemptionsSeen = TxSnapshot.NOTHING;
    private final LiveHolds holds = new LiveHolds();
    /** What the last load of holds saw: changes of transactions it saw are already in. */
    private TxSnapshot holdsSeen = TxSnapshot.NOTHING;
    private volatile boolean loaded;
    private volatile Instant loadedAt;
    private volatile String syncMarker = "";
    private final LongAdder reloads = new LongAdder();
    private final LongAdder changesApplied = new LongAdder();

    /**
     * The facts for a request at {@code now}, or null while the cache is not loaded. Live holds
     * count like redemptions: in the total, the user's count and the order's.
     */
    public ValidationFacts facts(ValidationRequest request, Instant now) {
        if (!loaded) {
            return null;
        }
        CouponTable.Entry entry = coupons.get(request.code());
        boolean userExists = users.contains(request.userId());
        if (entry == null) {
            return new ValidationFacts(null, userExists, 0, 0, false);
        }
        Redemptions redemptions = entry.redemptions();
        LiveHolds.Hold[] held = holds.of(entry.coupon().id());
        if (held.length == 0) {
            return new ValidationFacts(entry.coupon(), userExists, redemptions.total(),
                    redemptions.byUser(request.userId()), redemptions.usedOn(request.orderId()));
        }
        long nowMs = now.toEpochMilli();
        return new ValidationFacts(entry.coupon(), userExists,
                redemptions.total() + LiveHolds.live(held, nowMs),
                redemptions.byUser(request.userId()) + LiveHolds.liveByUser(held, request.userId(), nowMs),
                redemptions.usedOn(request.orderId()) || LiveHolds.liveOnOrder(held, request.orderId(), nowMs));
    }

    /** Whether a coupon has this code (once loaded). */
    public boolean hasCode(String code) {
        return coupons.get(code) != null;
    }

    CouponTable coupons() {
        return coupons;
    }

    /** Swaps in a freshly built table; the old one is garbage from here on. */
    void replaceCoupons(CouponTable fresh) {
        coupons = fresh;
    }

    /** Puts the current row of one coupon (null: it no longer exists), keeping its redemptions. */
    public void putCoupon(long id, CouponSnapshot coupon) {
        CouponTable.Entry current = coupons.byId(id);
        coupons.put(id, coupon, current == null ? Redemptions.NONE : current.redemptions());
    }

    /** Applies a notified redemption, unless the last load already counted it. */
    void apply(UsageChange change) {
        if (redemptionsSeen.sees(change.xid())) {
            return;
        }
        CouponTable.Entry entry = coupons.byId(change.couponId());
        if (entry == null) {
            return;
        }
        Redemptions redemptions = entry.redemptions();
        if (redemptions == Redemptions.NONE) {
            if (change.delta() < 0) {
                return;
            }
            redemptions = Redemptions.empty();
            coupons.setRedemptions(change.couponId(), redemptions);
        }
        redemptions.change(change.userId(), change.orderId(), change.delta());
    }

    /** Applies a notified hold change, unless the last load of holds already saw it. */
    void apply(HoldChange change) {
        if (holdsSeen.sees(change.xid())) {
            return;
        }
        if (change.added()) {
            holds.put(change.hold());
        } else {
            holds.remove(change.hold().id(), change.hold().couponId(), change.hold().expiresAtMs());
        }
    }

    void holdsLoaded(java.util.Collection<LiveHolds.Hold> live, TxSnapshot seen) {
        holds.replace(live);
        holdsSeen = seen;
    }

    public int holdCount() {
        return holds.size();
    }

    void redemptionsLoaded(TxSnapshot seen) {
        redemptionsSeen = seen;
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
        return coupons.size();
    }

    /** The last {@code sync:} marker seen: every change committed before it is in the cache. */
    /** A whole table (or everything) read again. */
    public void countReload() {
        reloads.increment();
    }

    /** Rows changed one by one (coupons, redemptions, holds, users). */
    public void countChanges(long rows) {
        changesApplied.add(rows);
    }

    public long reloads() {
        return reloads.sum();
    }

    public long changesApplied() {
        return changesApplied.sum();
    }

    public String syncMarker() {
        return syncMarker;
    }

    public void sync(String marker) {
        syncMarker = marker;
    }
}
