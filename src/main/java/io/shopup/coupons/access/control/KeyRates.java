package io.shopup.coupons.access.control;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-key request rate: a token bucket per key (Bucket4j) of {@code perSecond} tokens, refilled
 * greedily, on each instance. Each instance enforces the rate itself: a shared bucket would cost a
 * database round trip on every checkout request, and the rate exists to keep one runaway caller
 * from flooding an instance.
 */
public final class KeyRates {

    private final long perSecond;
    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perSecond requests per second and key; 0 or less: no limit */
    public KeyRates(long perSecond) {
        this.perSecond = perSecond;
    }

    public boolean enabled() {
        return perSecond > 0;
    }

    public long limit() {
        return perSecond;
    }

    /** Takes one request's token from the key's bucket. */
    public ConsumptionProbe take(UUID key) {
        return buckets.computeIfAbsent(key, ignored -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)))
                        .build())
                .tryConsumeAndReturnRemaining(1);
    }
}
