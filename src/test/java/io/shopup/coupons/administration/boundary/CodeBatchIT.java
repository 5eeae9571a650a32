package io.shopup.coupons.administration.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.administration.control.CodeBatchQueries;
import io.shopup.coupons.testsupport.Api;
import io.shopup.coupons.testsupport.CacheSync;
import io.shopup.coupons.testsupport.DeployedService;
import io.shopup.coupons.testsupport.Eventually;
import io.shopup.coupons.testsupport.TestData;
import io.shopup.coupons.testsupport.TestDatabase;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Code batches: generated in the background with progress, unique, valid at once, idempotent, downloadable. */
class CodeBatchIT extends DeployedService {

    static final String TEMPLATE = """
            {"type":"TIME_SPECIFIC","discountType":"FIXED","discountValue":5,
             "validFrom":"2020-01-01T00:00:00Z","validUntil":"2099-01-01T00:00:00Z"}""";

    static String request(int count, String prefix) {
        return "{\"count\":" + count + ",\"prefix\":\"" + prefix + "\",\"coupon\":" + TEMPLATE + "}";
    }

    Api.Reply create(String json, String key) {
        return api.call("POST", "api/admin/code-batches", json, "Idempotency-Key", key);
    }

    @Test
    void twentyThousandCodesAreMadeWithProgressAllUniqueAndValidWithinASecondOfDone() throws Exception {
        String prefix = "B" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-";
        String key = UUID.randomUUID().toString();
        Api.Reply accepted = create(request(20_000, prefix), key);
        assertEquals(202, accepted.status(), accepted.body());
        String location = accepted.header("Location");
        String id = accepted.json().getString("id");
        assertTrue(location.endsWith("api/admin/code-batches/" + id), location);

        // Asked back to back, not every 50 ms: 20 chunks can be done in a fraction of a second.
        Set<Integer> progress = new TreeSet<>();
        JsonObject last;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            last = api.get("api/admin/code-batches/" + id).json();
            progress.add(last.getInt("created"));
        } while (last.getString("status").equals("RUNNING") && System.nanoTime() < deadline);
        long done = System.nanoTime();
        assertEquals("DONE", last.getString("status"), last.toString());
        assertEquals(20_000, last.getInt("created"));
        assertTrue(progress.stream().anyMatch(n -> n > 0 && n < 20_000), "progress seen moving: " + progress);

        CacheSync.await();
        assertTrue(Duration.ofNanos(System.nanoTime() - done).toMillis() < 1_000, "in the cache within 1 s of DONE");

        Api.Reply csv = api.get("api/admin/code-batches/" + id + "/codes");
        assertEquals(200, csv.status());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        List<String> lines = Arrays.asList(csv.body().split("\n"));
        assertEquals("code", lines.get(0));
        List<String> codes = lines.subList(1, lines.size());
        assertEquals(20_000, codes.size());
        assertEquals(20_000, new HashSet<>(codes).size(), "all unique");
        for (String code : codes) {
            assertTrue(code.matches(Pattern.quote(prefix) + "[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}"), code);
        }
        String user = TestData.user(TestData.uniqueUser());
        assertEquals(List.of(), invalid(codes, user), "every code validates");

