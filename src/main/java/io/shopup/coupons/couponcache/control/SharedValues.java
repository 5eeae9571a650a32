package io.shopup.coupons.couponcache.control;

import java.util.HashMap;
import java.util.Map;

/**
 * Hands out one instance per distinct value during a load: the million codes of one campaign
 * share their discount, minimum and window, so a coupon costs its code and its record, not five
 * more objects. Bounded, since a load of all-different values would only fill it for nothing.
 */
final class SharedValues {

    private static final int MAX_VALUES = 100_000;

    private final Map<Object, Object> values = new HashMap<>();

    @SuppressWarnings("unchecked")
    <T> T of(T value) {
        if (value == null) {
            return null;
        }
        Object shared = values.get(value);
        if (shared != null) {
            return (T) shared;
        }
        if (values.size() < MAX_VALUES) {
            values.put(value, value);
        }
        return value;
    }
}
