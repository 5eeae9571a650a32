package io.shopup.coupons.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.ServiceProcess;
import io.shopup.coupons.testsupport.TestCredentials;
import io.shopup.coupons.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A newcomer's first run: the service on an empty database, which the launcher fills with the
 * demo data, and the README's curl examples run as written (with the test's port for 8080). The
 * demo data load is the only path that writes through JPA entities at start-up; a pool setting
 * once broke it, and the service did not deploy at all.
 */
class ReadmeExamplesIT {

    private static final String DATABASE = "readme_examples";
    private static final Path README = ServiceProcess.project().resolve("README.md");

    private static ServiceProcess service;
    /** Where the curls run: a project folder whose .data/dev holds what the launcher writes there. */
    private static Path developer;

    @BeforeAll
    static void startOnAnEmptyDatabase() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DATABASE);
        }
        developer = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "readme");
        Files.createDirectories(developer.resolve(".data/dev"));
        Files.writeString(developer.resolve(".data/dev/checkout-key"), TestCredentials.checkoutKey());
        Files.writeString(developer.resolve(".data/dev/admin-token"),
                TestCredentials.adminAuthorization().substring("Bearer ".length()));
        service = ServiceProcess.start(TestDatabase.url().replaceAll("/postgres$", "/" + DATABASE),
                Map.of("COUPONS_DEMO_DATA_ENABLED", "true"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.stop();
        }
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    @Test
    void theFirstValidationAnswersAsTheReadmeShows() throws Exception {
        List<String> blocks = blocks("## Run it", "### Development data");
        String out = bash(blocks.get(1));
        assertEquals(blocks.get(2).strip(), out.strip(), "the README's answer to its first curl");
    }

    @Test
    void theCheckoutFlowRunsAsWritten() throws Exception {
        List<String> blocks = blocks("### Redemption: hold, commit, release; redeem, roll back", "| request | answer |");
        String hold = bash(blocks.get(0));
        assertTrue(hold.contains("\"status\":\"HELD\"") && hold.contains("\"discount\":12.00"), hold);
        String rest = bash(blocks.get(2));
        assertTrue(rest.contains("\"status\":\"COMMITTED\""), rest);
        assertTrue(rest.contains("}204\n") || rest.contains("\n204\n"), "the release's status: " + rest);
        assertTrue(rest.contains("\"status\":\"ROLLED_BACK\"") && rest.contains("\"reason\":\"order cancelled\""), rest);
    }

    @Test
    void theAdministrationExamplesRunAsWritten() throws Exception {
        List<String> blocks = blocks("### Administration: coupons, code batches, users", "### Abuse limits");
        String admin = bash(blocks.get(0));
        assertTrue(admin.contains("\"code\":\"SPRING-15\"") && admin.contains("\"status\":\"INACTIVE\"")
                && admin.contains("\"maxDiscount\":null"), admin);
        assertTrue(admin.contains("\n204\n") || admin.contains("}204\n"), "the coupon's delete: " + admin);
        String report = blocks.get(0).lines().filter(line -> line.startsWith("# → ")).findFirst().orElseThrow()
                .substring("# → ".length());
        assertTrue(admin.strip().endsWith(report), "the import's report as the README shows it: " + admin);

        String campaign = bash(blocks.get(1));
        assertTrue(campaign.contains("10001\n"), "the header and 10,000 codes: " + campaign);
        assertTrue(campaign.contains("\"valid\":true") && campaign.contains("\"discount\":5.00"), campaign);
    }

    /** The fenced blocks (of any language) of the README between two headings or lines. */
    private static List<String> blocks(String from, String to) throws Exception {
        String text = Files.readString(README, StandardCharsets.UTF_8);
        int start = text.indexOf(from);
        int end = text.indexOf(to, start + from.length());
        assertTrue(start >= 0 && end > start, "README section " + from);
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : text.substring(start, end).split("\n")) {
            if (line.startsWith("```")) {
                if (block == null) {
                    block = new StringBuilder();
                } else {
                    blocks.add(block.toString());
                    block = null;
                }
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }

    private static String bash(String script) throws Exception {
        Path log = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "readme", ".log");
        Process process = new ProcessBuilder("bash", "-c", script.replace("localhost:8080", "localhost:" + service.port()))
                .directory(developer.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String out = Files.readString(log);
        assertTrue(ended && process.exitValue() == 0, script + "\nfailed:\n" + out + "\n" + service.severe());
        return out + "\n";
    }
}
