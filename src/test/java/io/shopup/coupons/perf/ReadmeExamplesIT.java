package io.shopup.coupons.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.ReadmeBlocks;
import io.shopup.coupons.testsupport.ServiceProcess;
import io.shopup.coupons.testsupport.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    private static ServiceProcess service;
    /** Where the curls run: a project folder whose .data/dev holds what the launcher writes there. */
    private static Path developer;

    @BeforeAll
    static void startOnAnEmptyDatabase() throws Exception {
        developer = ReadmeBlocks.developerFolder();
        service = ServiceProcess.start(TestDatabase.fresh(DATABASE), Map.of("COUPONS_DEMO_DATA_ENABLED", "true"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.stop();
        }
        TestDatabase.drop(DATABASE);
    }

    @Test
    void theFirstValidationAnswersAsTheReadmeShows() throws Exception {
        List<String> blocks = blocks("## Run it", "### Development data");
        String out = bash(blocks.get(1));
        assertEquals(blocks.get(2).strip(), out.strip(), "the README's answer to its first curl");
    }

    @Test
    void theCheckoutFlowRunsAsWritten() throws Exception {
        ReadmeBlocks.checkoutFlow(block -> bash(block));
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
        return ReadmeBlocks.between(from, to);
    }

    private static String bash(String script) throws Exception {
        return ReadmeBlocks.run(script, service.port(), developer, service::severe);
    }
}
