package io.shopup.coupons.couponcache.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The changes announced by a run of notifications on the {@code coupon_cache} channel, merged so
 * that each changed row is read once. Payloads (see the V3 and V5 migrations): {@code coupons:[ids]},
 * {@code users:[ids]}, {@code <kind>:*} for a whole table, {@code usage+:<xid>:<n>:[rows]} and
 * {@code usage-:<xid>:<n>:[rows]} for redemptions added and removed (each row
 * {@code [coupon_id, user_id, order_id]}, kept in order), {@code holds+:} and {@code holds-:} for
 * holds that became or stopped being {@code HELD} (V7), and {@code sync:<marker>}, which anyone
 * may send to learn when the cache has caught up.
 */
public final class CacheChanges {

    public static final String CHANNEL = "coupon_cache";

    /** Looked up once: {@code JSON.createParser} searches the class path for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    final Set<Long> coupons = new LinkedHashSet<>();
    final List<UsageChange> usage = new ArrayList<>();
    final Set<String> users = new LinkedHashSet<>();
    final List<HoldChange> holds = new ArrayList<>();
    boolean allCoupons;
    boolean allUsage;
    boolean allHolds;
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
        if (kind.equals("usage+") || kind.equals("usage-")) {
            return usageRows(keys, kind.equals("usage+") ? 1 : -1);
        }
        if (kind.equals("holds+") || kind.equals("holds-")) {
            return holdRows(keys, kind.equals("holds+"));
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
                    if (!all) {
                        return false;
                    }
                    allUsage = true;
                }
                case "holds" -> {
                    if (!all) {
                        return false;
                    }
                    allHolds = true;
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
        return coupons.isEmpty() && usage.isEmpty() && users.isEmpty() && holds.isEmpty() && !allCoupons
                && !allUsage && !allUsers && !allHolds && syncMarker == null;
    }

    private boolean usageRows(String text, int delta) {
        return rows(text, usage, (xid, row) -> new UsageChange(xid, row.getJsonNumber(0).longValueExact(),
                text(row.get(1)), text(row.get(2)), delta));
    }

    /**
     * Rows added are {@code ["id", coupon_id, "user", "order", expires_ms]}, rows removed
     * {@code ["id", coupon_id, expires_ms]} (before V8 without the expiry).
     */
    private boolean holdRows(String text, boolean added) {
        return rows(text, holds, (xid, row) -> {
            String id = row.getString(0);
            long couponId = row.getJsonNumber(1).longValueExact();
            LiveHolds.Hold hold = added
                    ? new LiveHolds.Hold(id, couponId, row.getString(2), row.getString(3),
                            row.getJsonNumber(4).longValueExact())
                    : new LiveHolds.Hold(id, couponId, null, null,
                            row.size() > 2 ? row.getJsonNumber(2).longValueExact() : 0);
            return new HoldChange(xid, hold, added);
        });
    }

    /**
     * {@code <xid>:<n>:[rows]}, each row read by {@code reader}; the sequence number n only keeps
     * payloads distinct. Nothing is added unless every row reads.
     */
    private static <T> boolean rows(String text, List<T> into, RowReader<T> reader) {
        int xidEnd = text.indexOf(':');
        int rowsStart = xidEnd < 0 ? -1 : text.indexOf(':', xidEnd + 1);
        if (rowsStart < 0) {
            return false;
        }
        List<T> parsed = new ArrayList<>();
        try {
            long xid = Long.parseLong(text.substring(0, xidEnd));
            for (JsonValue value : array(text.substring(rowsStart + 1))) {
                parsed.add(reader.read(xid, (JsonArray) value));
            }
        } catch (JsonException | ClassCastException | IllegalStateException | ArithmeticException
                 | NoSuchElementException | IndexOutOfBoundsException | NumberFormatException e) {
            return false;
        }
        into.addAll(parsed);
        return true;
    }

    private interface RowReader<T> {
        T read(long xid, JsonArray row);
    }

    private static String text(JsonValue value) {
        return value.getValueType() == JsonValue.ValueType.NULL ? null : ((JsonString) value).getString();
    }

    private static void numbers(String keys, Set<Long> into) {
        for (JsonValue value : array(keys)) {
            into.add(((JsonNumber) value).longValueExact());
        }
    }

    private static JsonArray array(String json) {
        try (JsonParser parser = JSON.createParser(new StringReader(json))) {
            parser.next();
            return parser.getArray();
        }
    }
}
