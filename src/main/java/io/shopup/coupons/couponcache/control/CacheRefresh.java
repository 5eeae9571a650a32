package io.shopup.coupons.couponcache.control;

import io.shopup.coupons.coupon.entity.CouponSnapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Fills the {@link CouponCache} from the database: everything at once, or what a run of
 * notifications names. A changed coupon or user is re-read, so notifications that overlap a load,
 * or each other, do no harm. Redemptions are read only by a load; afterwards each one added or
 * removed comes with its notification and is counted in memory, unless the load had already seen
 * its transaction: a coupon redeemed a million times costs no more to follow than a new one.
 */
public final class CacheRefresh {

    /** Beyond this many individual user changes, they are folded into the compact snapshot. */
    static final int MAX_USER_CHANGES = 50_000;

    private final CouponCache cache;
    private final Clock clock;
    private final SnapshotSideReads sideReads;

    /** @param sideReads where the users are read beside the coupons; null to read them in turn */
    public CacheRefresh(CouponCache cache, Clock clock, SnapshotSideReads sideReads) {
        this.cache = cache;
        this.clock = clock;
        this.sideReads = sideReads;
    }

    /**
     * Loads everything from one snapshot of the database, into new structures that replace the
     * old ones only when complete: validation goes on from the old ones meanwhile.
     */
    public LoadTimes loadAll(Connection c) throws SQLException {
        LoadTimes.Clock times = new LoadTimes.Clock();
        inReadOnlySnapshot(c, () -> {
            TxSnapshot seen = CacheQueries.snapshot(c);
            String snapshot = sideReads == null ? null : CacheQueries.exportSnapshot(c);
            Future<SortedIds> sideUsers = sideReads == null ? null
                    : sideReads.start(snapshot, "coupon-cache-users-load",
                            side -> times.users(() -> CacheQueries.users(side)));
            Future<LoadedRedemptions> sideRedemptions = sideReads == null ? null
                    : sideReads.start(snapshot, "coupon-cache-redemptions-load",
                            side -> times.redemptions(() -> LoadedRedemptions.read(side)));
            CouponTable fresh = new CouponTable(CacheQueries.couponCount(c));
            times.coupons(() -> {
                CacheQueries.coupons(c, coupon -> fresh.put(coupon.id(), coupon, Redemptions.NONE));
                return null;
            });
            LoadedRedemptions redemptions = sideRedemptions == null
                    ? times.redemptions(() -> LoadedRedemptions.read(c)) : result(sideRedemptions);
            redemptions.into(fresh);
            List<LiveHolds.Hold> holds = CacheQueries.holds(c);
            SortedIds users = sideUsers == null ? times.users(() -> CacheQueries.users(c)) : result(sideUsers);
            cache.replaceCoupons(fresh);
            cache.redemptionsLoaded(seen);
            cache.holdsLoaded(holds, seen);
            cache.users().replace(users);
        });
        cache.markLoaded(clock.instant());
        cache.countReload();
        return times.done();
    }

    /**
     * Every coupon's redemptions, read beside the coupons and kept until they are in: the
     * structures each coupon will keep, in the order they came, and nothing more.
     */
    private static final class LoadedRedemptions {
        private long[] couponIds = new long[1024];
        private Redemptions[] redemptions = new Redemptions[1024];
        private int size;

        static LoadedRedemptions read(Connection c) throws SQLException {
            LoadedRedemptions loaded = new LoadedRedemptions();
            CacheQueries.redemptions(c, loaded::add);
            return loaded;
        }

        private void add(long couponId, Redemptions ofCoupon) {
            if (size == couponIds.length) {
                couponIds = Arrays.copyOf(couponIds, size * 2);
                redemptions = Arrays.copyOf(redemptions, size * 2);
            }
            couponIds[size] = couponId;
            redemptions[size++] = ofCoupon;
        }

        void into(CouponTable table) {
            for (int i = 0; i < size; i++) {
                table.setRedemptions(couponIds[i], redemptions[i]);
            }
        }
    }

    public void apply(Connection c, CacheChanges changes) throws SQLException {
        cache.countChanges(changes.coupons.size() + changes.usage.size() + changes.holds.size()
                + (changes.allUsers ? 0 : changes.users.size()));
        if (changes.allCoupons || changes.allUsage || changes.allHolds || changes.allUsers) {
            cache.countReload();
        }
        if (changes.allCoupons) {
            inReadOnlySnapshot(c, () -> reloadCoupons(c));
        } else if (!changes.coupons.isEmpty()) {
            Map<Long, CouponSnapshot> coupons = CacheQueries.coupons(c, changes.coupons);
            for (Long id : changes.coupons) {
                cache.putCoupon(id, coupons.get(id));
            }
        }
        if (changes.allUsage) {
            inReadOnlySnapshot(c, () -> reloadRedemptions(c));
        }
        for (UsageChange change : changes.usage) {
            cache.apply(change);
        }
        if (changes.allHolds) {
            inReadOnlySnapshot(c, () -> cache.holdsLoaded(CacheQueries.holds(c), CacheQueries.snapshot(c)));
        }
        for (HoldChange change : changes.holds) {
            cache.apply(change);
        }
        if (changes.allUsers) {
            inReadOnlySnapshot(c, () -> cache.users().replace(CacheQueries.users(c)));
        } else if (!changes.users.isEmpty()) {
            Set<String> existing = CacheQueries.existingUsers(c, changes.users);
            for (String id : changes.users) {
                cache.users().set(id, existing.contains(id));
            }
            if (cache.users().pendingChanges() > MAX_USER_CHANGES) {
                cache.users().compact();
            }
        }
        if (changes.syncMarker != null) {
            cache.sync(changes.syncMarker);
        }
    }

    /**
     * Every coupon row again, each keeping the redemptions the cache follows; a coupon whose row
     * did not change keeps its object, so the new table costs little more than its map.
     */
    private void reloadCoupons(Connection c) throws SQLException {
        CouponTable current = cache.coupons();
        CouponTable fresh = new CouponTable(CacheQueries.couponCount(c));
        CacheQueries.coupons(c, coupon -> {
            CouponTable.Entry known = current.byId(coupon.id());
            if (known == null) {
                fresh.put(coupon.id(), coupon, Redemptions.NONE);
            } else {
                fresh.put(coupon.id(), known.coupon().equals(coupon) ? known.coupon() : coupon, known.redemptions());
            }
        });
        cache.replaceCoupons(fresh);
    }

    /** Every coupon's redemptions again (after a bulk change), coupon by coupon. */
    private void reloadRedemptions(Connection c) throws SQLException {
        TxSnapshot seen = CacheQueries.snapshot(c);
        CouponTable table = cache.coupons();
        List<Long> redeemedBefore = table.redeemed();
        Set<Long> redeemed = new HashSet<>();
        CacheQueries.redemptions(c, (couponId, redemptions) -> {
            table.setRedemptions(couponId, redemptions);
            redeemed.add(couponId);
        });
        table.clearRedemptionsExcept(redeemedBefore, redeemed);
        cache.redemptionsLoaded(seen);
    }

    private static <T> T result(Future<T> read) throws SQLException {
        try {
            return read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            read.cancel(true);
            throw new SQLException("interrupted during a read beside the load", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new SQLException(e.getCause());
        }
    }

    private interface Reads {
        void run() throws SQLException;
    }

    private static void inReadOnlySnapshot(Connection c, Reads reads) throws SQLException {
        ReadOnlySnapshot.read(c, null, () -> {
            reads.run();
            return null;
        });
    }
}
