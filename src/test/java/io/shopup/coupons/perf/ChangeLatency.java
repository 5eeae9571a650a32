package io.shopup.coupons.perf;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a redemption written in SQL takes to show in validation: inserts redemptions of one
 * coupon at a steady rate, each in its own transaction with an order id of its own, and asks the
 * service about every tenth order until it answers {@code ALREADY_USED_ON_ORDER}. Prints the
 * median, p99 and worst delay from commit to answer; deletes its rows at the end.
 * Arguments: coupon code (default LARGE-POPULAR), redemptions per second (500), seconds (60).
 * The database as {@link SqlScript} finds it; the service at SERVICE_URL (http://localhost:8080).
 */
public final class ChangeLatency {

    private ChangeLatency() {
    }

    public static void main(String[] args) throws Exception {
        String code = args.length > 0 ? args[0] : "LARGE-POPULAR";
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Map<String, String> env = System.getenv();
        String url = env.getOrDefault("DB_URL", "jdbc:postgresql://localhost:"
                + env.getOrDefault("EMBEDDED_DB_PORT", "15432") + "/postgres");
        String user = env.getOrDefault("DB_USER", "postgres");
        String password = env.getOrDefault("DB_PASSWORD", "postgres");
        URI validate = URI.create(env.getOrDefault("SERVICE_URL", "http://localhost:8080") + "/api/coupons/validate");
        String run = "LAT-" + Long.toString(System.currentTimeMillis(), 36) + "-";
        int total = rate * seconds;
        AtomicLongArray committedAt = new AtomicLongArray(total);
        AtomicInteger committed = new AtomicInteger();
        long couponId;
        String shopper;
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement find = c.prepareStatement(
                     "SELECT id, (SELECT min(id) FROM users) FROM coupons WHERE code = ?")) {
            find.setString(1, code);
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no coupon " + code);
                }
                couponId = rs.getLong(1);
                shopper = rs.getString(2);
            }
        }
        Thread writer = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(url, user, password);
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO coupon_usage (coupon_id, user_id, order_id, discount_applied) VALUES (?, ?, ?, 1.00)")) {
                long start = System.nanoTime();
                long interval = 1_000_000_000L / rate;
                for (int i = 0; i < total; i++) {
                    LockSupport.parkNanos(start + i * interval - System.nanoTime());
                    insert.setLong(1, couponId);
                    insert.setString(2, shopper);
                    insert.setString(3, run + i);
                    insert.executeUpdate();
                    committedAt.set(i, System.nanoTime());
                    committed.set(i + 1);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        HttpClient http = HttpClient.newHttpClient();
        long[] delays = new long[(total + 9) / 10];
        int measured = 0;
        for (int i = 0; i < total; i += 10) {
            while (committed.get() <= i) {
                // Polls without spinning: a spinning thread would take a core from the service.
                LockSupport.parkNanos(100_000);
            }
            String body = "{\"code\":\"" + code + "\",\"userId\":\"" + shopper + "\",\"orderValue\":100,\"orderId\":\"" + run + i + "\"}";
            HttpRequest request = HttpRequest.newBuilder(validate).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            while (!http.send(request, HttpResponse.BodyHandlers.ofString()).body().contains("ALREADY_USED_ON_ORDER")) {
                if (System.nanoTime() - committedAt.get(i) > 30_000_000_000L) {
                    throw new IllegalStateException("redemption " + i + " did not show within 30 s");
                }
            }
            delays[measured++] = System.nanoTime() - committedAt.get(i);
        }
        writer.join();
        long[] sorted = Arrays.copyOf(delays, measured);
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%d redemptions of %s at %d/s; delay commit to validation (every 10th):"
                        + " median %.1f ms, p99 %.1f ms, worst %.1f ms%n", total, code, rate,
                sorted[measured / 2] / 1e6, sorted[(int) (measured * 0.99)] / 1e6, sorted[measured - 1] / 1e6);
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement delete = c.prepareStatement("DELETE FROM coupon_usage WHERE coupon_id = ? AND order_id LIKE ?")) {
            delete.setLong(1, couponId);
            delete.setString(2, run + "%");
            delete.executeUpdate();
        }
    }
}
