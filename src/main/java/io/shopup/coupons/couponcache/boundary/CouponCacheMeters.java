package io.shopup.coupons.couponcache.boundary;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopup.coupons.couponcache.control.CouponCache;

/**
 * The coupon cache's meters: what it holds, how far it is behind the database (the seconds liveness
 * watches), and how it has followed it: whole tables read again, rows changed one by one.
 */
final class CouponCacheMeters {

    private CouponCacheMeters() {
    }

    static void bind(MeterRegistry registry, CouponCache cache, CouponCacheListener listener) {
        Gauge.builder("coupons.cache.coupons", cache, CouponCache::couponCount).description("Coupons in the cache")
                .strongReference(true).register(registry);
        Gauge.builder("coupons.cache.users", cache, c -> c.users().size()).description("Users in the cache")
                .strongReference(true).register(registry);
        Gauge.builder("coupons.cache.holds", cache, CouponCache::holdCount).description("Live holds in the cache")
                .strongReference(true).register(registry);
        Gauge.builder("coupons.cache.stale.seconds", listener, l -> l.freshness().staleSeconds())
                .description("How long the cache has been behind a database that answers").strongReference(true)
                .register(registry);
        Gauge.builder("coupons.cache.loaded", cache, c -> c.isLoaded() ? 1 : 0)
                .description("1 once the cache has loaded").strongReference(true).register(registry);
        FunctionCounter.builder("coupons.cache.reloads", cache, CouponCache::reloads)
                .description("Whole loads and whole-table reloads").register(registry);
        FunctionCounter.builder("coupons.cache.changes", cache, CouponCache::changesApplied)
                .description("Rows changed one by one (coupons, redemptions, holds, users)")
                .register(registry);
    }
}
