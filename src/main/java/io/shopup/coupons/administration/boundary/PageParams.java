package io.shopup.coupons.administration.boundary;

import io.shopup.coupons.coupon.control.InputRules;
import io.shopup.coupons.problems.FieldError;
import java.util.Arrays;
import java.util.List;

/** The query parameters of a page of the Management API, each refused by name when malformed. */
final class PageParams {

    private PageParams() {
    }

    static <E extends Enum<E>> E word(String value, Class<E> type, String name, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        errors.add(FieldError.parameter(name, "must be one of " + Arrays.toString(type.getEnumConstants())));
        return null;
    }

    static String identifier(String value, String name, List<FieldError> errors) {
        if (value != null && !InputRules.isIdentifier(value)) {
            errors.add(FieldError.parameter(name, InputRules.IDENTIFIER_RULE));
            return null;
        }
        return value;
    }

    /** A prefix of codes, normalised as codes are. */
    static String codePrefix(String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        String prefix = InputRules.normaliseCode(value);
        if (prefix == null) {
            errors.add(FieldError.parameter("codePrefix", InputRules.CODE_RULE));
        }
        return prefix;
    }

    static int limit(String value, int fallback, int max, List<FieldError> errors) {
        if (value == null) {
            return fallback;
        }
        int limit = value.matches("[0-9]{1,4}") ? Integer.parseInt(value) : -1;
        if (limit < 1 || limit > max) {
            errors.add(FieldError.parameter("limit", "must be a whole number from 1 to " + max));
            return fallback;
        }
        return limit;
    }

    /** The cursor of {@code after}: the last id of the page before, as the page's {@code next} gave it. */
    static long cursor(String value, List<FieldError> errors) {
        if (value == null) {
            return 0;
        }
        if (value.matches("[0-9]{1,18}")) {
            return Long.parseLong(value);
        }
        errors.add(FieldError.parameter("after", "must be the next cursor of a page before"));
        return 0;
    }
}
