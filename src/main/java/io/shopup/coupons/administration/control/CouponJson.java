package io.shopup.coupons.administration.control;

import io.shopup.coupons.administration.entity.CouponFields;
import io.shopup.coupons.administration.entity.ManagedCoupon;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Coupons as the Management API writes them: the fields in camelCase, ids as strings, amounts with two decimals. */
public final class CouponJson {

    /** Looked up once: {@code Json.create...} searches the class path for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private CouponJson() {
    }

    public static String one(ManagedCoupon coupon) {
        return object(coupon).build().toString();
    }

    /** @param next the cursor of the next page, or null on the last */
    public static String page(List<ManagedCoupon> coupons, String next) {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        coupons.forEach(c -> items.add(object(c)));
        JsonObjectBuilder page = JSON.createObjectBuilder().add("items", items);
        return (next == null ? page.addNull("next") : page.add("next", next)).build().toString();
    }

    static JsonObjectBuilder object(ManagedCoupon c) {
        CouponFields f = c.fields();
        JsonObjectBuilder json = JSON.createObjectBuilder().add("id", String.valueOf(c.id())).add("code", f.code())
                .add("type", f.type().name());
        text(json, "userId", f.userId());
        json.add("status", f.status().name()).add("discountType", f.discountType().name());
        amount(json, "discountValue", f.discountValue());
        amount(json, "maxDiscount", f.maxDiscount());
        amount(json, "minOrderValue", f.minOrderValue());
        count(json, "usageLimit", f.usageLimit());
        count(json, "perUserLimit", f.perUserLimit());
        time(json, "validFrom", f.validFrom());
        time(json, "validUntil", f.validUntil());
        time(json, "createdAt", c.createdAt());
        time(json, "updatedAt", c.updatedAt());
        text(json, "batchId", c.batchId() == null ? null : c.batchId().toString());
        return json.add("redeemed", c.redeemed()).add("held", c.held());
    }

    private static void text(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    private static void amount(JsonObjectBuilder json, String name, BigDecimal value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value.setScale(2));
        }
    }

    private static void count(JsonObjectBuilder json, String name, Integer value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    private static void time(JsonObjectBuilder json, String name, Instant value) {
        text(json, name, value == null ? null : value.toString());
    }
}
