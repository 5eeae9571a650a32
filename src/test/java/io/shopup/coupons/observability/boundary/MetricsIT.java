package io.shopup.coupons.observability.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.Api;
import io.shopup.coupons.testsupport.Checkout;
import io.shopup.coupons.testsupport.DeployedService;
import io.shopup.coupons.testsupport.Eventually;
import io.shopup.coupons.testsupport.ServiceProcess;
import io.shopup.coupons.testsupport.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** {@code /metrics}: Prometheus text without credentials, the meters the operations issue asks for, and the alerts' metrics. */
class MetricsIT extends DeployedService {

    static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");

    /** Every sample of a scrape: {@code name{labels}} to value. */
    Map<String, Double> scrape() {
        // The WAR's own servlet: at the deployment's context (the root in production).
        Api.Reply reply = api.anonymous().get("metrics");
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("text/plain"), reply.contentType());
        Map<String, Double> samples = new HashMap<>();
        for (String line : reply.body().split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.matches()) {
                samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)),
                        Double.parseDouble(sample.group(3)));
            }
        }
        return samples;
    }

    static double value(Map<String, Double> samples, String name, String... labels) {
        return samples.entrySet().stream().filter(e -> e.getKey().startsWith(name + "{") || e.getKey().equals(name))
                .filter(e -> List.of(labels).stream().allMatch(l -> e.getKey().contains(l)))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    @Test
    void decisionsRefusalsAndRedemptionsAreCountedAndTimed() {
        String code = TestData.uniqueCode("MET");
        String user = TestData.user(TestData.uniqueUser());
        TestData.timeCoupon(code, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600)).insert();
        Map<String, Double> before = scrape();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, api.validate(Api.body(code, user, "100", null)).status());
        }
        api.validate(Api.body("NO-SUCH-" + code, user, "100", null));
        assertEquals(401, api.anonymous().call("POST", "api/coupons/validate", "{}").status());
        assertEquals(201, new Checkout(api).hold(code, user, "order-1").status());
        assertEquals(404, new Checkout(api).reservation("00000000-0000-4000-8000-000000000009").status());
        Map<String, Double> after = scrape();

        String valid = "reason=\"VALID\"";
        assertEquals(3, value(after, "coupons_validations_total", valid) - value(before, "coupons_validations_total", valid));
        assertEquals(1, value(after, "coupons_validations_total", "COUPON_NOT_FOUND")
                - value(before, "coupons_validations_total", "COUPON_NOT_FOUND"));
        assertEquals(4, value(after, "coupons_validation_duration_seconds_count")
                - value(before, "coupons_validation_duration_seconds_count"));
        for (String le : List.of("1.0E-4", "0.001", "0.05", "1.0", "+Inf")) {
            assertTrue(after.containsKey("coupons_validation_duration_seconds_bucket{le=\"" + le + "\"}"), "bucket " + le);
        }
        String refusal = "endpoint=\"POST api/coupons/validate\"";
        assertEquals(1, value(after, "coupons_access_refusals_total", refusal, "unauthenticated")
                - value(before, "coupons_access_refusals_total", refusal, "unauthenticated"));
        assertTrue(Eventually.within(Duration.ofSeconds(5), () -> value(scrape(), "coupons_redemption_requests_total",
                "operation=\"hold\"", "status=\"201\"") - value(before, "coupons_redemption_requests_total",
                "operation=\"hold\"", "status=\"201\"") == 1), "the hold, counted once it was answered");
        assertTrue(Eventually.within(Duration.ofSeconds(5), () -> value(scrape(), "coupons_http_responses_total",
                "status=\"4xx\"") - value(before, "coupons_http_responses_total", "status=\"4xx\"") == 2),
                "the 401, and the 404 answered later on a redemption thread, among the answers");
    }

    @Test
    void theLogTheCacheTheJvmAndReadinessHaveMeters() {
        assertTrue(Eventually.within(Duration.ofSeconds(30), () -> value(scrape(), "coupons_readiness") == 1.0),
                "ready once the cache has loaded");
        Map<String, Double> samples = scrape();
        for (String name : List.of("coupons_validationlog_queue_records", "coupons_validationlog_queue_bytes",
                "coupons_validationlog_queue_oldest_seconds", "coupons_validationlog_written_total",
                "coupons_validationlog_spilled_total", "coupons_validationlog_replayed_total",
                "coupons_validationlog_deadlettered_total", "coupons_validationlog_dropped_total",
                "coupons_cache_coupons", "coupons_cache_users", "coupons_cache_stale_seconds",
                "coupons_cache_reloads_total", "coupons_cache_changes_total", "jvm_memory_used_bytes",
                "jvm_threads_live_threads", "process_cpu_usage")) {
            assertTrue(samples.keySet().stream().anyMatch(k -> k.equals(name) || k.startsWith(name + "{")), name);
        }
        assertTrue(value(samples, "coupons_cache_reloads_total") >= 1, "the first load");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertIsWellFormedAndNamesMetricsTheServiceExports() throws Exception {
        Path rules = ServiceProcess.project().resolve("docker/prometheus/alerts.yml");
        Map<String, Object> file = new Yaml().load(Files.readString(rules));
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            alerts.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        Set<String> exported = new java.util.HashSet<>();
        scrape().keySet().forEach(k -> exported.add(k.replaceAll("\\{.*", "")));
        Pattern metric = Pattern.compile("\\b(coupons_[a-z_]+)");
        List<String> names = new ArrayList<>();
        for (Map<String, Object> alert : alerts) {
            names.add((String) alert.get("alert"));
            String expr = (String) alert.get("expr");
            assertTrue(((Map<String, Object>) alert.get("labels")).containsKey("severity"), alert.toString());
            assertTrue(((Map<String, Object>) alert.get("annotations")).containsKey("summary"), alert.toString());
            Matcher used = metric.matcher(expr);
            while (used.find()) {
                assertTrue(exported.contains(used.group(1)), alert.get("alert") + " names " + used.group(1)
                        + ", which the service does not export");
            }
        }
        assertEquals(List.of("CouponsValidationLogBacklog", "CouponsValidationLogDropped", "CouponsValidationLogDeadLetters",
                "CouponsCacheStale", "CouponsValidationSlow", "CouponsServerErrors", "CouponsNotReady"), names);
    }
}
