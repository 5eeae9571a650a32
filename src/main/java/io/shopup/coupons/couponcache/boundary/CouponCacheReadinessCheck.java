package io.shopup.coupons.couponcache.boundary;

import io.shopup.coupons.couponcache.control.CouponCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the cache has loaded: until then validation reads the database for every request.
 * {@code syncMarker} echoes the last {@code NOTIFY coupon_cache, 'sync:<marker>'}: once it shows
 * a marker, every change committed before that NOTIFY is in the cache.
 */
@Readiness
@ApplicationScoped
public class CouponCacheReadinessCheck implements HealthCheck {

    @Inject
    CouponCache cache;

    @Inject
    CouponCacheListener listener;

    @Override
    public HealthCheckResponse call() {
        if (!listener.isEnabled()) {
            return HealthCheckResponse.named("coupon-cache").up().withData("enabled", false).build();
        }
        return HealthCheckResponse.named("coupon-cache").status(cache.isLoaded())
                .withData("coupons", cache.couponCount())
                .withData("users", cache.users().size())
                .withData("holds", cache.holdCount())
                .withData("listening", listener.isListening())
                .withData("staleSeconds", listener.freshness().staleSeconds())
                .withData("loadedAt", cache.loadedAt() == null ? "never" : cache.loadedAt().toString())
                .withData("syncMarker", cache.syncMarker())
                .build();
    }
}
