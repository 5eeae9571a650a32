package io.shopup.coupons.couponcache.control;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The changes announced by a run of notifications on the {@code coupon_cache} channel, merged so
 * that each changed row is read once. Payloads (see the V3 migration): {@code coupons:[ids]},
 * {@code usage:[coupon ids]}, {@code users:[ids]}, {@code <kind>:*} for a whole table, and
 * {@code sync:<marker>}, which anyone may send to learn when the cache has caught up.
 */
public final class CacheChanges {

    public static final String CHANNEL = "coupon_cache";

    final Set<Long> coupons = new LinkedHashSet<>();
    final Set<Long> usage = new LinkedHashSet<>();
    final Set<String> users = new LinkedHashSet<>();
    boolean allCoupons;
    boolean allUsage;
    boolean allUsers;
    String syncMarker;

    /** Adds one payload; false when it is not one of ours (it is then ignored). */
    public boolean add(String payload) {
        int colon = payload.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String kind = payload.substring(0, colon);
        String keys = payload.substring(colon + 1);
        if (kind.equals("sync")) {
            syncMarker = keys;
            return true;
        }
        boolean all = keys.equals("*");
        try {
            switch (kind) {
                case "coupons" -> {
                    allCoupons |= all;
                    if (!all) {
                        numbers(keys, coupons);
                    }
                }
                case "usage" -> {
                    allUsage |= all;
                    if (!all) {
                        numbers(keys, usage);
                    }
                }
                case "users" -> {
                    allUsers |= all;
                    if (!all) {
                        for (JsonValue value : array(keys)) {
                            users.add(((JsonString) value).getString());
                        }
                    }
                }
                default -> {
                    return false;
                }
            }
        } catch (JsonException | ClassCastException | IllegalStateException | ArithmeticException
                 | NoSuchElementException e) {
            return false;
        }
        return true;
    }

    public boolean isEmpty() {
        return coupons.isEmpty() && usage.isEmpty() && users.isEmpty() && !allCoupons && !allUsage && !allUsers
                && syncMarker == null;
    }

    private static void numbers(String keys, Set<Long> into) {
        for (JsonValue value : array(keys)) {
            into.add(((JsonNumber) value).longValueExact());
        }
    }

    private static JsonArray array(String json) {
        try (JsonParser parser = Json.createParser(new StringReader(json))) {
            parser.next();
            return parser.getArray();
        }
    }
}
