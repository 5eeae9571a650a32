package io.shopup.coupons.couponcache.control;

import io.shopup.coupons.validation.entity.CouponSnapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills the {@link CouponCache} from the database: everything at once, or the rows a run of
 * notifications names. A change always re-reads the row's current state, so notifications that
 * overlap a load, or each other, do no harm.
 */
public final class CacheRefresh {

    /** Beyond this many individual user changes, they are folded into the compact snapshot. */
    static final int MAX_USER_CHANGES = 50_000;

    private final CouponCache cache;
    private final Clock clock;

    public CacheRefresh(CouponCache cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    /** Loads everything from one snapshot of the database. */
    public void loadAll(Connection c) throws SQLException {
        inReadOnlySnapshot(c, () -> {
            List<CouponSnapshot> coupons = CacheQueries.coupons(c);
            Map<Long, Redemptions> redemptions = CacheQueries.redemptions(c);
            SortedIds users = CacheQueries.users(c);
            cache.replaceCoupons(coupons, redemptions);
            cache.users().replace(users);
        });
        cache.markLoaded(clock.instant());
    }

    public void apply(Connection c, CacheChanges changes) throws SQLException {
        if (changes.allCoupons) {
            inReadOnlySnapshot(c, () -> cache.replaceCoupons(CacheQueries.coupons(c), CacheQueries.redemptions(c)));
        } else {
            if (changes.allUsage) {
                cache.replaceRedemptions(CacheQueries.redemptions(c));
            }
            Set<Long> couponIds = changes.coupons;
            if (!couponIds.isEmpty()) {
                Map<Long, CouponSnapshot> coupons = CacheQueries.coupons(c, couponIds);
                Map<Long, Redemptions> redemptions = CacheQueries.redemptions(c, couponIds);
                for (Long id : couponIds) {
                    cache.putCoupon(id, coupons.get(id), redemptions.getOrDefault(id, Redemptions.NONE));
                }
            }
            Set<Long> usageOnly = new HashSet<>(changes.usage);
            usageOnly.removeAll(couponIds);
            if (!changes.allUsage && !usageOnly.isEmpty()) {
                Map<Long, Redemptions> redemptions = CacheQueries.redemptions(c, usageOnly);
                for (Long id : usageOnly) {
                    cache.setRedemptions(id, redemptions.getOrDefault(id, Redemptions.NONE));
                }
            }
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

    private interface Reads {
        void run() throws SQLException;
    }

    /** Runs reads in one repeatable-read snapshot, with room for a million-row table. */
    private static void inReadOnlySnapshot(Connection c, Reads reads) throws SQLException {
        c.setAutoCommit(false);
        try (Statement settings = c.createStatement()) {
            settings.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            settings.execute("SET LOCAL statement_timeout = '5min'");
            settings.execute("SET LOCAL work_mem = '64MB'");
            reads.run();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // The connection is broken; the caller replaces it.
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
