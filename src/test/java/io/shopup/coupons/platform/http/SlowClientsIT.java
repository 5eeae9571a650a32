package io.shopup.coupons.platform.http;

import static io.shopup.coupons.testsupport.TestData.timeCoupon;
import static io.shopup.coupons.testsupport.TestData.uniqueCode;
import static io.shopup.coupons.testsupport.TestData.uniqueUser;
import static io.shopup.coupons.testsupport.TestData.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.Api;
import io.shopup.coupons.testsupport.Checkout;
import io.shopup.coupons.testsupport.DeployedService;
import io.shopup.coupons.testsupport.RawHttp;
import io.shopup.coupons.testsupport.TestCredentials;
import io.shopup.coupons.testsupport.TestData;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that send their headers and then trickle or withhold the body hold no worker thread
 * (the service runs few): checkouts sent meanwhile are answered at once, and each slow client gets
 * a 408 problem document (or a closed connection) at the body deadline, 2 s by default.
 */
class SlowClientsIT extends DeployedService {

    private static final int SLOW_CLIENTS = 50;
    private static final long DEADLINE_MS = 2_000;

    String body;

    @BeforeEach
    void seed() {
        String code = uniqueCode("SLOW");
        timeCoupon(code, Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400)).insert();
        body = Api.body(code, user(uniqueUser()), "100", null);
    }

    @Test
    void fiftyTricklingClientsDoNotSlowCheckoutsAndEachGets408AtTheDeadline() throws Exception {
        for (int i = 0; i < 300; i++) {
            assertEquals(200, api.validate(body).status(), "warm-up");
        }
        ExecutorService pool = Executors.newFixedThreadPool(SLOW_CLIENTS + 8);
        try {
            List<Future<long[]>> slow = new ArrayList<>();
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                slow.add(pool.submit(this::trickle));
            }
            List<Future<Long>> ordinary = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                ordinary.add(pool.submit(() -> {
                    long started = System.nanoTime();
                    assertEquals(200, api.validate(body).status());
                    return System.nanoTime() - started;
                }));
            }
            long[] latencies = new long[ordinary.size()];
            for (int i = 0; i < latencies.length; i++) {
                latencies[i] = ordinary.get(i).get();
            }
            Arrays.sort(latencies);
            long p99Ms = latencies[(int) Math.ceil(0.99 * latencies.length) - 1] / 1_000_000;
            // A worker thread waiting for a slow client's body would hold the checkouts behind it
            // until the deadline (2 s); served beside them, they take milliseconds, and up to
            // 135 ms were seen while the rest of the suite kept both cores busy.
            assertTrue(p99Ms < DEADLINE_MS / 4,
                    "ordinary validations p99 " + p99Ms + " ms beside " + SLOW_CLIENTS + " slow clients");
            for (Future<long[]> client : slow) {
                long[] outcome = client.get();
                assertTrue(outcome[0] == 408 || outcome[0] == 0, "408 or closed, got " + outcome[0]);
                assertTrue(outcome[1] <= DEADLINE_MS + 1_000, "ended after " + outcome[1] + " ms");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theTimeoutIsAProblemDocument() throws Exception {
        try (RawHttp client = new RawHttp(base, 10_000)) {
            client.send(RawHttp.validateHeaders(base, body.length()) + body.substring(0, 5));
            String response = client.response();
            assertEquals(408, RawHttp.status(response));
            assertTrue(response.toLowerCase().contains("content-type: application/problem+json"), response);
            JsonObject problem = Json.createReader(new StringReader(response.substring(response.indexOf("\r\n\r\n") + 4)))
                    .readObject();
            assertEquals(408, problem.getInt("status"));
            assertEquals("urn:problem-type:coupons:request-timeout", problem.getString("type"));
        }
    }

    @Test
    void aBodyThatArrivesInPiecesWithinTheDeadlineIsValidated() throws Exception {
        try (RawHttp client = new RawHttp(base, 10_000)) {
            client.send(RawHttp.validateHeaders(base, body.getBytes(StandardCharsets.UTF_8).length));
            for (int i = 0; i < body.length(); i += 10) {
                Thread.sleep(20); // the client's pace, not synchronisation
                client.send(body.substring(i, Math.min(body.length(), i + 10)));
            }
            String response = client.response();
            assertEquals(200, RawHttp.status(response), response);
            assertTrue(response.contains("\"reason\":\"VALID\""), response);
        }
    }

    /**
     * A body collected after its headers is dispatched on a thread of the server's own, where CDI's
     * request context is not active unless the filter activates it: a request-scoped resource
     * (the redemptions') answered 500 there.
     */
    @Test
    void aBodyThatArrivesAfterItsHeadersReachesARequestScopedResource() throws Exception {
        String shopper = TestData.user(TestData.uniqueUser());
        String code = TestData.uniqueCode("PIECES");
        TestData.timeCoupon(code, Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400)).insert();
        String redemption = Checkout.body(code, shopper, "order-pieces", "100");
        try (RawHttp client = new RawHttp(base, 10_000)) {
            client.send("POST " + RawHttp.path(base, "api/redemptions") + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + TestCredentials.checkoutAuthorization() + "\r\n"
                    + "Content-Type: application/json\r\nIdempotency-Key: " + Checkout.key() + "\r\n"
                    + "Content-Length: " + redemption.length() + "\r\n\r\n");
            Thread.sleep(50); // the client's pace, not synchronisation
            client.send(redemption);
            String response = client.response();
            assertEquals(201, RawHttp.status(response), response);
        }
    }

    @Test
    void aChunkedBodyIsValidated() throws Exception {
        try (RawHttp client = new RawHttp(base, 10_000)) {
            client.send("POST " + RawHttp.path(base, "api/coupons/validate") + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: " + TestCredentials.checkoutAuthorization() + "\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < body.length(); i += 16) {
                String piece = body.substring(i, Math.min(body.length(), i + 16));
                client.send(Integer.toHexString(piece.length()) + "\r\n" + piece + "\r\n");
            }
            client.send("0\r\n\r\n");
            String response = client.response();
            assertEquals(200, RawHttp.status(response), response);
            assertTrue(response.contains("\"reason\":\"VALID\""), response);
        }
    }

    /**
     * Java's HTTP client asks to upgrade to HTTP/2 on a new connection; with an empty body the
     * server would let a read of the body wait for the upgraded protocol's bytes, forever.
     */
    @Test
    void anEmptyBodyFromANewJavaClientIsAnsweredAtOnce() throws Exception {
        HttpClient fresh = HttpClient.newHttpClient();
        HttpResponse<String> response = fresh.send(HttpRequest.newBuilder(base.toURI().resolve("api/coupons/validate"))
                .header("Content-Type", "application/json").header("Authorization", TestCredentials.checkoutAuthorization())
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode(), response.body());
    }

    @Test
    void aSlowBodyOverTheLimitIsStillRefusedAsTooLarge() throws Exception {
        String large = "{\"code\":\"" + "A".repeat(20_000) + "\"}";
        try (RawHttp client = new RawHttp(base, 10_000)) {
            client.send(RawHttp.validateHeaders(base, large.length()));
            for (int i = 0; i < large.length(); i += 4_000) {
                client.send(large.substring(i, Math.min(large.length(), i + 4_000)));
            }
            assertEquals(413, RawHttp.status(client.response()));
        }
    }

    /** Headers, then a byte a second; returns the status (0: closed without one) and the milliseconds it took. */
    private long[] trickle() throws Exception {
        try (RawHttp client = new RawHttp(base, 10_000)) {
            client.send(RawHttp.validateHeaders(base, 100));
            long started = System.nanoTime();
            long[] answeredAt = new long[1];
            Callable<String> read = () -> {
                String answer = client.response();
                answeredAt[0] = System.nanoTime();
                return answer;
            };
            ExecutorService reader = Executors.newSingleThreadExecutor();
            try {
                Future<String> response = reader.submit(read);
                for (int i = 0; i < 5 && !response.isDone(); i++) {
                    try {
                        client.send("{");
                    } catch (IOException closed) {
                        break;
                    }
                    Thread.sleep(1_000); // the slow client's pace, not synchronisation
                }
                String answer = response.get();
                return new long[] {RawHttp.status(answer), (answeredAt[0] - started) / 1_000_000};
            } finally {
                reader.shutdownNow();
            }
        }
    }
}
