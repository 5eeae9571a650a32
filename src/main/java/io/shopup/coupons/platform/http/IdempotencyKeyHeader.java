package io.shopup.coupons.platform.http;

import io.shopup.coupons.problems.FieldError;
import io.shopup.coupons.problems.MalformedRequestException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The {@code Idempotency-Key} request header: 1 to 255 printable ASCII characters (DOMAIN.md, "Idempotency"). */
public final class IdempotencyKeyHeader {

    public static final String NAME = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x20-\\x7E]{1,255}");

    private IdempotencyKeyHeader() {
    }

    /**
     * @return the key, or null when there is none and none is required
     * @throws MalformedRequestException a key that is required and missing, or malformed
     */
    public static String check(String key, boolean required) {
        Optional<FieldError> error = error(key, required);
        if (error.isPresent()) {
            throw MalformedRequestException.badRequest("The " + NAME + " header is "
                    + (key == null ? "required" : "malformed") + ".", List.of(error.get()));
        }
        return key;
    }

    /** What is wrong with the header, for a request that reports it beside the errors of its body. */
    public static Optional<FieldError> error(String key, boolean required) {
        if (key == null ? required : !KEY.matcher(key).matches()) {
            return Optional.of(FieldError.header(NAME, "must be 1 to 255 printable ASCII characters"));
        }
        return Optional.empty();
    }
}
