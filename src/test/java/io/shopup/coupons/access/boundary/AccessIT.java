package io.shopup.coupons.access.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.access.entity.Audience;
import io.shopup.coupons.devserver.JwtIssuer;
import io.shopup.coupons.testsupport.Api;
import io.shopup.coupons.testsupport.Checkout;
import io.shopup.coupons.testsupport.DeployedService;
import io.shopup.coupons.testsupport.Endpoints;
import io.shopup.coupons.testsupport.Eventually;
import io.shopup.coupons.testsupport.TestCredentials;
import io.shopup.coupons.testsupport.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may call what (DOMAIN.md): every endpoint the service has, found in its classes, called with
 * every kind of wrong credential, answers 401 or 403 with a problem document that says nothing about
 * what exists, and changes nothing; the right credential gets through.
 */
class AccessIT extends DeployedService {

    private static final String JSON_BODY = "{}";

    /** The contract's table: which callers an endpoint is for. An endpoint it does not name fails the test. */
    static Audience contract(Endpoints.Endpoint endpoint) {
        String path = endpoint.template();
        if (path.startsWith("api/coupons/validate") || path.startsWith("api/reservations")
                || path.startsWith("api/redemptions")) {
            return Audience.CHECKOUT;
        }
        if (path.matches("api/coupons/\\{code}/stats") || path.startsWith("api/validation-logs")) {
            return Audience.READER;
        }
        if (path.startsWith("api/admin/")) {
            return endpoint.method().equals("GET") ? Audience.READER : Audience.ADMIN;
        }
        throw new AssertionError(endpoint + " is in no row of the contract's table of who may call what");
    }

    /** One kind of caller: its Authorization header (null: none) and what each audience answers it. */
    record Caller(String name, String authorization, Map<Audience, Integer> expected) {
    }

    private static final int ALLOWED = 0;

    static Map<Audience, Integer> answers(int checkout, int reader, int admin) {
        return Map.of(Audience.CHECKOUT, checkout, Audience.READER, reader, Audience.ADMIN, admin);
    }

    @Test
    void everyEndpointAnswersEachKindOfCallerAsTheContractSays() throws Exception {
        String revoked = revokedKey();
        JwtIssuer issuer = TestCredentials.issuer();
        JwtIssuer stranger = JwtIssuer.generate(TestCredentials.ISSUER);
        Instant past = Instant.now().minus(Duration.ofHours(2));
        List<Caller> callers = List.of(
                new Caller("no credentials", null, answers(401, 401, 401)),
                new Caller("a scheme without a credential", "ApiKey", answers(401, 401, 401)),
                new Caller("basic authentication", "Basic YWRtaW46YWRtaW4=", answers(401, 401, 401)),
                new Caller("an unknown key", "ApiKey ck_" + "x".repeat(43), answers(401, 401, 401)),
                new Caller("a revoked key", "ApiKey " + revoked, answers(401, 401, 401)),
                new Caller("an expired token", "Bearer " + issuer.token("someone", past, past.plusSeconds(60),
                        Audience.ADMIN_GROUP), answers(401, 401, 401)),
                new Caller("a token signed by another key", "Bearer " + stranger.token("someone", Duration.ofMinutes(5),
                        Audience.ADMIN_GROUP), answers(401, 401, 401)),
                new Caller("a token that is no token", "Bearer not.a.token", answers(401, 401, 401)),
                new Caller("a token without groups", "Bearer " + issuer.token("someone", Duration.ofMinutes(5)),
                        answers(401, 403, 403)),
                new Caller("an analyst", TestCredentials.analystAuthorization(), answers(401, ALLOWED, 403)),
                new Caller("an admin", TestCredentials.adminAuthorization(), answers(401, ALLOWED, ALLOWED)),
                new Caller("a checkout key", TestCredentials.checkoutAuthorization(), answers(ALLOWED, 401, 401)));

        // The refusals first, then the allowed calls: those may change things (an admin's PUT of a user).
        String before = state();
        List<String> wrong = new ArrayList<>(ask(callers, false));
        assertEquals(before, state(), "refused requests changed nothing");
        wrong.addAll(ask(callers, true));
        assertTrue(wrong.isEmpty(), wrong.size() + " wrong answers:\n" + String.join("\n", wrong));
    }

