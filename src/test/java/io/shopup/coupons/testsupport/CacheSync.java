package io.shopup.coupons.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * Waits until the service's coupon cache holds what a test just wrote with plain SQL: sends
 * {@code NOTIFY coupon_cache, 'sync:<marker>'} and polls readiness until its {@code syncMarker}
 * shows the marker. Notifications arrive in commit order, so every earlier change is in by then.
 * Skipped when no service with a coupon cache answers (tests that use only the database).
 */
public final class CacheSync {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private static final Duration AT_MOST = Duration.ofSeconds(10);
    private static final Duration RESEND = Duration.ofMillis(500);
    private static volatile URI readiness;

    private CacheSync() {
    }

    /** The service whose cache later writes wait for. */
    static void follow(URI serviceBase) {
        readiness = serviceBase.resolve("/health/ready");
    }

    public static void await() {
        URI health = readiness;
        if (health == null) {
            return;
        }
        String marker = UUID.randomUUID().toString();
        String[] last = new String[1];
        long[] sentAt = {System.nanoTime() - RESEND.toNanos() - 1};
        boolean caughtUp = Eventually.within(AT_MOST, () -> {
            // Sent again now and then: a listener that was reconnecting missed it, and reloads anyway.
            if (System.nanoTime() - sentAt[0] > RESEND.toNanos()) {
                TestData.count("SELECT count(*) FROM (SELECT pg_notify('coupon_cache', ?)) sent", "sync:" + marker);
                sentAt[0] = System.nanoTime();
            }
            last[0] = read(health);
            return last[0] == null || !last[0].contains("\"coupon-cache\"") || last[0].contains(marker);
        });
        if (!caughtUp) {
            throw new AssertionError("the coupon cache did not catch up within " + AT_MOST + ": " + last[0]);
        }
    }

    private static String read(URI health) {
        try {
            return HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
