package io.shopup.coupons.validationlog.control;

import io.shopup.coupons.validationlog.entity.LogRecord;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;

/** One record as one line of JSON: the spill file's format, and the dead-letter table's. */
public final class LogRecordJson {

    private static final JsonProvider JSON = JsonProvider.provider();

    private LogRecordJson() {
    }

    public static String write(LogRecord record) {
        StringWriter out = new StringWriter(320);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            writeFields(json, record);
            json.writeEnd();
        }
        return out.toString();
    }

    /** Writes the record's fields into the object the generator is in. */
    public static void writeFields(JsonGenerator json, LogRecord r) {
        text(json, "couponCode", r.couponCode());
        text(json, "userId", r.userId());
        text(json, "orderId", r.orderId());
        number(json, "orderValue", r.orderValue());
        json.write("valid", r.valid());
        text(json, "reason", r.reason());
        number(json, "discountApplied", r.discountApplied());
        number(json, "finalAmount", r.finalAmount());
        text(json, "ipAddress", r.ipAddress());
        text(json, "userAgent", r.userAgent());
        number(json, "responseTimeMs", r.responseTimeMs());
        text(json, "validatedAt", r.validatedAt() == null ? null : r.validatedAt().toString());
        if (r.couponId() == null) {
            json.writeNull("couponId");
        } else {
            json.write("couponId", r.couponId());
        }
    }

    public static LogRecord read(String line) {
        JsonObject o = JSON.createReader(new StringReader(line)).readObject();
        return new LogRecord(text(o, "couponCode"), text(o, "userId"), text(o, "orderId"),
                number(o, "orderValue"), o.getBoolean("valid"), text(o, "reason"),
                number(o, "discountApplied"), number(o, "finalAmount"), text(o, "ipAddress"),
                text(o, "userAgent"), number(o, "responseTimeMs"),
                o.isNull("validatedAt") ? null : Instant.parse(o.getString("validatedAt")),
                o.isNull("couponId") ? null : o.getJsonNumber("couponId").longValue());
    }

    private static void text(JsonGenerator json, String name, String value) {
        if (value == null) {
            json.writeNull(name);
        } else {
            json.write(name, value);
        }
    }

    private static void number(JsonGenerator json, String name, BigDecimal value) {
        if (value == null) {
            json.writeNull(name);
        } else {
            json.write(name, value);
        }
    }

    private static String text(JsonObject o, String name) {
        JsonValue value = o.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : o.getString(name);
    }

    private static BigDecimal number(JsonObject o, String name) {
        JsonValue value = o.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL
                ? null : o.getJsonNumber(name).bigDecimalValue();
    }
}