    /** Asks every endpoint as each caller that the endpoint refuses ({@code allowed} false) or admits; what is wrong. */
    private List<String> ask(List<Caller> callers, boolean allowed) throws Exception {
        Api anonymous = api.anonymous();
        List<String> wrong = new ArrayList<>();
        for (Endpoints.Endpoint endpoint : Endpoints.all()) {
            Audience audience = contract(endpoint);
            Map<String, String> refusals = new LinkedHashMap<>();
            for (Caller caller : callers) {
                if ((caller.expected().get(audience) == ALLOWED) != allowed) {
                    continue;
                }
                String[] headers = caller.authorization() == null
                        ? new String[] {"Idempotency-Key", "k-1"}
                        : new String[] {"Idempotency-Key", "k-1", "Authorization", caller.authorization()};
                Api.Reply reply;
                try {
                    reply = anonymous.call(endpoint.method(), endpoint.path(), body(endpoint), headers);
                } catch (RuntimeException e) {
                    wrong.add(endpoint + " (" + audience + ") with " + caller.name() + ": no answer: " + e);
                    continue;
                }
                int expected = caller.expected().get(audience);
                String problem = check(reply, expected);
                if (problem != null) {
                    wrong.add(endpoint + " (" + audience + ") with " + caller.name() + ": " + problem);
                }
                if (reply.status() == 401 && caller.authorization() != null && caller.authorization().startsWith("ApiKey")) {
                    refusals.put(caller.name(), reply.body());
                }
            }
            if (refusals.values().stream().distinct().count() > 1) {
                wrong.add(endpoint + ": refused keys answer differently, telling which exist: " + refusals);
            }
        }
        return wrong;
    }

    @Test
    void healthMetricsAndTheApiDescriptionNeedNoCredentials() {
        for (String path : List.of("/health/ready", "/health/live", "/health")) {
            int status = api.anonymous().get(path).status();
            assertTrue(status == 200 || status == 503, path + " answered " + status);
        }
        // The contract's open endpoints besides health: metrics and the API description with its UI.
        for (String path : List.of("metrics", "openapi", "openapi-ui/", "openapi-ui/swagger-initializer.js")) {
            assertEquals(200, api.anonymous().get(path).status(), path);
        }
    }

    @Test
    void aCreatedKeyWorksAtOnceAndItsSecretIsShownOnlyOnce() {
        Api.Reply created = api.call("POST", "api/admin/api-keys", "{\"name\":\"shop-eu\"}");
        assertEquals(201, created.status(), created.body());
        String id = created.json().getString("id");
        String secret = created.json().getString("secret");
        assertTrue(created.header("Location").endsWith("api/admin/api-keys/" + id), created.header("Location"));
        assertTrue(secret.length() >= 40, secret);
        assertEquals(0, TestData.count("SELECT count(*) FROM api_keys WHERE encode(secret_hash, 'escape') LIKE ?",
                "%" + secret + "%"), "the table keeps a hash, not the secret");

        assertTrue(Eventually.within(Duration.ofSeconds(2), () -> validateWith(secret) == 200), "the new key works");
        Api.Reply list = api.get("api/admin/api-keys");
        assertEquals(200, list.status(), list.body());
        assertTrue(list.body().contains(id) && list.body().contains("shop-eu"), list.body());
        assertTrue(!list.body().contains(secret) && !list.body().contains("secret"), "the list shows no secret: " + list.body());

        Api.Reply nameless = api.call("POST", "api/admin/api-keys", "{\"name\":\"\"}");
        assertEquals(400, nameless.status(), nameless.body());
        assertTrue(nameless.body().contains("\"field\":\"name\""), nameless.body());
        Api.Reply typo = api.call("POST", "api/admin/api-keys", "{\"name\":\"shop-us\",\"scope\":\"all\"}");
        assertEquals(400, typo.status(), typo.body());
        assertTrue(typo.body().contains("\"field\":\"scope\""), typo.body());
        assertEquals(0, TestData.count("SELECT count(*) FROM api_keys WHERE name = ?", "shop-us"), "nothing created");
        assertEquals(404, api.call("DELETE", "api/admin/api-keys/00000000-0000-4000-8000-000000000009", null).status());
    }

