package io.shopup.coupons.access.control;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.shopup.coupons.access.entity.Throttled;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The limit on guessing codes: at most {@code limit} unknown codes per subject (a user, or a client
 * address) in a window of {@code window}, counted in token buckets (Bucket4j) of that capacity
 * whose tokens all come back when the window has passed.
 *
 * <p>Each unknown code takes a token from the subject's bucket on this instance and then from its
 * bucket in PostgreSQL, shared by every instance, before the answer goes out; so a guesser gets
 * {@code limit} unknown-code answers per window however many instances it spreads them over. An
 * instance that found a subject's shared bucket empty refuses the subject's every request until
 * the window frees, without asking the database again; the other instances find out at their
 * subject's next unknown code, so spreading over N instances gains a guesser at most N requests
 * whose codes happen to exist. While the shared buckets cannot be reached (or {@link #MAX_SHARED_CALLS}
 * calls wait for them already), each instance's own bucket is the limit.
 */
public final class GuessLimiter {

    private static final Logger LOG = Logger.getLogger(GuessLimiter.class.getName());
    /** HTTP threads that may wait for the shared buckets at once: the others keep serving. */
    static final int MAX_SHARED_CALLS = 2;
    static final long SHARED_CALL_WAIT_MS = 100;
    /** After a failure, the shared buckets are left alone for this long. */
    static final long SHARED_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Beyond this many subjects of their own (an outage under a flood), the instance's buckets start afresh. */
    static final int MAX_LOCAL_SUBJECTS = 200_000;

    private final long limit;
    private final BucketConfiguration configuration;
    private final ProxyManager<String> shared;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> local = new ConcurrentHashMap<>();
    private final Map<String, Long> blockedUntil = new ConcurrentHashMap<>();
    private final Semaphore sharedCalls = new Semaphore(MAX_SHARED_CALLS);
    private volatile long sharedPausedUntil;
    private volatile boolean sharedFailing;

    /** @param shared the buckets every instance shares, or null for this instance's own only */
    public GuessLimiter(long limit, Duration window, ProxyManager<String> shared, LongSupplier nanoTime) {
        this.limit = limit;
        this.configuration = BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit).refillIntervally(limit, window))
                .build();
        this.shared = shared;
        this.nanoTime = nanoTime;
    }

    /** @throws Throttled when this instance knows the subject is over its limit */
    public void check(String subject) {
        if (blockedUntil.isEmpty()) {
            return; // the hot path: nobody is blocked
        }
        Long until = blockedUntil.get(subject);
        if (until != null) {
            long left = until - nanoTime.getAsLong();
            if (left > 0) {
                throw refusal(left);
            }
            blockedUntil.remove(subject, until);
        }
    }

    /**
     * Counts one unknown code for the subject, before the answer says so.
     *
     * @throws Throttled when the subject has had its unknown codes of this window: the request is refused instead
     */
    public void unknownCode(String subject) {
        check(subject);
        ConsumptionProbe mine = localBucket(subject).tryConsumeAndReturnRemaining(1);
        ConsumptionProbe refused = mine.isConsumed() ? takeShared(subject) : mine;
        if (refused != null && !refused.isConsumed()) {
            long wait = Math.max(1, refused.getNanosToWaitForRefill());
            blockedUntil.put(subject, nanoTime.getAsLong() + wait);
            throw refusal(wait);
        }
    }

    /** The shared bucket's answer, or null when it cannot be had now. */
    private ConsumptionProbe takeShared(String subject) {
        if (shared == null || nanoTime.getAsLong() - sharedPausedUntil < 0) {
            return null;
        }
        boolean permitted;
        try {
            permitted = sharedCalls.tryAcquire(SHARED_CALL_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (!permitted) {
            return null;
        }
        try {
            ConsumptionProbe probe = shared.builder().build(subject, () -> configuration).tryConsumeAndReturnRemaining(1);
            if (sharedFailing) {
                sharedFailing = false;
                LOG.info("The shared guessing limits are reachable again");
            }
            return probe;
        } catch (RuntimeException e) {
            sharedPausedUntil = nanoTime.getAsLong() + SHARED_PAUSE_NANOS;
            if (!sharedFailing) {
                sharedFailing = true;
                LOG.warning("The shared guessing limits cannot be reached; each instance limits on its own for now: " + e);
            }
            return null;
        } finally {
            sharedCalls.release();
        }
    }

    private Bucket localBucket(String subject) {
        if (local.size() >= MAX_LOCAL_SUBJECTS) {
            local.clear();
        }
        return local.computeIfAbsent(subject, ignored -> Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit).refillIntervally(limit, configurationWindow()))
                .build());
    }

    private Duration configurationWindow() {
        return Duration.ofNanos(configuration.getBandwidths()[0].getRefillPeriodNanos());
    }

    /** Forgets subjects whose windows have passed. */
    public void tidy() {
        long now = nanoTime.getAsLong();
        blockedUntil.values().removeIf(until -> until - now <= 0);
        local.values().removeIf(bucket -> bucket.getAvailableTokens() >= limit);
    }

    public int blockedSubjects() {
        return blockedUntil.size();
    }

    private Throttled refusal(long waitNanos) {
        return new Throttled("too-many-unknown-codes", "Too many unknown coupon codes; try again after the Retry-After seconds.",
                limit, waitNanos);
    }
}