        Api.Reply retried = create(request(20_000, prefix), key);
        assertEquals(202, retried.status());
        assertEquals("true", retried.header("Idempotent-Replayed"));
        assertEquals(location, retried.header("Location"));
        assertEquals(1, TestData.count("SELECT count(*) FROM code_batches WHERE idempotency_key = ?", key));
        assertEquals(20_000, TestData.count("SELECT count(*) FROM coupons WHERE code LIKE ?", prefix + "%"),
                "a retry makes no second batch");
        Api.Reply reused = create(request(20, prefix), key);
        assertEquals(422, reused.status());
        assertEquals("urn:problem-type:coupons:idempotency-key-reused", reused.json().getString("type"));
    }

    /**
     * Twelve requests with one key at once (a client's retries racing its first try) make one
     * batch: one answer is the original, the others replay it.
     */
    @Test
    void concurrentRequestsWithOneKeyMakeOneBatch() throws Exception {
        String prefix = "C" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-";
        String key = UUID.randomUUID().toString();
        ExecutorService threads = Executors.newFixedThreadPool(12);
        List<Api.Reply> replies = new ArrayList<>();
        try {
            List<Future<Api.Reply>> sent = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                sent.add(threads.submit(() -> create(request(30, prefix), key)));
            }
            for (Future<Api.Reply> reply : sent) {
                replies.add(reply.get());
            }
        } finally {
            threads.shutdownNow();
        }

        for (Api.Reply reply : replies) {
            assertEquals(202, reply.status(), reply.body());
        }
        assertEquals(1, replies.stream().filter(reply -> reply.header("Idempotent-Replayed") == null).count(),
                "one original answer");
        assertEquals(1, replies.stream().map(reply -> reply.header("Location")).distinct().count(), "one batch");
        assertEquals(1, TestData.count("SELECT count(*) FROM code_batches WHERE idempotency_key = ?", key));
        String id = replies.get(0).json().getString("id");
        assertTrue(Eventually.within(Duration.ofSeconds(30), () -> api.get("api/admin/code-batches/" + id).json()
                .getString("status").equals("DONE")));
        assertEquals(30, TestData.count("SELECT count(*) FROM coupons WHERE code LIKE ?", prefix + "%"));
    }

    @Test
    void requestsAreCheckedAndRunningBatchesCannotBeDownloaded() {
        Api.Reply refused = create("{\"count\":0,\"prefix\":\"a_b\",\"coupon\":{\"type\":\"TIME_SPECIFIC\"}}", "k-" + UUID.randomUUID());
        assertEquals(400, refused.status(), refused.body());
        Set<String> fields = CouponAdministrationIT.fields(refused);
        assertTrue(fields.containsAll(Set.of("count", "prefix", "coupon.discountType", "coupon.validFrom")), fields.toString());
        Api.Reply keyless = api.call("POST", "api/admin/code-batches", request(5, "NOKEY-"));
        assertEquals(400, keyless.status());
        assertEquals(Set.of("Idempotency-Key"), CouponAdministrationIT.fields(keyless));
        Api.Reply keylessAndWrong = api.call("POST", "api/admin/code-batches", "{\"count\":0,\"coupon\":{\"type\":\"TIME_SPECIFIC\"}}");
        assertEquals(400, keylessAndWrong.status());
        Set<String> all = CouponAdministrationIT.fields(keylessAndWrong);
        assertTrue(all.containsAll(Set.of("Idempotency-Key", "count", "coupon.discountType")), "every error at once: " + all);
        assertTrue(keylessAndWrong.body().contains("{\"field\":\"coupon.discountType\",\"pointer\":\"#/coupon/discountType\"")
                && keylessAndWrong.body().contains("{\"field\":\"Idempotency-Key\",\"header\":\"Idempotency-Key\""),
                "a template field by its JSON Pointer, the header by its name: " + keylessAndWrong.body());
        assertEquals(404, api.get("api/admin/code-batches/" + UUID.randomUUID()).status());
        assertEquals(404, api.get("api/admin/code-batches/nope/codes").status());

        Api.Reply big = create(request(50_000, "BIG" + UUID.randomUUID().toString().substring(0, 4).toUpperCase()), "k-" + UUID.randomUUID());
        String id = big.json().getString("id");
        Api.Reply early = api.get("api/admin/code-batches/" + id + "/codes");
        assertEquals(409, early.status(), "a running batch's codes are not all there yet");
        assertTrue(Eventually.within(Duration.ofSeconds(120), () -> api.get("api/admin/code-batches/" + id).json()
                .getString("status").equals("DONE")), "the large batch ends");
    }

    /**
     * The statement that inserts a chunk, against the real table: codes that exist already are
     * skipped and only the new ones count, so the next chunk draws what is missing.
     */
    @Test
    void aChunkThatCollidesWithExistingCodesCountsOnlyItsNewOnes() throws Exception {
        String run = "COLL" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        UUID batch = UUID.randomUUID();
        TestData.sql("""
                INSERT INTO code_batches (id, status, requested, prefix, random_length, coupon_type, coupon_status,
                                          discount_type, discount_value, valid_from, valid_until, scope,
                                          idempotency_key, request_hash, started_at)
                VALUES (CAST(? AS uuid), 'RUNNING', 10, '', 8, 'TIME_SPECIFIC', 'ACTIVE', 'FIXED', 5, now(),
                        now() + interval '1 day', 'test', ?, '\\x00', now())""", batch.toString(), run);
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            existing.add(run + "-OLD" + i);
            TestData.sql("INSERT INTO coupons (code, type, discount_type, discount_value, valid_from, valid_until)"
                    + " VALUES (?, 'TIME_SPECIFIC', 'FIXED', 1, now(), now() + interval '1 day')", run + "-OLD" + i);
        }
        List<String> first = new ArrayList<>(existing);
        for (int i = 0; i < 6; i++) {
            first.add(run + "-NEW" + i);
        }
        assertEquals(6, insertChunk(batch, first), "four collide");
        List<String> second = new ArrayList<>(first.subList(4, 10));
        for (int i = 0; i < 4; i++) {
            second.add(run + "-MORE" + i);
        }
        assertEquals(10, insertChunk(batch, second), "the batch has exactly its count");
        assertEquals(10, TestData.count("SELECT count(*) FROM coupons WHERE batch_id = CAST(? AS uuid)", batch.toString()));
        assertEquals(0, TestData.count("SELECT count(*) FROM coupons WHERE batch_id IS NOT NULL AND code LIKE ?", run + "-OLD%"),
                "existing coupons are left as they were");
    }

    /** Runs the chunk statement as the service does, its named parameters bound in order. */
    private static int insertChunk(UUID batch, List<String> codes) throws Exception {
        Matcher names = Pattern.compile(":([a-zA-Z]+)").matcher(CodeBatchQueries.INSERT_CODES);
        List<String> order = new ArrayList<>();
        while (names.find()) {
            order.add(names.group(1));
        }
        String sql = CodeBatchQueries.INSERT_CODES.replaceAll(":[a-zA-Z]+", "?");
        try (Connection c = TestDatabase.connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < order.size(); i++) {
                switch (order.get(i)) {
                    case "id" -> statement.setObject(i + 1, batch);
                    case "codes" -> statement.setString(i + 1, String.join(",", codes));
                    case "now", "leaseUntil" -> statement.setTimestamp(i + 1, Timestamp.from(Instant.now()));
                    default -> throw new AssertionError(order.get(i));
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt("created");
            }
        }
    }

    /** The codes that do not validate as VALID for the user, asked eight at a time. */
    private List<String> invalid(List<String> codes, String user) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> parts = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int part = t;
                parts.add(threads.submit(() -> {
                    List<String> refused = new ArrayList<>();
                    for (int i = part; i < codes.size(); i += 8) {
                        Api.Reply reply = api.validate(Api.body(codes.get(i), user, "100", null));
                        if (reply.status() != 200 || !reply.json().getBoolean("valid")) {
                            refused.add(codes.get(i) + ": " + reply.body());
                        }
                    }
                    return refused;
                }));
            }
            List<String> refused = new ArrayList<>();
            for (Future<List<String>> part : parts) {
                refused.addAll(part.get());
            }
            return refused;
        } finally {
            threads.shutdownNow();
        }
    }
}