    /** The tests' service counts guesses in a window of 3 s (the pom), 10 of them. */
    @Test
    void theEleventhUnknownCodeOfAUserIsRefusedUntilTheWindowPasses() {
        String guesser = TestData.user(TestData.uniqueUser());
        String other = TestData.user(TestData.uniqueUser());
        String known = TestData.uniqueCode("KNOWN");
        TestData.timeCoupon(known, Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400)).insert();
        for (int i = 0; i < 10; i++) {
            Api.Reply reply = api.validate(Api.body(TestData.uniqueCode("GUESS"), guesser, "100", null));
            assertEquals(200, reply.status(), reply.body());
            assertEquals("COUPON_NOT_FOUND", reply.json().getString("reason"));
        }
        Api.Reply refused = api.validate(Api.body(TestData.uniqueCode("GUESS"), guesser, "100", null));
        assertEquals(429, refused.status(), refused.body());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertTrue(refused.body().contains("urn:problem-type:coupons:too-many-unknown-codes"), refused.body());
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3, "Retry-After " + retryAfter);
        assertEquals("10", refused.header("RateLimit-Limit"));
        assertEquals("0", refused.header("RateLimit-Remaining"));
        assertEquals(String.valueOf(retryAfter), refused.header("RateLimit-Reset"));

        assertEquals(429, api.validate(Api.body(known, guesser, "100", null)).status(), "every validation, until the window frees");
        assertEquals(429, new Checkout(api).hold(known, guesser, "order-g").status(), "holds too");
        assertEquals(429, new Checkout(api).redeem(known, guesser, "order-g").status(), "and redemptions");
        Api.Reply another = api.validate(Api.body(TestData.uniqueCode("GUESS"), other, "100", null));
        assertEquals("COUPON_NOT_FOUND", another.json().getString("reason"), "another user is not affected");

        assertTrue(Eventually.within(Duration.ofSeconds(10),
                () -> api.validate(Api.body(known, guesser, "100", null)).status() == 200), "after the window it works again");
        // Refused requests are no decisions: the log has the 10 unknown codes and the one after the window.
        assertTrue(Eventually.within(Duration.ofSeconds(10),
                () -> TestData.count("SELECT count(*) FROM validation_logs WHERE user_id = ?", guesser) >= 11));
        assertEquals(11, TestData.count("SELECT count(*) FROM validation_logs WHERE user_id = ?", guesser));
    }

    /** A key created and revoked; returned once the service refuses it. */
    private String revokedKey() {
        Api.Reply created = api.call("POST", "api/admin/api-keys", "{\"name\":\"to-revoke\"}");
        assertEquals(201, created.status(), created.body());
        String secret = created.json().getString("secret");
        assertTrue(Eventually.within(Duration.ofSeconds(2), () -> validateWith(secret) == 200), "the new key works");
        Api.Reply revoked = api.call("DELETE", "api/admin/api-keys/" + created.json().getString("id"), null);
        assertEquals(204, revoked.status(), revoked.body());
        assertTrue(Eventually.within(Duration.ofSeconds(1), () -> validateWith(secret) == 401),
                "refused within a second of its revocation");
        Api.Reply listed = api.get("api/admin/api-keys");
        assertTrue(listed.body().contains("\"revokedAt\":\"20"), listed.body());
        return secret;
    }

    private int validateWith(String secret) {
        return api.anonymous().call("POST", "api/coupons/validate",
                Api.body("SAVE10", "u-1", "10.00", null), "Authorization", "ApiKey " + secret).status();
    }

    private static String body(Endpoints.Endpoint endpoint) {
        return endpoint.method().equals("POST") || endpoint.method().equals("PUT") || endpoint.method().equals("PATCH")
                ? JSON_BODY : null;
    }

    /** Null when the reply is what was expected, else what is wrong with it. */
    private static String check(Api.Reply reply, int expected) {
        if (expected == ALLOWED) {
            return reply.status() == 401 || reply.status() == 403 ? "refused with " + reply.status() + " " + reply.body() : null;
        }
        if (reply.status() != expected) {
            return "answered " + reply.status() + " instead of " + expected + ": " + reply.body();
        }
        if (!reply.contentType().startsWith("application/problem+json")) {
            return "no problem document: " + reply.contentType() + " " + reply.body();
        }
        String type = expected == 401 ? "unauthorized" : "forbidden";
        if (!reply.body().contains("\"type\":\"urn:problem-type:coupons:" + type + "\"")) {
            return "not of type " + type + ": " + reply.body();
        }
        String challenge = reply.header("WWW-Authenticate");
        if (expected == 401 && (challenge == null || !challenge.matches("(ApiKey|Bearer) realm=\"coupons\".*"))) {
            return "no WWW-Authenticate challenge: " + challenge;
        }
        return null;
    }

    /** What a refused request must not change. */
    private static String state() {
        return TestData.rows("SELECT (SELECT count(*) FROM api_keys), (SELECT count(*) FROM coupon_reservations),"
                + " (SELECT count(*) FROM coupon_usage), (SELECT count(*) FROM coupon_usage_rollbacks),"
                + " (SELECT count(*) FROM idempotency_keys), (SELECT count(*) FROM users), (SELECT count(*) FROM coupons)");
    }
}
