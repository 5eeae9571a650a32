package io.shopup.coupons.redemption.control;

import io.shopup.coupons.coupon.entity.Reason;
import io.shopup.coupons.problems.ProblemResponses;
import io.shopup.coupons.redemption.entity.Answer;
import io.shopup.coupons.redemption.entity.Redemption;
import io.shopup.coupons.redemption.entity.Reservation;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The bodies of the redemption endpoints: reservations, redemptions and their problem documents. */
public final class AnswerJson {

    private static final JsonProvider JSON = JsonProvider.provider();

    private AnswerJson() {
    }

    /** @param now the status of a hold past its expiry reads {@code EXPIRED} */
    public static String reservation(Reservation r, Instant now) {
        return write(json -> {
            json.write("id", r.id().toString()).write("status", r.statusAt(now).name()).write("code", r.code())
                    .write("userId", r.userId()).write("orderId", r.orderId()).write("orderValue", r.orderValue())
                    .write("discount", r.discount()).write("finalAmount", r.finalAmount())
                    .write("expiresAt", r.expiresAt().toString());
            if (r.usageId() != null) {
                json.write("redemptionId", String.valueOf(r.usageId()));
            }
        });
    }

    public static String redemption(Redemption r) {
        return write(json -> {
            json.write("id", String.valueOf(r.id())).write("status", r.rolledBack() ? "ROLLED_BACK" : "REDEEMED")
                    .write("code", r.code()).write("userId", r.userId());
            text(json, "orderId", r.orderId());
            amount(json, "orderValue", r.orderValue());
            amount(json, "discount", r.discount());
            amount(json, "finalAmount", r.finalAmount());
            text(json, "redeemedAt", r.redeemedAt() == null ? null : r.redeemedAt().toString());
            if (r.rolledBack()) {
                json.write("rolledBackAt", r.rolledBackAt().toString());
                text(json, "reason", r.reason());
            }
        });
    }

    /** {@code 422 not-applicable}: the coupon does not apply, with the rule's reason. */
    public static Answer notApplicable(Reason reason) {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("reason", reason.name());
        members.put("message", reason.message());
        return Answer.of(422, ProblemResponses.json(422, "not-applicable", "Coupon not applicable", reason.message(),
                List.of(), members));
    }

    public static Answer problem(int status, String type, String title, String detail) {
        return Answer.of(status, ProblemResponses.json(status, type, title, detail, List.of()));
    }

    public static Answer notFound(String what) {
        return problem(404, "not-found", "Not found", "No " + what + " has this id.");
    }

    private static void text(JsonGenerator json, String name, String value) {
        if (value == null) {
            json.writeNull(name);
        } else {
            json.write(name, value);
        }
    }

    private static void amount(JsonGenerator json, String name, BigDecimal value) {
        if (value == null) {
            json.writeNull(name);
        } else {
            json.write(name, value);
        }
    }

    private static String write(Consumer<JsonGenerator> fields) {
        StringWriter out = new StringWriter(320);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            fields.accept(json);
            json.writeEnd();
        }
        return out.toString();
    }
}
