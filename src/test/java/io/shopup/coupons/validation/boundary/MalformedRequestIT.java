package io.shopup.coupons.validation.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.Api;
import io.shopup.coupons.testsupport.DeployedService;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Malformed input gets a 4xx problem document naming the offending fields, never a 500 or a stack trace. */
class MalformedRequestIT extends DeployedService {

    private static final String JSON = "application/json";
    private static final String VALID_REST = "\"userId\":\"user_0000001\",\"orderValue\":10";


    @Test
    void refusesBodiesThatAreNotAJsonObject() {
        assertProblem(400, send(""));
        assertProblem(400, send("{\"code\":"));
        assertProblem(400, send("[]"));
        assertProblem(400, send("null"));
        assertProblem(400, send("\"USER-TEST\""));
        assertProblem(400, api.validate(JSON, new byte[] {'{', '"', 'c', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}));
    }

    @Test
    void namesTheMissingFields() {
        assertProblem(400, send("{}"), "code", "userId", "orderValue");
        assertProblem(400, send("{\"code\":null,\"userId\":\"user_0000001\",\"orderValue\":10}"), "code");
    }

    @Test
    void refusesWrongTypes() {
        assertProblem(400, send("{\"code\":123," + VALID_REST + "}"), "code");
        assertProblem(400, send("{\"code\":\"A\",\"userId\":7,\"orderValue\":10}"), "userId");
        assertProblem(400, send("{\"code\":\"A\",\"userId\":\"u\",\"orderValue\":\"100\"}"), "orderValue");
        assertProblem(400, send("{\"code\":\"A\",\"userId\":\"u\",\"orderValue\":true}"), "orderValue");
        assertProblem(400, send("{\"code\":\"A\"," + VALID_REST + ",\"orderId\":42}"), "orderId");
    }

    @Test
    void refusesOrderValuesOutsideTheContract() {
        for (String value : new String[] {"-5", "0", "0.00", "10.005", "1000000000.01", "1e10", "0.001"}) {
            assertProblem(400, send("{\"code\":\"A\",\"userId\":\"u\",\"orderValue\":" + value + "}"), "orderValue");
        }
    }

    @Test
    void refusesCodesAndIdsOutsideTheContract() {
        assertProblem(400, send("{\"code\":\"BAD CODE!\"," + VALID_REST + "}"), "code");
        assertProblem(400, send("{\"code\":\"" + "A".repeat(65) + "\"," + VALID_REST + "}"), "code");
        assertProblem(400, send("{\"code\":\"   \"," + VALID_REST + "}"), "code");
        assertProblem(400, send("{\"code\":\"AB\\u0000C\"," + VALID_REST + "}"), "code");
        assertProblem(400, send("{\"code\":\"A\",\"userId\":\"us\\u0000er\",\"orderValue\":10}"), "userId");
        assertProblem(400, send("{\"code\":\"A\",\"userId\":\"\",\"orderValue\":10}"), "userId");
        assertProblem(400, send("{\"code\":\"A\",\"userId\":\"" + "u".repeat(65) + "\",\"orderValue\":10}"), "userId");
        assertProblem(400, send("{\"code\":\"A\"," + VALID_REST + ",\"orderId\":\"\"}"), "orderId");
    }

    @Test
    void namesEveryOffendingFieldAtOnce() {
        assertProblem(400, send("{\"code\":\"no way\",\"userId\":\"\",\"orderValue\":-1,\"orderId\":\"\"}"),
                "code", "userId", "orderValue", "orderId");
    }

    @Test
    void refusesOtherContentTypes() {
        byte[] body = ("{\"code\":\"A\"," + VALID_REST + "}").getBytes(StandardCharsets.UTF_8);
        assertProblem(415, api.validate("text/plain", body));
        assertProblem(415, api.validate(null, body));
        assertProblem(415, api.validate("application/json; charset=ISO-8859-1", body));
    }

    @Test
    void refusesBodiesOver16KiB() {
        String padding = "x".repeat(17 * 1024);
        assertProblem(413, send("{\"code\":\"A\"," + VALID_REST + ",\"padding\":\"" + padding + "\"}"));
    }

    @Test
    void answersUnknownPathsAndMethodsWithProblems() {
        assertProblem(404, api.get("api/nothing-here"));
        Api.Reply wrongMethod = api.get("api/coupons/validate");
        assertProblem(405, wrongMethod);
        assertNotNull(wrongMethod.header("Allow"));
    }

    private Api.Reply send(String json) {
        return api.validate(JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertProblem(int status, Api.Reply reply, String... fields) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        JsonObject problem = reply.json();
        assertEquals(status, problem.getInt("status"));
        assertFalse(problem.getString("title").isBlank());
        assertFalse(reply.body().contains("Exception") || reply.body().contains("\tat "), reply.body());
        if (fields.length > 0) {
            Set<String> named = problem.getJsonArray("errors").stream()
                    .map(JsonValue::asJsonObject)
                    .map(error -> error.getString("field"))
                    .collect(Collectors.toSet());
            assertEquals(Stream.of(fields).collect(Collectors.toSet()), named, reply.body());
        }
    }
}
