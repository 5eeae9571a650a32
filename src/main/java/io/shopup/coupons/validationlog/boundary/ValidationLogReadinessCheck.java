package io.shopup.coupons.validationlog.boundary;

import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The log's state, for operators. UP once the application has started: a backlog is flagged in
 * the data, and the service is not ready only when the database is not (see the database check).
 */
@Readiness
@ApplicationScoped
public class ValidationLogReadinessCheck implements HealthCheck {

    @Inject
    ValidationLog log;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "validationlog.backlog-alert", defaultValue = "1000")
    int backlogAlert;

    @Override
    public HealthCheckResponse call() {
        ValidationLog.LogStatus status;
        try {
            status = log.status();
        } catch (EJBException e) {
            // Asked before the application finished starting.
            return HealthCheckResponse.named("validation-log").down().withData("state", "starting").build();
        }
        HealthCheckResponseBuilder response = HealthCheckResponse.named("validation-log").up()
                .withData("validationLogQueueSize", status.queued())
                .withData("validationLogQueueBytes", status.queuedBytes())
                .withData("memoryBoundRecords", status.memoryBound())
                .withData("memoryBoundBytes", status.memoryBoundBytes())
                .withData("backlog", status.queued() > backlogAlert)
                .withData("spilled", status.spilled())
                .withData("deadLettered", status.deadLettered())
                .withData("dropped", status.dropped())
                .withData("written", status.written())
                .withData("writerFailing", status.failing())
                .withData("lastFlushAt", status.lastFlushAt() == null ? "never" : status.lastFlushAt().toString())
                .withData("oldestQueuedAgeMs", status.oldestQueuedAgeMs())
                .withData("uptime", Duration.between(status.startedAt(), clock.instant()).toString())
                .withData("timestamp", clock.instant().toString());
        return response.build();
    }
}
