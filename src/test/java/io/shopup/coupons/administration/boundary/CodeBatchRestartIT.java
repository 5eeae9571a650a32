package io.shopup.coupons.administration.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.Api;
import io.shopup.coupons.testsupport.Eventually;
import io.shopup.coupons.testsupport.ServiceProcess;
import io.shopup.coupons.testsupport.TestData;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A stop in the middle of a batch: the count it leaves is honest (every code it counts exists, none
 * is half-made), and the next start resumes the batch to exactly its count.
 */
class CodeBatchRestartIT {

    static final Map<String, String> SETTINGS = Map.of("CODE_BATCHES_LEASE_MS", "3000",
            "CODE_BATCHES_TAKEOVER_INTERVAL_MS", "500");

    @Test
    void aBatchStoppedMidwayIsResumedAfterTheRestart() throws Exception {
        String prefix = "R" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-";
        ServiceProcess first = ServiceProcess.start(SETTINGS);
        String id;
        try {
            Api.Reply accepted = first.api().call("POST", "api/admin/code-batches", CodeBatchIT.request(150_000, prefix),
                    "Idempotency-Key", UUID.randomUUID().toString());
            assertEquals(202, accepted.status(), accepted.body());
            id = accepted.json().getString("id");
            String batch = id;
            assertTrue(Eventually.within(Duration.ofSeconds(60), () -> created(batch) >= 20_000), "the batch is under way");
        } finally {
            first.stop();
        }
        assertEquals("RUNNING", TestData.rows("SELECT status FROM code_batches WHERE id = CAST(? AS uuid)", id).strip());
        long counted = created(id);
        assertTrue(counted < 150_000, "stopped midway: " + counted);
        assertEquals(counted, codes(id), "the count is the codes that exist");

        ServiceProcess second = ServiceProcess.start(SETTINGS);
        try {
            String batch = id;
            assertTrue(Eventually.within(Duration.ofSeconds(120), () -> second.api().get("api/admin/code-batches/" + batch)
                    .json().getString("status").equals("DONE")), "resumed to the end: " + created(id));
            assertEquals(150_000, created(id));
            assertEquals(150_000, codes(id));
            assertEquals(150_000, TestData.count("SELECT count(DISTINCT code) FROM coupons WHERE code LIKE ?", prefix + "%"));
        } finally {
            second.stop();
        }
    }

    private static long created(String id) {
        return TestData.count("SELECT created FROM code_batches WHERE id = CAST(? AS uuid)", id);
    }

    private static long codes(String id) {
        return TestData.count("SELECT count(*) FROM coupons WHERE batch_id = CAST(? AS uuid)", id);
    }
}
