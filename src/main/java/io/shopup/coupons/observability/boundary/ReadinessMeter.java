package io.shopup.coupons.observability.boundary;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code coupons_readiness}: 1 when every readiness check is UP, as {@code /health/ready} would
 * answer, else 0; asked when Prometheus scrapes, so that an alert needs no second probe.
 */
@ApplicationScoped
public class ReadinessMeter {

    @Inject
    @Readiness
    @Any
    Instance<HealthCheck> checks;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started, MeterRegistry registry) {
        Gauge.builder("coupons.readiness", this, ReadinessMeter::ready).description("1 when the service is ready")
                .strongReference(true).register(registry);
    }

    double ready() {
        for (HealthCheck check : checks) {
            try {
                if (check.call().getStatus() != HealthCheckResponse.Status.UP) {
                    return 0;
                }
            } catch (RuntimeException e) {
                return 0;
            }
        }
        return 1;
    }
}
