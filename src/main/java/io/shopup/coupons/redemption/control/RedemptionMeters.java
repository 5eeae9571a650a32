package io.shopup.coupons.redemption.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Holds, commits, releases, redemptions, rollbacks and reads by outcome (the answer's status, and
 * whether it was replayed from an idempotency key), and holds marked expired by the timer.
 */
@ApplicationScoped
public class RedemptionMeters {

    private MeterRegistry registry;
    private Counter expired;

    /** What a checkout asked of the redemption endpoints. */
    public enum Operation {
        HOLD, COMMIT, RELEASE, READ_HOLD, REDEEM, ROLLBACK, READ_REDEMPTION
    }

    @Inject
    void register(MeterRegistry registry) {
        this.registry = registry;
        expired = Counter.builder("coupons.holds.expired").description("Holds marked EXPIRED by the timer")
                .register(registry);
    }

    /** @param status the answer's HTTP status; 503 for a request refused because the threads were busy */
    public void answered(Operation operation, int status, boolean replayed) {
        // Micrometer keeps one counter per tag set: after the first of a kind, this is a map lookup.
        Counter.builder("coupons.redemption.requests").description("Redemption requests by operation and outcome")
                .tag("operation", operation.name().toLowerCase()).tag("status", String.valueOf(status))
                .tag("replayed", String.valueOf(replayed)).register(registry).increment();
    }

    public void expired(int holds) {
        expired.increment(holds);
    }
}
