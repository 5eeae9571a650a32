package io.shopup.coupons.validation.boundary;

import io.shopup.coupons.coupon.entity.ValidationDecision;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;

/** The decision body of the domain contract; amounts are JSON numbers with two decimals. */
final class DecisionJson {

    private static final JsonProvider JSON = JsonProvider.provider();

    private DecisionJson() {
    }

    static String write(ValidationDecision decision) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject()
                    .write("valid", decision.valid())
                    .write("reason", decision.reason().name())
                    .write("message", decision.reason().message())
                    .write("code", decision.code());
            if (decision.couponType() == null) {
                json.writeNull("couponType");
            } else {
                json.write("couponType", decision.couponType().name());
            }
            json.write("orderValue", decision.orderValue())
                    .write("discount", decision.discount())
                    .write("finalAmount", decision.finalAmount())
                    .writeEnd();
        }
        return out.toString();
    }
}
