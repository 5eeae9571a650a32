package io.shopup.coupons.access.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.Api;
import io.shopup.coupons.testsupport.Concurrently;
import io.shopup.coupons.testsupport.ServiceProcess;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-key rate, switched on: a service of its own with API_KEYS_RATE_PER_SECOND=5. */
class KeyRateIT {

    private static final int RATE = 5;
    private static ServiceProcess service;

    @BeforeAll
    static void start() throws Exception {
        service = ServiceProcess.start(Map.of("API_KEYS_RATE_PER_SECOND", String.valueOf(RATE)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void aKeyOverItsRateIsRefusedAndEveryAnswerSaysWhatIsLeft() throws Exception {
        Api api = service.api();
        Api.Reply first = api.validate(Api.body("ANY", "u-1", "10", null));
        assertEquals(200, first.status(), first.body());
        assertEquals(String.valueOf(RATE), first.header("RateLimit-Limit"));
        assertEquals(String.valueOf(RATE - 1), first.header("RateLimit-Remaining"));
        assertTrue(Integer.parseInt(first.header("RateLimit-Reset")) <= 1, first.header("RateLimit-Reset"));

        long started = System.nanoTime();
        List<Api.Reply> burst = Concurrently.run(30, i -> api.validate(Api.body("ANY", "u-" + i, "10", null)));
        double seconds = (System.nanoTime() - started) / 1e9;
        long answered = burst.stream().filter(reply -> reply.status() == 200).count();
        List<Api.Reply> refused = burst.stream().filter(reply -> reply.status() == 429).toList();
        assertEquals(30, answered + refused.size(), "only answers and refusals");
        // What the bucket holds: what was left, and what refilled while the burst ran.
        assertTrue(answered <= RATE - 1 + Math.ceil(RATE * seconds) + 1, answered + " answered in " + seconds + " s");
        assertTrue(!refused.isEmpty(), "some of the burst refused");
        Api.Reply one = refused.get(0);
        assertTrue(one.body().contains("urn:problem-type:coupons:rate-limited"), one.body());
        assertTrue(Integer.parseInt(one.header("Retry-After")) >= 1);
        assertEquals("0", one.header("RateLimit-Remaining"));
        assertEquals(String.valueOf(RATE), one.header("RateLimit-Limit"));

        // Another key has a bucket of its own.
        Api.Reply created = api.call("POST", "api/admin/api-keys", "{\"name\":\"other\"}");
        assertEquals(201, created.status(), created.body());
        String other = "ApiKey " + created.json().getString("secret");
        assertTrue(io.shopup.coupons.testsupport.Eventually.within(java.time.Duration.ofSeconds(2),
                () -> api.anonymous().call("POST", "api/coupons/validate", Api.body("ANY", "u-1", "10", null),
                        "Authorization", other).status() == 200), "the other key is answered");
        assertEquals(null, api.call("GET", "api/admin/api-keys", null).header("RateLimit-Limit"),
                "people's requests have no key rate");
    }
}
