package io.shopup.coupons.redemption.boundary;

import io.shopup.coupons.platform.http.IdempotencyKeyHeader;
import io.shopup.coupons.problems.MalformedRequestException;
import io.shopup.coupons.redemption.control.IdempotencyStore;
import io.shopup.coupons.redemption.entity.IdempotentCall;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** What the redemption endpoints accept besides the coupon question: keys and ids. */
final class RedemptionRequests {

    static final String IDEMPOTENCY_KEY = IdempotencyKeyHeader.NAME;
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private RedemptionRequests() {
    }

    /**
     * The idempotent call of a request, or null when it has no key and need not have one.
     *
     * @param scope whose keys these are: the caller's API key (two checkouts' keys never meet)
     * @throws MalformedRequestException a key that is required and missing, or malformed
     */
    static IdempotentCall call(String scope, String key, boolean required, String method, String path, byte[] body) {
        if (IdempotencyKeyHeader.check(key, required) == null) {
            return null;
        }
        return new IdempotentCall(scope, key, method, path, IdempotencyStore.hash(body));
    }

    /** A reservation id, or null when the text cannot be one (it is then unknown: 404). */
    static UUID reservationId(String text) {
        return text != null && UUID_TEXT.matcher(text).matches() ? UUID.fromString(text) : null;
    }

    /** A redemption id, or -1 when the text cannot be one. */
    static long redemptionId(String text) {
        if (text == null || text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
