package io.shopup.coupons.access.control;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.shopup.coupons.access.entity.Throttled;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The limit on guessing codes: at most {@code limit} unknown codes per subject (a user, or a client
 * address) in a window of {@code window}, counted in token buckets (Bucket4j) of that capacity
 * whose tokens all come back when the window has passed.
 *
 * <p>Each unknown code takes a token from the subject's bucket on this instance, and one from its
 * bucket in PostgreSQL, which every instance shares. The shared bucket is asked after the answer,
 * on a thread of its own, while the subject is far from its limit (an honest shopper's typo costs
 * the request nothing); once the last answer of the shared bucket says {@link #SYNC_BELOW} or fewer
 * tokens are left, the request asks it before it is answered. An instance that found the shared
 * bucket empty refuses the subject's every request until the window frees, without asking again.
 * So a guesser spreading attempts over N instances gets about N more than the limit, and those
 * only while the database lags behind. While the shared buckets cannot be reached (or a request
 * would have to wait for them), each instance's own bucket is the limit.
 */
public final class GuessLimiter {

    private static final Logger LOG = Logger.getLogger(GuessLimiter.class.getName());
    /** HTTP threads that may wait for the shared buckets at once: the others never wait. */
    static final int MAX_SHARED_CALLS = 1;
    /** From this many tokens left (as the shared bucket last said), a request asks it before answering. */
    static final long SYNC_BELOW = 3;
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
    /** What the shared bucket last said was left, by subject. */
    private final Map<String, Long> sharedLeft = new ConcurrentHashMap<>();
    private final Executor background;
    private final Semaphore sharedCalls = new Semaphore(MAX_SHARED_CALLS);
    private volatile long sharedPausedUntil;
    private volatile boolean sharedFailing;

    /**
     * @param shared     the buckets every instance shares, or null for this instance's own only
     * @param background runs the shared bucket's calls that requests do not wait for
     */
    public GuessLimiter(long limit, Duration window, ProxyManager<String> shared, Executor background,
                        LongSupplier nanoTime) {
        this.background = background;
        this.limit = limit;
        this.configuration = BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit).refillIntervally(limit, window))
                .build();
        this.shared = shared;
        this.nanoTime = nanoTime;
        // nanoTime has no fixed origin (it may be negative): "not paused" is "paused until now".
        this.sharedPausedUntil = nanoTime.getAsLong();
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
        if (!mine.isConsumed()) {
            throw block(subject, mine.getNanosToWaitForRefill());
        }
        if (shared == null || nanoTime.getAsLong() - sharedPausedUntil < 0) {
            return;
        }
        Long left = sharedLeft.get(subject);
        if (left != null && left <= SYNC_BELOW && sharedCalls.tryAcquire()) {
            ConsumptionProbe probe;
            try {
                probe = takeShared(subject);
            } finally {
                sharedCalls.release();
            }
            if (probe != null && !probe.isConsumed()) {
                throw block(subject, probe.getNanosToWaitForRefill());
            }
            return;
        }
        try {
            background.execute(() -> {
                ConsumptionProbe probe = takeShared(subject);
                if (probe != null && !probe.isConsumed()) {
                    block(subject, probe.getNanosToWaitForRefill());
                }
            });
        } catch (RejectedExecutionException e) {
            // The background is full: this unknown code counts on this instance only.
        }
    }

    private Throttled block(String subject, long waitNanos) {
        long wait = Math.max(1, waitNanos);
        blockedUntil.put(subject, nanoTime.getAsLong() + wait);
        return refusal(wait);
    }

    /** The shared bucket's answer (also kept as what is left), or null when it cannot be had. */
    private ConsumptionProbe takeShared(String subject) {
        try {
            ConsumptionProbe probe = shared.builder().build(subject, () -> configuration).tryConsumeAndReturnRemaining(1);
            if (sharedLeft.size() >= MAX_LOCAL_SUBJECTS) {
                sharedLeft.clear();
            }
            sharedLeft.put(subject, probe.getRemainingTokens());
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
        local.entrySet().removeIf(entry -> {
            boolean full = entry.getValue().getAvailableTokens() >= limit;
            if (full) {
                sharedLeft.remove(entry.getKey());
            }
            return full;
        });
    }

    public int blockedSubjects() {
        return blockedUntil.size();
    }

    private Throttled refusal(long waitNanos) {
        return new Throttled("too-many-unknown-codes", "Too many unknown coupon codes; try again after the Retry-After seconds.",
                limit, waitNanos);
    }
}
