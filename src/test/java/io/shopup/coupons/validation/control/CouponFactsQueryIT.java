package io.shopup.coupons.validation.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.TestData;
import io.shopup.coupons.testsupport.QueryPlans;
import io.shopup.coupons.testsupport.TestDatabase;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The validation query is served by indexes, not by scanning tables: checked on the plans
 * PostgreSQL really chooses, with enough rows in every table for the planner to care.
 */
class CouponFactsQueryIT {

    private static final int USERS = 50_000;
    private static final int COUPONS = 5_000;

    @BeforeAll
    static void seedATableSizeWorthPlanningFor() throws SQLException {
        TestData.sql("""
                INSERT INTO users (id, email)
                SELECT 'plan_user_' || g, 'plan_user_' || g || '@example.com' FROM generate_series(1, ?) g
                ON CONFLICT (id) DO NOTHING""", USERS);
        TestData.sql("""
                INSERT INTO coupons (code, type, user_id, discount_type, discount_value, usage_limit, per_user_limit,
                                     valid_from, valid_until)
                SELECT 'PLAN-' || g, 'TIME_SPECIFIC', NULL, 'PERCENT', 10, 1000, 5,
                       now() - interval '1 day', now() + interval '30 days'
                  FROM generate_series(1, ?) g
                ON CONFLICT (code) DO NOTHING""", COUPONS);
        if (TestData.count("SELECT count(*) FROM coupon_usage cu JOIN coupons c ON c.id = cu.coupon_id"
                + " WHERE c.code LIKE 'PLAN-%'") == 0) {
            TestData.sql("""
                    INSERT INTO coupon_usage (coupon_id, user_id, order_id, discount_applied)
                    SELECT c.id, 'plan_user_' || (1 + (g * 7919) % ?), CASE WHEN g % 2 = 0 THEN 'plan-order-' || g END, 1.00
                      FROM generate_series(1, 30000) g
                      JOIN coupons c ON c.code = 'PLAN-' || (1 + g % ?)""", USERS, COUPONS);
        }
        if (TestData.count("SELECT count(*) FROM coupon_reservations WHERE order_id LIKE 'plan-hold-%'") == 0) {
            TestData.sql("""
                    INSERT INTO coupon_reservations (coupon_id, user_id, order_id, order_value, discount_applied, expires_at)
                    SELECT c.id, 'plan_user_' || (1 + (g * 31) % ?), 'plan-hold-' || g, 100.00, 10.00,
                           now() + interval '1 hour'
                      FROM generate_series(1, 3000) g
                      JOIN coupons c ON c.code = 'PLAN-' || (1 + g % ?)""", USERS, COUPONS);
        }
        try (Connection c = TestDatabase.connect(); Statement statement = c.createStatement()) {
            statement.execute("VACUUM ANALYZE users, coupons, coupon_usage, coupon_reservations, coupon_hold_totals");
        }
    }

    @Test
    void theCustomPlanUsesTheTunedIndexes() throws SQLException {
        try (Connection c = TestDatabase.connect();
             PreparedStatement explain = c.prepareStatement("EXPLAIN (FORMAT JSON) " + CouponFactsQuery.SQL)) {
            explain.setString(1, "PLAN-42");
            explain.setString(2, "plan_user_4242");
            explain.setString(3, "plan-order-84");
            explain.setObject(4, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
            assertServedByIndexes(QueryPlans.nodes(explain.executeQuery()));
        }
    }

    @Test
    void theGenericPlanUsesTheTunedIndexesToo() throws SQLException {
        // After a few executions of a prepared statement PostgreSQL may switch to the generic plan.
        String generic = CouponFactsQuery.SQL.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2")
                .replaceFirst("\\?", "\\$3").replaceFirst("\\?", "\\$4");
        // The simple protocol sends $1..$4 as they are, for PostgreSQL to plan without values.
        try (Connection c = DriverManager.getConnection(TestDatabase.url() + "?preferQueryMode=simple", "postgres",
                "postgres"); Statement statement = c.createStatement()) {
            assertServedByIndexes(QueryPlans.nodes(statement.executeQuery("EXPLAIN (FORMAT JSON, GENERIC_PLAN) " + generic)));
        }
    }

    private static void assertServedByIndexes(List<JsonObject> nodes) {
        for (JsonObject node : nodes) {
            String relation = node.getString("Relation Name", "");
            assertTrue(!node.getString("Node Type").equals("Seq Scan") || relation.isEmpty(),
                    "sequential scan on " + relation + ": " + nodes);
        }
        List<String> indexes = nodes.stream().map(node -> node.getString("Index Name", "")).toList();
        assertTrue(indexes.contains("coupons_code_lookup"), indexes.toString());
        assertTrue(indexes.contains("users_pkey"), indexes.toString());
        // A user's redemptions of the coupon: by (coupon, user), or by user (V5), whichever the
        // planner finds the fewer rows in.
        assertTrue(indexes.contains("coupon_usage_coupon_user") || indexes.contains("coupon_usage_user"),
                indexes.toString());
        // The total is the database's own counter, one row by primary key, never a count of rows.
        assertTrue(indexes.contains("coupon_usage_totals_pkey"), indexes.toString());
        assertTrue(indexes.contains("coupon_usage_coupon_order"), indexes.toString());
        // Live holds: the database's counter, and the partial indexes of holds still HELD.
        assertTrue(indexes.contains("coupon_hold_totals_pkey"), indexes.toString());
        assertTrue(indexes.stream().anyMatch(index -> index.startsWith("coupon_reservations_live_")), indexes.toString());
        String couponScan = nodes.stream().filter(node -> "coupons_code_lookup".equals(node.getString("Index Name", "")))
                .map(node -> node.getString("Node Type")).findFirst().orElseThrow();
        assertEquals("Index Only Scan", couponScan, "the coupon's fields come from the index alone");
    }
}
