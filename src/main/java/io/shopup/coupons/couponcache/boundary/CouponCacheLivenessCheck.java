package io.shopup.coupons.couponcache.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN when the cache has fallen behind a database that answers for longer than
 * {@code coupon-cache.stale-after-ms}: its listener is dead, stuck or cannot apply changes, and
 * validation would go on answering from a frozen copy. A database that is down does not count
 * (validation rides out outages from memory), so an outage never restarts the service.
 */
@Liveness
@ApplicationScoped
public class CouponCacheLivenessCheck implements HealthCheck {

    @Inject
    CouponCacheListener listener;

    @Inject
    @ConfigProperty(name = "coupon-cache.stale-after-ms", defaultValue = "30000")
    long staleAfterMs;

    @Override
    public HealthCheckResponse call() {
        if (!listener.isEnabled()) {
            return HealthCheckResponse.named("coupon-cache-listener").up().build();
        }
        boolean stale = listener.freshness().staleLongerThan(Duration.ofMillis(staleAfterMs));
        return HealthCheckResponse.named("coupon-cache-listener").status(listener.isAlive() && !stale)
                .withData("alive", listener.isAlive())
                .withData("listening", listener.isListening())
                .withData("staleSeconds", listener.freshness().staleSeconds())
                .build();
    }
}
