package io.shopup.coupons.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldErrorTest {

    @Test
    void aBodyMemberIsAJsonPointerInAUriFragment() {
        assertEquals("#/orderValue", new FieldError("orderValue", "is required").pointer());
        // RFC 6901's escapes, then what a fragment does not allow percent-encoded (RFC 3986).
        assertEquals("#/a~1b~0c", new FieldError("a/b~c", "x").pointer());
        assertEquals("#/a.b", new FieldError("a.b", "x").pointer(), "a dot in a top-level name is part of it");
        assertEquals("#/with%20space%22%C3%A9", new FieldError("with space\"\u00e9", "x").pointer());
    }

    @Test
    void aTemplateFieldPointsIntoItsObject() {
        FieldError nested = FieldError.at("coupon.", "userId", "names no user");
        assertEquals("coupon.userId", nested.field());
        assertEquals("#/coupon/userId", nested.pointer());
        assertEquals(new FieldError("code", "x"), FieldError.at("", "code", "x"));
    }

    @Test
    void parametersAndHeadersAreNamedNotPointedAt() {
        JsonObject problem = Json.createReader(new StringReader(ProblemResponses.json(400, "malformed-request",
                "Malformed request", "d", List.of(FieldError.parameter("limit", "too big"),
                        FieldError.header("Idempotency-Key", "is required"), FieldError.nested("coupon", "code", "bad")))))
                .readObject();
        JsonObject parameter = problem.getJsonArray("errors").getJsonObject(0);
        assertEquals("limit", parameter.getString("parameter"));
        assertFalse(parameter.containsKey("pointer"));
        JsonObject header = problem.getJsonArray("errors").getJsonObject(1);
        assertEquals("Idempotency-Key", header.getString("header"));
        assertNull(FieldError.header("Idempotency-Key", "x").pointer());
        assertEquals("#/coupon/code", problem.getJsonArray("errors").getJsonObject(2).getString("pointer"));
    }
}
