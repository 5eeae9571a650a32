package io.shopup.coupons.couponcache.control;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The notifications a writer announces for its own committed changes, in the formats the triggers
 * use and {@link CacheChanges} reads: {@code usage+}, {@code usage-}, {@code holds+}, {@code holds-},
 * each with the writing transaction's id. The number after it only keeps payloads distinct
 * (PostgreSQL folds equal payloads of one transaction into one).
 */
public final class Announcements {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() & 0xFFFF_FFFFL);

    private Announcements() {
    }

    public static String usageAdded(String xid, long couponId, String userId, String orderId) {
        return usage("usage+", xid, couponId, userId, orderId);
    }

    public static String usageRemoved(String xid, long couponId, String userId, String orderId) {
        return usage("usage-", xid, couponId, userId, orderId);
    }

    public static String holdAdded(String xid, String id, long couponId, String userId, String orderId,
                                   long expiresAtMs) {
        return payload("holds+", xid, row -> row.write(id).write(couponId).write(userId).write(orderId)
                .write(expiresAtMs));
    }

    public static String holdRemoved(String xid, String id, long couponId, long expiresAtMs) {
        return payload("holds-", xid, row -> row.write(id).write(couponId).write(expiresAtMs));
    }

    private static String usage(String kind, String xid, long couponId, String userId, String orderId) {
        return payload(kind, xid, row -> {
            row.write(couponId);
            text(row, userId);
            text(row, orderId);
        });
    }

    private static void text(JsonGenerator row, String value) {
        if (value == null) {
            row.writeNull();
        } else {
            row.write(value);
        }
    }

    private static String payload(String kind, String xid, Consumer<JsonGenerator> row) {
        StringWriter rows = new StringWriter(96);
        try (JsonGenerator json = JSON.createGenerator(rows)) {
            json.writeStartArray().writeStartArray();
            row.accept(json);
            json.writeEnd().writeEnd();
        }
        return kind + ":" + xid + ":" + SEQUENCE.incrementAndGet() + ":" + rows;
    }
}
