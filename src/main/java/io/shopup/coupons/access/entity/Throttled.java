package io.shopup.coupons.access.entity;

/**
 * A request refused by an abuse limit: answered {@code 429} with {@code Retry-After} and the
 * {@code RateLimit-*} headers, and not a validation decision (so not logged as one).
 *
 * @param limit           the limit's capacity ({@code RateLimit-Limit})
 * @param retryAfterNanos how long until a request may succeed again
 */
public class Throttled extends RuntimeException {

    private final String type;
    private final String detail;
    private final long limit;
    private final long retryAfterNanos;

    public Throttled(String type, String detail, long limit, long retryAfterNanos) {
        super(detail, null, false, false);
        this.type = type;
        this.detail = detail;
        this.limit = limit;
        this.retryAfterNanos = retryAfterNanos;
    }

    public String type() {
        return type;
    }

    public String detail() {
        return detail;
    }

    public long limit() {
        return limit;
    }

    /** Whole seconds, rounded up, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfterNanos + 999_999_999L) / 1_000_000_000L);
    }
}
