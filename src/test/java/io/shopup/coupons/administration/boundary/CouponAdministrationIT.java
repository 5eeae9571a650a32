package io.shopup.coupons.administration.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.Api;
import io.shopup.coupons.testsupport.CacheSync;
import io.shopup.coupons.testsupport.Checkout;
import io.shopup.coupons.testsupport.DeployedService;
import io.shopup.coupons.testsupport.Eventually;
import io.shopup.coupons.testsupport.TestData;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Coupons through the Management API: create, read, page, merge-patch, delete; what validation sees of it. */
class CouponAdministrationIT extends DeployedService {

    static String coupon(String code) {
        return """
                {"code":"%s","type":"TIME_SPECIFIC","discountType":"PERCENT","discountValue":10,"maxDiscount":20,
                 "validFrom":"2020-01-01T00:00:00Z","validUntil":"2099-01-01T00:00:00Z","usageLimit":3}""".formatted(code);
    }

    Api.Reply create(String json) {
        return api.call("POST", "api/admin/coupons", json);
    }

    Api.Reply patch(String code, String json) {
        return api.call("PATCH", "api/admin/coupons/" + code, "application/merge-patch+json",
                json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCreatedCouponIsReadBackAndValidatesAtOnce() {
        String code = TestData.uniqueCode("ADM");
        Api.Reply created = create(coupon(code.toLowerCase()));
        assertEquals(201, created.status(), created.body());
        assertTrue(created.header("Location").endsWith("api/admin/coupons/" + code), created.header("Location"));
        JsonObject body = created.json();
        assertEquals(code, body.getString("code"), "stored normalised");
        assertEquals("ACTIVE", body.getString("status"));
        assertEquals(1, body.getInt("perUserLimit"), "the column's default");
        assertEquals("20.00", body.getJsonNumber("maxDiscount").toString());
        assertEquals(0, body.getInt("redeemed"));

        Api.Reply read = api.get("api/admin/coupons/" + code.toLowerCase());
        assertEquals(200, read.status());
        assertEquals(body, read.json());

        String user = TestData.user(TestData.uniqueUser());
        // Polling an unknown code would count as guessing: the cache's own marker tells when it has caught up.
        long start = System.nanoTime();
        CacheSync.await();
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1_000, "in the cache within 1 s");
        assertEquals("VALID", api.validate(Api.body(code, user, "100", null)).json().getString("reason"));

        Api.Reply again = create(coupon(code));
        assertEquals(409, again.status());
        assertEquals("urn:problem-type:coupons:code-exists", again.json().getString("type"));
    }

    @Test
    void brokenRulesAreNamedBeforeTheDatabase() {
        Api.Reply refused = create("""
                {"code":"bad code","type":"TIME_SPECIFIC","discountType":"PERCENT","discountValue":120,
                 "validFrom":"2027-02-01T00:00:00Z","validUntil":"2027-01-01T00:00:00Z","usageLimit":-1,"colour":"red"}""");
        assertEquals(400, refused.status(), refused.body());
        assertEquals(Set.of("code", "usageLimit", "colour"), fields(refused), "what cannot be read is named first");

        Api.Reply rules = create("""
                {"code":"RULES-1","type":"TIME_SPECIFIC","discountType":"PERCENT","discountValue":120,
                 "validFrom":"2027-02-01T00:00:00Z","validUntil":"2027-01-01T00:00:00Z"}""");
        assertEquals(400, rules.status(), rules.body());
        assertEquals(Set.of("discountValue", "validUntil"), fields(rules));

        Api.Reply nobody = create("""
                {"code":"RULES-2","type":"USER_SPECIFIC","userId":"nobody-at-all","discountType":"FIXED","discountValue":5}""");
        assertEquals(400, nobody.status(), nobody.body());
        assertEquals(Set.of("userId"), fields(nobody));
        assertEquals(415, api.call("POST", "api/admin/coupons", "text/plain", "{}".getBytes()).status());
        assertEquals(400, api.call("POST", "api/admin/coupons", "application/json", "{".getBytes()).status());
        assertEquals(0, TestData.count("SELECT count(*) FROM coupons WHERE code LIKE 'RULES-%'"));
    }

    @Test
    void aMergePatchChangesWhatItNamesClearsNullsAndReachesValidation() {
        String code = TestData.uniqueCode("PATCH");
        assertEquals(201, create(coupon(code)).status());
        Api.Reply patched = patch(code, "{\"maxDiscount\":null,\"discountValue\":15}");
        assertEquals(200, patched.status(), patched.body());
        JsonObject body = patched.json();
        assertEquals(JsonValue.NULL, body.get("maxDiscount"), "null clears");
        assertEquals("15.00", body.getJsonNumber("discountValue").toString());
        assertEquals(3, body.getInt("usageLimit"), "absent stays");
        assertEquals("2099-01-01T00:00:00Z", body.getString("validUntil"));

        Api.Reply fixed = patch(code, "{\"code\":\"OTHER\",\"type\":\"USER_SPECIFIC\",\"validUntil\":null}");
        assertEquals(400, fixed.status());
        assertEquals(Set.of("code", "type"), fields(fixed));
        Api.Reply window = patch(code, "{\"validUntil\":null}");
        assertEquals(Set.of("validUntil"), fields(window), "a TIME_SPECIFIC coupon keeps its window");
        assertEquals(415, api.call("PATCH", "api/admin/coupons/" + code, "{}").status(), "merge-patch+json only");
        for (String type : List.of("*/*", "application/*", "application/merge-patch+json; charset=ISO-8859-1")) {
            assertEquals(415, api.call("PATCH", "api/admin/coupons/" + code, type, "{}".getBytes()).status(), type);
        }
        assertEquals(404, patch("NO-SUCH-COUPON-X", "{}").status());

        String user = TestData.user(TestData.uniqueUser());
        assertEquals(200, patch(code, "{\"status\":\"INACTIVE\"}").status());
        assertTrue(Eventually.within(Duration.ofSeconds(1), () -> "COUPON_INACTIVE".equals(
                api.validate(Api.body(code, user, "100", null)).json().getString("reason"))), "inactive within 1 s");
    }

    @Test
    void aLimitCannotGoBelowWhatIsRedeemedAndHeld() {
        String code = TestData.uniqueCode("LIMIT");
        assertEquals(201, create(coupon(code).replace("\"usageLimit\":3", "\"usageLimit\":5,\"perUserLimit\":null")).status());
        Checkout checkout = new Checkout(api);
        String user = TestData.user(TestData.uniqueUser());
        assertEquals(201, checkout.redeem(code, user, "o-1").status());
        assertEquals(201, checkout.hold(code, user, "o-2").status());
        JsonObject counts = api.get("api/admin/coupons/" + code).json();
        assertEquals(1, counts.getInt("redeemed"));
        assertEquals(1, counts.getInt("held"));

        Api.Reply below = patch(code, "{\"usageLimit\":1}");
        assertEquals(409, below.status(), below.body());
        assertEquals("urn:problem-type:coupons:limit-below-use", below.json().getString("type"));
        assertEquals(200, patch(code, "{\"usageLimit\":2}").status(), "down to what is in use");
        assertEquals(200, patch(code, "{\"usageLimit\":null}").status(), "or no limit at all");
    }

    /**
     * A limit lowered while holds arrive: the change takes the coupon's row lock that every hold
     * takes, so either it sees more in use than the new limit (409) or no hold ends above it.
     * Three rounds, the change sent once 5, 15 and 25 holds have landed: both outcomes happen.
     */
    @Test
    void aLimitLoweredWhileHoldsArriveNeverEndsBelowThem() throws Exception {
        Checkout checkout = new Checkout(api);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 3; round++) {
                String code = TestData.uniqueCode("RACE");
                assertEquals(201, create(coupon(code).replace("\"usageLimit\":3", "\"usageLimit\":100,\"perUserLimit\":null"))
                        .status());
                // Known to the cache first: a hold of a code it does not know counts as a guess.
                CacheSync.await();
                List<Future<Integer>> holds = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    String order = "race-" + i;
                    holds.add(pool.submit(() -> checkout.hold(code, TestData.user(TestData.uniqueUser()), order).status()));
                }
                int landed = 5 + 10 * round;
                Eventually.within(Duration.ofSeconds(10), () -> TestData.count(
                        "SELECT count(*) FROM coupon_reservations r JOIN coupons c ON c.id = r.coupon_id WHERE c.code = ?",
                        code) >= landed);
                Api.Reply lowered = patch(code, "{\"usageLimit\":20}");
                int held = 0;
                for (Future<Integer> hold : holds) {
                    int status = hold.get();
                    assertTrue(status == 201 || status == 422, "a hold answered " + status);
                    held += status == 201 ? 1 : 0;
                }
                long rows = TestData.count("SELECT count(*) FROM coupon_reservations r JOIN coupons c ON c.id = r.coupon_id"
                        + " WHERE c.code = ? AND r.status = 'HELD'", code);
                assertEquals(held, rows, "every 201 is a hold, and only those");
                if (lowered.status() == 200) {
                    assertTrue(held <= 20, "the limit went to 20, yet " + held + " holds were taken");
                } else {
                    assertEquals(409, lowered.status(), lowered.body());
                    assertTrue(held > 20, "refused as below use, yet only " + held + " holds were taken");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyACouponNeverRedeemedNorHeldCanBeDeleted() {
        String unused = TestData.uniqueCode("DEL");
        assertEquals(201, create(coupon(unused)).status());
        assertEquals(204, api.call("DELETE", "api/admin/coupons/" + unused, null).status());
        assertEquals(404, api.get("api/admin/coupons/" + unused).status());
        assertEquals(404, api.call("DELETE", "api/admin/coupons/" + unused, null).status());

        String held = TestData.uniqueCode("DEL");
        assertEquals(201, create(coupon(held)).status());
        String user = TestData.user(TestData.uniqueUser());
        String reservation = new Checkout(api).hold(held, user, "o-1").json().getString("id");
        assertEquals(204, new Checkout(api).release(reservation).status());
        Api.Reply refused = api.call("DELETE", "api/admin/coupons/" + held, null);
        assertEquals(409, refused.status(), "a released hold is still history");
        assertEquals("urn:problem-type:coupons:coupon-in-use", refused.json().getString("type"));
    }

    @Test
    void keysetPagesHaveNoDuplicatesNorGapsWhileCouponsAreAdded() throws Exception {
        String prefix = TestData.uniqueCode("PAGE") + "-";
        for (int i = 0; i < 60; i++) {
            TestData.sqlUnsynced("INSERT INTO coupons (code, type, discount_type, discount_value, valid_from, valid_until)"
                    + " VALUES (?, 'TIME_SPECIFIC', 'FIXED', 1, now(), now() + interval '1 day')", prefix + i);
        }
        Set<String> before = new HashSet<>();
        AtomicBoolean paging = new AtomicBoolean(true);
        ExecutorService adder = Executors.newSingleThreadExecutor();
        Future<Integer> added = adder.submit(() -> {
            int n = 0;
            while (paging.get()) {
                TestData.sqlUnsynced("INSERT INTO coupons (code, type, discount_type, discount_value, valid_from,"
                        + " valid_until) VALUES (?, 'TIME_SPECIFIC', 'FIXED', 1, now(), now() + interval '1 day')",
                        prefix + "NEW-" + n++);
            }
            return n;
        });
        List<String> seen = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                before.add(prefix + i);
            }
            String after = null;
            do {
                Api.Reply page = api.get("api/admin/coupons?codePrefix=" + prefix + "&limit=7"
                        + (after == null ? "" : "&after=" + after));
                assertEquals(200, page.status(), page.body());
                for (JsonValue item : page.json().getJsonArray("items")) {
                    seen.add(item.asJsonObject().getString("code"));
                }
                JsonValue next = page.json().get("next");
                after = next.getValueType() == JsonValue.ValueType.STRING ? page.json().getString("next") : null;
            } while (after != null);
        } finally {
            paging.set(false);
            assertTrue(added.get() > 0, "coupons were added while paging");
            adder.shutdown();
        }
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no coupon twice");
        assertTrue(seen.containsAll(before), "every coupon that existed before the first page is on a page");
        assertEquals(400, api.get("api/admin/coupons?limit=501").status());
        Api.Reply bad = api.get("api/admin/coupons?status=GONE&after=x&limit=0");
        assertEquals(Set.of("status", "after", "limit"), fields(bad));
        for (JsonValue error : bad.json().getJsonArray("errors")) {
            JsonObject named = error.asJsonObject();
            assertEquals(named.getString("field"), named.getString("parameter"), named.toString());
            assertFalse(named.containsKey("pointer"), "a query parameter is not in the body: " + named);
        }
    }

    static Set<String> fields(Api.Reply reply) {
        assertNotNull(reply.json().getJsonArray("errors"), reply.body());
        Set<String> fields = new HashSet<>();
        reply.json().getJsonArray("errors").forEach(e -> fields.add(e.asJsonObject().getString("field")));
        return fields;
    }
}
