package io.shopup.coupons.redemption.entity;

/**
 * What a redemption endpoint answers, as the idempotency store keeps it: the status, the JSON body
 * (a problem document from 400 up) and the {@code Location} of a created resource.
 *
 * @param replayed          true when this is the stored answer to an earlier request with the same key
 * @param retryAfterSeconds a {@code Retry-After} to send, or 0
 */
public record Answer(int status, String body, String location, boolean replayed, int retryAfterSeconds) {

    public static Answer of(int status, String body) {
        return new Answer(status, body, null, false, 0);
    }

    public static Answer created(String body, String location) {
        return new Answer(201, body, location, false, 0);
    }

    public Answer retryAfter(int seconds) {
        return new Answer(status, body, location, replayed, seconds);
    }

    /** The idempotency store keeps successes and refusals by the rules, never faults. */
    public boolean worthKeeping() {
        return (status >= 200 && status < 300) || status == 422;
    }
}
