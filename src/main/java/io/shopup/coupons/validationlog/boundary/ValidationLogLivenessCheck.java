package io.shopup.coupons.validationlog.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** DOWN only when the log's writer has stopped: its task is not running, or its flush timer no longer fires. */
@Liveness
@ApplicationScoped
public class ValidationLogLivenessCheck implements HealthCheck {

    @Inject
    ValidationLog log;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("validation-log-writer").status(log.status().writerAlive()).build();
    }
}
