package io.shopup.coupons.observability.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.Api;
import io.shopup.coupons.testsupport.Checkout;
import io.shopup.coupons.testsupport.DeployedService;
import io.shopup.coupons.testsupport.Eventually;
import io.shopup.coupons.testsupport.Endpoints;
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
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What operators get, on one deployment: {@code /metrics} (Prometheus text without credentials, the
 * meters the operations issue asks for), the alerts and the dashboard naming only exported metrics,
 * and {@code /openapi} with Swagger UI.
 */
class OperationsIT extends DeployedService {

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
        // An answer given on a redemption thread is counted once it is out: the earlier tests' last ones first.
        assertTrue(Eventually.within(Duration.ofSeconds(5), () -> value(scrape(), "coupons_http_responses_total",
                "status=\"4xx\"") == value(scrape(), "coupons_http_responses_total", "status=\"4xx\"")));
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
        // At least: a test before this one may have had its last answer counted late.
        assertTrue(Eventually.within(Duration.ofSeconds(5), () -> value(scrape(), "coupons_http_responses_total",
                "status=\"4xx\"") - value(before, "coupons_http_responses_total", "status=\"4xx\"") >= 2),
                () -> "the 401, and the 404 answered later on a redemption thread, among the answers: "
                        + (value(scrape(), "coupons_http_responses_total", "status=\"4xx\"")
                        - value(before, "coupons_http_responses_total", "status=\"4xx\"")));
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

    @Test
    void thePoolsStatisticsAreTheServersOwn() {
        int max = Integer.getInteger("coupons.test.max-connections");
        Map<String, Double> samples = scrape();
        assertEquals(max, value(samples, "coupons_db_connections_max"), "DB_MAX_CONNECTIONS, as the pool has it");
        double inUse = value(samples, "coupons_db_connections_in_use");
        // The cache's listener keeps one connection for LISTEN all the time.
        assertTrue(inUse >= 1 && inUse <= max, "in use: " + inUse);
        assertEquals(0.0, value(samples, "coupons_db_connections_waiting"), "nobody waits at rest");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardShowsWhatTheIssueAsksAndOnlyMetricsTheServiceExports() throws Exception {
        Path file = ServiceProcess.project().resolve("docker/grafana/dashboards/coupons.json");
        Map<String, Object> dashboard = new Yaml().load(Files.readString(file));
        Set<String> exported = new java.util.HashSet<>();
        scrape().keySet().forEach(k -> exported.add(k.replaceAll("\\{.*", "")));
        Pattern metric = Pattern.compile("\\b((?:coupons|jvm)_[a-z_]+)");
        Set<String> shown = new java.util.HashSet<>();
        for (Map<String, Object> panel : (List<Map<String, Object>>) dashboard.get("panels")) {
            for (Map<String, Object> target : (List<Map<String, Object>>) panel.get("targets")) {
                Matcher used = metric.matcher((String) target.get("expr"));
                while (used.find()) {
                    assertTrue(exported.contains(used.group(1)), panel.get("title") + " shows " + used.group(1)
                            + ", which the service does not export");
                    shown.add(used.group(1));
                }
            }
        }
        for (String wanted : List.of("coupons_validations_total", "coupons_validation_duration_seconds_bucket",
                "coupons_redemption_requests_total", "coupons_validationlog_queue_records",
                "coupons_validationlog_spilled_total", "coupons_cache_stale_seconds", "coupons_db_connections_in_use")) {
            assertTrue(shown.contains(wanted), "the dashboard shows " + wanted);
        }
    }

    /** The WAR's own /openapi, at its context (the root in production). */
    OpenAPI openApi() {
        Api.Reply reply = api.anonymous().get("openapi");
        assertEquals(200, reply.status(), reply.body());
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        // Shared answers (components/responses) inlined, so that each operation's can be checked.
        options.setResolveFully(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(reply.body(), null, options);
        assertEquals(List.of(), parsed.getMessages(), "a valid OpenAPI 3 document");
        return parsed.getOpenAPI();
    }

    @Test
    void openApiIsValidAndDescribesEveryEndpointTheCodeDeclares() throws Exception {
        OpenAPI document = openApi();
        assertEquals("Coupon service", document.getInfo().getTitle());
        assertTrue(document.getInfo().getVersion() != null && document.getInfo().getDescription().length() > 200,
                "a version and a description");
        Set<String> described = new TreeSet<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> described.add(method.name() + " " + path)));
        Set<String> declared = new TreeSet<>();
        Endpoints.all().forEach(endpoint -> declared.add(endpoint.method() + " /" + endpoint.template()));
        Set<String> missing = new TreeSet<>(declared);
        missing.removeAll(described);
        assertEquals(Set.of(), missing, "endpoints the document does not describe");
        Set<String> extra = new TreeSet<>(described);
        extra.removeAll(declared);
        assertEquals(Set.of("GET /health/live", "GET /health/ready", "GET /metrics"), extra,
                "described but not JAX-RS endpoints of the WAR");
    }

    @Test
    void everyOperationIsDescribedWithItsProblemsAndExamples() {
        OpenAPI document = openApi();
        List<String> faults = new ArrayList<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String name = method + " " + path;
            if (operation.getOperationId() == null || operation.getSummary() == null || operation.getDescription() == null) {
                faults.add(name + ": operationId, summary and description");
            }
            boolean success = false;
            for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
                int status = Integer.parseInt(response.getKey());
                success |= status < 300;
                // Health answers 503 with MicroProfile Health's own JSON, as its clients expect.
                if (status >= 400 && !path.startsWith("/health/") && (response.getValue().getContent() == null
                        || !response.getValue().getContent().containsKey("application/problem+json"))) {
                    faults.add(name + " " + status + ": a problem document");
                }
            }
            if (!success) {
                faults.add(name + ": a success answer");
            }
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent().values().stream()
                    .noneMatch(media -> media.getExample() != null || (media.getExamples() != null && !media.getExamples().isEmpty())
                            || (media.getSchema() != null && media.getSchema().getExample() != null))) {
                faults.add(name + ": an example request");
            }
        }));
        assertEquals(List.of(), faults);
    }

    @Test
    void swaggerUiIsServedByTheWarAndPointsAtOpenApi() {
        Api.Reply page = api.anonymous().get("openapi-ui/");
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("swagger-ui-bundle.js"), page.body());
        Matcher script = Pattern.compile("src=\"\\.\\./(webjars/[^\"]+\\.js)\"").matcher(page.body());
        assertTrue(script.find(), page.body());
        Api.Reply bundle = api.anonymous().get(script.group(1));
        assertEquals(200, bundle.status(), "the webjar's version matches the page's");
        assertTrue(bundle.body().contains("SwaggerUIBundle"));
        Api.Reply initializer = api.anonymous().get("openapi-ui/swagger-initializer.js");
        assertEquals(200, initializer.status());
        assertTrue(initializer.body().contains("../openapi"), initializer.body());
    }
}
