package io.shopup.coupons.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shopup.coupons.testsupport.Eventually;
import io.shopup.coupons.testsupport.ServiceProcess;
import io.shopup.coupons.testsupport.TestCredentials;
import io.shopup.coupons.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's load tooling, run as a newcomer runs it, against a service this test starts on a
 * database of its own: the performance data set, the request CSV into a folder that does not exist
 * yet, a short JMeter plan through the Maven plugin, and wrk for a few seconds where it is
 * installed. Each run must be answered and logged, one row per answered request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ToolingSmokeIT {

    private static final String DATABASE = "tooling_smoke";
    private static final Path PROJECT = ServiceProcess.project().toAbsolutePath();
    private static final Path WORK = Path.of(System.getProperty("java.io.tmpdir"), "tooling-smoke");
    /** In a folder that does not exist: the script must create it. */
    private static final Path CSV = WORK.resolve("data-" + System.nanoTime()).resolve("requests.csv");

    private static ServiceProcess service;

    @BeforeAll
    static void startService() throws Exception {
        TestDatabase.fresh(DATABASE);
        Files.createDirectories(WORK);
        service = ServiceProcess.start(databaseUrl(),
                Map.of("VALIDATIONLOG_SPILL_DIR", WORK.resolve("spill").toString()));
    }

    @AfterAll
    static void stopService() throws Exception {
        if (service != null) {
            service.stop();
        }
        TestDatabase.drop(DATABASE);
    }

    @Test
    @Order(1)
    void thePerformanceDataSetLoads() throws Exception {
        run(List.of("seed-sql/perf-data.sh"), Map.of());
        assertEquals(1_000_000, count("SELECT count(*) FROM users WHERE id LIKE 'user\\_%'"));
        assertEquals(5_000, count("SELECT count(*) FROM coupons WHERE code LIKE 'PERF-%'"));
    }

    @Test
    @Order(2)
    void theRequestCsvIsWrittenIntoAFolderThatDidNotExist() throws Exception {
        assertTrue(Files.notExists(CSV.getParent()));
        run(List.of("seed-sql/requests.sh", CSV.toString()), Map.of());
        assertEquals(9_501, Files.readAllLines(CSV).size(), "a header and 9,500 requests");
    }

    @Test
    @Order(3)
    void aShortJMeterPlanIsAnsweredAndLoggedRowForRow() throws Exception {
        long before = logRows();
        String out = run(List.of("perf-jmeter/run.sh", "original.jmx", "-Dport=" + service.port(), "-Dthreads=5",
                "-Dloops=4", "-Dcsv=" + CSV), Map.of());
        assertTrue(out.contains("samples 20, errors 0 "), out);
        assertTrue(out.contains("validation_logs rows added 20, answered samples 20: none lost"), out);
        assertTrue(Eventually.within(Duration.ofSeconds(30), () -> logRows() - before == 20), "20 rows logged");
    }

    @Test
    @Order(4)
    void wrkForAFewSecondsIsAnsweredAndLogged() throws Exception {
        assumeTrue(installed("wrk"), "wrk is not installed (apt-get install wrk): its script was not run");
        long before = logRows();
        int connections = 4;
        String out = run(List.of("perf-jmeter/wrk/run.sh", "3"), Map.of("CONNECTIONS", String.valueOf(connections),
                "THREADS", "1", "SERVICE_URL", "http://localhost:" + service.port(), "REQUESTS_CSV", CSV.toString()));
        Matcher counted = Pattern.compile("requests wrk counted (\\d+), non-2xx (\\d+)").matcher(out);
        assertTrue(counted.find(), out);
        long requests = Long.parseLong(counted.group(1));
        assertTrue(requests > 0, out);
        assertEquals(0, Long.parseLong(counted.group(2)), out);
        // wrk does not count the requests in flight when it stops; the service answers and logs them.
        assertTrue(Eventually.within(Duration.ofSeconds(30), () -> logRows() - before >= requests), out);
        long rows = logRows() - before;
        assertTrue(rows <= requests + connections, rows + " rows for " + requests + " requests: " + out);
    }

    private static String run(List<String> command, Map<String, String> env) throws Exception {
        Path log = Files.createTempFile(WORK, "command", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // The test JVM's own DB_URL is the shared test database: the tools get this test's database.
        builder.environment().put("DB_URL", databaseUrl());
        builder.environment().put("DB_USER", "postgres");
        builder.environment().put("DB_PASSWORD", "postgres");
        builder.environment().put("COUPONS_API_KEY", TestCredentials.checkoutKey());
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String out = Files.readString(log);
        assertTrue(ended && process.exitValue() == 0, String.join(" ", command) + " failed:\n" + out);
        return out;
    }

    private static boolean installed(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private static String databaseUrl() {
        return TestDatabase.url().replaceAll("/postgres$", "/" + DATABASE);
    }

    private static long logRows() {
        return count("SELECT count(*) FROM validation_logs");
    }

    private static long count(String sql) {
        try (Connection c = DriverManager.getConnection(databaseUrl(), "postgres", "postgres");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
