package io.shopup.coupons.redemption.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.QueryPlans;
import io.shopup.coupons.testsupport.TestData;
import io.shopup.coupons.testsupport.TestDatabase;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The V7 schema on its own, written to with plain SQL as an operator would: the counters follow
 * every kind of statement, the unique indexes keep one redemption and one live hold per coupon
 * and order, and the statement a hold is decided on is served by its indexes.
 */
class RedemptionSchemaIT {

    @Test
    void theHeldCounterFollowsInsertsUpdatesAndDeletes() {
        long coupon = coupon();
        String user = TestData.user(TestData.uniqueUser());
        TestData.sql("""
                INSERT INTO coupon_reservations (coupon_id, user_id, order_id, order_value, discount_applied, expires_at)
                SELECT ?, ?, 'o-' || n, 10, 1, now() + interval '1 hour' FROM generate_series(1, 5) n""", coupon, user);
        assertEquals(5, held(coupon));
        TestData.sql("UPDATE coupon_reservations SET status = 'RELEASED' WHERE coupon_id = ? AND order_id IN ('o-1', 'o-2')",
                coupon);
        assertEquals(3, held(coupon));
        TestData.sql("UPDATE coupon_reservations SET expires_at = expires_at + interval '1 minute' WHERE coupon_id = ?",
                coupon);
        assertEquals(3, held(coupon), "a HELD row that stays HELD counts once");
        TestData.sql("DELETE FROM coupon_reservations WHERE coupon_id = ? AND order_id = 'o-3'", coupon);
        assertEquals(2, held(coupon));
        assertEquals(2, TestData.count("SELECT count(*) FROM coupon_reservations WHERE coupon_id = ? AND status = 'HELD'",
                coupon));
    }

    @Test
    void oneRedemptionAndOneLiveHoldPerCouponAndOrder() {
        long coupon = coupon();
        String user = TestData.user(TestData.uniqueUser());
        TestData.usage(coupon, user, "the-order");
        assertThrows(IllegalStateException.class, () -> TestData.usage(coupon, user, "the-order"));
        TestData.usage(coupon, user, null);
        TestData.usage(coupon, user, null);

        String hold = """
                INSERT INTO coupon_reservations (coupon_id, user_id, order_id, order_value, discount_applied, expires_at)
                VALUES (?, ?, 'held-order', 10, 1, now() + interval '1 hour')""";
        TestData.sql(hold, coupon, user);
        assertThrows(IllegalStateException.class, () -> TestData.sql(hold, coupon, user));
        TestData.sql("UPDATE coupon_reservations SET status = 'EXPIRED' WHERE coupon_id = ?", coupon);
        TestData.sql(hold, coupon, user);
        assertEquals(2, TestData.count("SELECT count(*) FROM coupon_reservations WHERE coupon_id = ?", coupon));
    }

    @Test
    void theFactsOfAHoldComeFromIndexesAndCounters() throws SQLException {
        // Enough holds over enough coupons for the planner to prefer the indexes.
        if (TestData.count("SELECT count(*) FROM coupon_reservations") < 3_000) {
            String user = TestData.user(TestData.uniqueUser());
            for (int i = 0; i < 30; i++) {
                long coupon = coupon();
                TestData.sqlUnsynced("""
                        INSERT INTO coupon_reservations (coupon_id, user_id, order_id, order_value, discount_applied,
                                                         expires_at)
                        SELECT ?, ?, 'plan-' || n, 10, 1, now() + n * interval '1 second'
                          FROM generate_series(1, 100) n""", coupon, user);
                TestData.sqlUnsynced("INSERT INTO coupon_usage (coupon_id, user_id, order_id)"
                        + " SELECT ?, ?, 'plan-used-' || n FROM generate_series(1, 100) n", coupon, user);
            }
        }
        String generic = LockedFacts.COUNTS.replace(":user", "$1").replace(":coupon", "$2").replace(":now", "$3")
                .replace(":perUser", "$4").replace(":order", "$5");
        try (Connection c = DriverManager.getConnection(TestDatabase.url() + "?preferQueryMode=simple", "postgres",
                "postgres"); Statement statement = c.createStatement()) {
            statement.execute("ANALYZE coupon_reservations, coupon_usage, coupon_hold_totals, coupon_usage_totals");
            List<JsonObject> nodes = QueryPlans.nodes(statement.executeQuery(
                    "EXPLAIN (FORMAT JSON, GENERIC_PLAN) " + generic));
            for (JsonObject node : nodes) {
                String relation = node.getString("Relation Name", "");
                // The tables that grow with a coupon's use; users and the counters (a row per
                // coupon) are read by primary key once they are larger than a page or two.
                boolean grows = relation.equals("coupon_usage") || relation.equals("coupon_reservations");
                assertTrue(!node.getString("Node Type").equals("Seq Scan") || !grows,
                        "sequential scan on " + relation + ": " + nodes);
            }
            List<String> indexes = nodes.stream().map(node -> node.getString("Index Name", "")).toList();
            assertTrue(indexes.contains("coupon_usage_coupon_order"), indexes.toString());
            // Live holds are read from the partial indexes of HELD rows, by coupon first.
            assertTrue(indexes.stream().filter(index -> index.startsWith("coupon_reservations_live_")).count() >= 3,
                    indexes.toString());
        }
    }

    private static long coupon() {
        return TestData.timeCoupon(TestData.uniqueCode("SCHEMA"), Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(86_400)).insert();
    }

    private static long held(long coupon) {
        return TestData.count("SELECT coalesce((SELECT held FROM coupon_hold_totals WHERE coupon_id = ?), 0)", coupon);
    }
}
