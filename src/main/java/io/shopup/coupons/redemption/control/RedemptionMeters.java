package io.shopup.coupons.redemption.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds, commits, releases, redemptions, rollbacks and reads by outcome (the answer's status, and
 * whether it was replayed from an idempotency key), and holds marked expired by the timer.
 */
@ApplicationScoped
public class RedemptionMeters {

    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private MeterRegistry registry;
    private Counter expired;

    /** What a checkout asked of the redemption endpoints. */
    public enum Operation {
        HOLD(201), COMMIT(200), RELEASE(204), READ_HOLD(200), REDEEM(201), ROLLBACK(200), READ_REDEMPTION(200);

        final int success;

        Operation(int success) {
            this.success = success;
        }
    }

    @Inject
    void register(MeterRegistry registry) {
        this.registry = registry;
        expired = Counter.builder("coupons.holds.expired").description("Holds marked EXPIRED by the timer")
                .register(registry);
        // Each operation's success and refusal exist from the start, so that a rate has a series to start from.
        for (Operation operation : Operation.values()) {
            counter(operation, operation.success, false);
            counter(operation, 422, false);
        }
    }

    /** @param status the answer's HTTP status; 503 for a request refused because the threads were busy */
    public void answered(Operation operation, int status, boolean replayed) {
        counter(operation, status, replayed).increment();
    }

    private Counter counter(Operation operation, int status, boolean replayed) {
        return requests.computeIfAbsent(operation.name() + status + replayed, key -> Counter
                .builder("coupons.redemption.requests").description("Redemption requests by operation and outcome")
                .tag("operation", operation.name().toLowerCase()).tag("status", String.valueOf(status))
                .tag("replayed", String.valueOf(replayed)).register(registry));
    }

    public void expired(int holds) {
        expired.increment(holds);
    }
}
