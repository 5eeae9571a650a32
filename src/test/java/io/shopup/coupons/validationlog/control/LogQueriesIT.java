package io.shopup.coupons.validationlog.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.TestData;
import io.shopup.coupons.testsupport.QueryPlans;
import io.shopup.coupons.testsupport.TestDatabase;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The log's statistics and listing are served by its indexes, on a table worth planning for. */
class LogQueriesIT {

    private static final int ROWS = 200_000;

    @BeforeAll
    static void fillTheLog() throws SQLException {
        if (TestData.count("SELECT count(*) FROM validation_logs WHERE user_id LIKE 'plan-log-user-%'") < ROWS) {
            TestData.sql("""
                    INSERT INTO validation_logs (coupon_code, user_id, order_value, is_valid, validation_reason,
                                                 discount_applied, final_amount, response_time_ms, validated_at)
                    SELECT 'PLAN-LOG-' || (g % 2000), 'plan-log-user-' || (g % 50000), 100.00, g % 3 <> 0,
                           CASE WHEN g % 3 = 0 THEN 'COUPON_EXPIRED' ELSE 'VALID' END, 5.00, 95.00, 1.5,
                           date_trunc('month', now()) + (g % 86400) * interval '1 second'
                      FROM generate_series(1, ?) g""", ROWS);
        }
        try (Connection c = TestDatabase.connect(); Statement statement = c.createStatement()) {
            statement.execute("VACUUM ANALYZE validation_logs");
        }
    }

    @Test
    void statisticsReadTheHourlyTotalsAndTheEdgesByIndex() throws SQLException {
        Instant to = Instant.now().plus(Duration.ofDays(1));
        List<JsonObject> nodes = explain(StatsQuery.SQL, "PLAN-LOG-42", Timestamp.from(to.minus(Duration.ofDays(31))),
                Timestamp.from(to));
        assertNoSequentialScan(nodes);
        List<String> indexes = nodes.stream().map(node -> node.getString("Index Name", "")).toList();
        assertTrue(indexes.contains("validation_log_hourly_pkey"), indexes.toString());
        assertTrue(indexes.contains("validation_log_hourly_times_pkey"), indexes.toString());
        assertTrue(indexes.stream().anyMatch(name -> name.contains("coupon_code")), indexes.toString());
    }

    @Test
    void theListingWalksAnIndexNewestFirst() throws SQLException {
        String byUser = LogQueries.LIST + " AND user_id = ? ORDER BY validated_at DESC, id DESC LIMIT ?";
        List<JsonObject> nodes = explain(byUser, "plan-log-user-42", 50);
        assertNoSequentialScan(nodes);
        assertTrue(nodes.stream().anyMatch(node -> node.getString("Index Name", "").contains("user_id")),
                nodes.toString());

        String newest = LogQueries.LIST + " AND (validated_at, id) < (?, ?) ORDER BY validated_at DESC, id DESC LIMIT ?";
        List<JsonObject> page = explain(newest, Timestamp.from(Instant.now()), Long.MAX_VALUE, 50);
        assertNoSequentialScan(page);
    }

    /** Months ahead are empty, and reading an empty partition whole costs nothing: only filled ones count. */
    private static void assertNoSequentialScan(List<JsonObject> nodes) throws SQLException {
        List<String> filled = new ArrayList<>();
        try (Connection c = TestDatabase.connect(); Statement statement = c.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT relname FROM pg_class WHERE relname LIKE 'validation_logs_y%' AND reltuples > 1000")) {
            while (rs.next()) {
                filled.add(rs.getString(1));
            }
        }
        assertFalse(filled.isEmpty());
        assertFalse(nodes.stream().anyMatch(node -> node.getString("Node Type").equals("Seq Scan")
                && filled.contains(node.getString("Relation Name", ""))), nodes.toString());
    }

    private static List<JsonObject> explain(String sql, Object... params) throws SQLException {
        try (Connection c = TestDatabase.connect();
             PreparedStatement explain = c.prepareStatement("EXPLAIN (FORMAT JSON) " + sql)) {
            for (int i = 0; i < params.length; i++) {
                explain.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = explain.executeQuery()) {
                return QueryPlans.nodes(rs);
            }
        }
    }
}
