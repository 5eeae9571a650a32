package io.shopup.coupons.validation.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.shopup.coupons.coupon.entity.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Validations by reason (a counter each) and their time in the service, from the request's start
 * to its answer (a histogram with fixed buckets from 0.1 ms to 1 s, which Prometheus adds up
 * across instances). Every meter exists from the start, so the hot path only looks one up in an
 * array-backed map and adds to it.
 */
@ApplicationScoped
public class ValidationMeters {

    static final Duration[] BUCKETS = {Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
            Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1)};

    private final Map<Reason, Counter> decisions = new EnumMap<>(Reason.class);
    private Timer latency;

    /** At start, so that every reason's series exists before the first validation. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        decisions.size();
    }

    @Inject
    void register(MeterRegistry registry) {
        for (Reason reason : Reason.values()) {
            decisions.put(reason, Counter.builder("coupons.validations").description("Validation decisions by reason")
                    .tag("reason", reason.name()).register(registry));
        }
        latency = Timer.builder("coupons.validation.duration").description("Time from a validation's request to its answer")
                .serviceLevelObjectives(BUCKETS).minimumExpectedValue(BUCKETS[0])
                .maximumExpectedValue(BUCKETS[BUCKETS.length - 1]).register(registry);
    }

    public void decided(Reason reason, long nanos) {
        decisions.get(reason).increment();
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }
}
