package io.shopup.coupons.access.boundary;

import io.shopup.coupons.access.control.ApiKeyRing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the key table has been read once: before that, no checkout could get in. */
@Readiness
@ApplicationScoped
public class ApiKeysReadinessCheck implements HealthCheck {

    @Inject
    ApiKeyRing ring;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("api-keys").status(ring.isLoaded()).withData("keys", ring.size()).build();
    }
}
