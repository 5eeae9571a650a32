package io.shopup.coupons.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.Api;
import io.shopup.coupons.testsupport.Eventually;
import io.shopup.coupons.testsupport.ReadmeBlocks;
import io.shopup.coupons.testsupport.TestCredentials;
import io.shopup.coupons.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same WAR on WildFly 39 (profile {@code wildfly}: {@code mvn verify -Pwildfly}): deployed on a
 * stock server configured by the README's CLI script, it migrates an empty database, loads the demo
 * data, answers the README's curl examples as written, reports health and logs what it decided.
 */
class WildFlySmokeIT {

    private static final String DATABASE = "wildfly_smoke";

    private static WildFlyServer server;
    private static Path developer;

    @BeforeAll
    static void deployOnAnEmptyDatabase() throws Exception {
        developer = ReadmeBlocks.developerFolder();
        server = WildFlyServer.start(Map.of(
                "DB_URL", TestDatabase.fresh(DATABASE),
                "DB_USER", "postgres",
                "DB_PASSWORD", "postgres",
                "DB_MAX_CONNECTIONS", "5",
                "COUPONS_DEMO_DATA_ENABLED", "true",
                "VALIDATIONLOG_SPILL_DIR", Path.of(System.getProperty("java.io.tmpdir"), "wildfly-spill").toString(),
                "COUPONS_API_KEYS", "test-checkout:" + TestCredentials.checkoutKey(),
                "MP_JWT_VERIFY_ISSUER", TestCredentials.ISSUER,
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file://" + System.getProperty("coupons.test.jwt.public-key")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        TestDatabase.drop(DATABASE);
    }

    private static String database() {
        return TestDatabase.url().replaceAll("/postgres$", "/" + DATABASE);
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(database(), "postgres", "postgres");
                Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String bash(String script) throws Exception {
        return ReadmeBlocks.run(script, server.port(), developer, server::errors);
    }

    @Test
    void theSchemaIsMigratedAndHealthIsUp() throws Exception {
        assertTrue(count("SELECT count(*) FROM flyway_schema_history WHERE success") >= 10, "every migration ran");
        assertEquals(200, server.health("live"));
        assertEquals(200, server.health("ready"));
    }

    @Test
    void theReadmesFirstValidationAnswersAsWrittenAndIsLogged() throws Exception {
        List<String> blocks = ReadmeBlocks.between("## Run it", "### Development data");
        String logged = "SELECT count(*) FROM validation_logs WHERE coupon_code = 'USER-TEST' AND user_id = 'user_0000001'"
                + " AND validation_reason = 'VALID'";
        long before = count(logged);
        String out = bash(blocks.get(1));
        assertEquals(blocks.get(2).strip(), out.strip(), "the README's answer to its first curl");
        assertTrue(Eventually.within(Duration.ofSeconds(10), () -> {
            try {
                return count(logged) == before + 1;
            } catch (SQLException e) {
                return false;
            }
        }), "the validation log wrote the decision once:\n" + server.errors());
    }

    @Test
    void theCheckoutFlowRunsAsWritten() throws Exception {
        ReadmeBlocks.checkoutFlow(block -> bash(block));
    }

    @Test
    void metricsTheApiDescriptionAndSwaggerUiAreTheWarsOwn() throws Exception {
        // Not the README's validation: the log test counts that one's rows.
        Api.Reply decided = server.api().call("POST", "api/coupons/validate",
                "{\"code\":\"FLAT5\",\"userId\":\"user_0000004\",\"orderValue\":19.99}");
        assertEquals(200, decided.status(), decided.body());
        Api anonymous = server.api().anonymous();
        Api.Reply metrics = anonymous.get("metrics");
        assertEquals(200, metrics.status(), metrics.body());
        double decisions = metrics.body().lines().filter(line -> line.startsWith("coupons_validations_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        assertTrue(decisions >= 1, "the validation was counted: " + decisions);
        Api.Reply openApi = anonymous.get("openapi");
        assertEquals(200, openApi.status());
        assertTrue(openApi.body().startsWith("openapi: 3.0.3"), openApi.body().substring(0, 50));
        Api.Reply ui = anonymous.get("openapi-ui/");
        assertEquals(200, ui.status());
        assertTrue(ui.body().contains("swagger-ui-bundle.js"), ui.body());
    }
}
