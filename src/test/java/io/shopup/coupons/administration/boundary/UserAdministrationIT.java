package io.shopup.coupons.administration.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopup.coupons.testsupport.Api;
import io.shopup.coupons.testsupport.DeployedService;
import io.shopup.coupons.testsupport.TestCredentials;
import io.shopup.coupons.testsupport.TestData;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Users through the Management API: one at a time, and imports of many that are applied whole or not at all. */
class UserAdministrationIT extends DeployedService {

    static final String IMPORTING = "SELECT pid FROM pg_stat_activity WHERE application_name = 'coupons'"
            + " AND (query LIKE 'COPY users_import%' OR query LIKE 'WITH latest AS%') AND state = 'active'";

    Api.Reply importUsers(String contentType, String body) {
        return api.call("POST", "api/admin/users/import", contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aUserIsPutReadAndDeletedUnlessSomethingRefersToIt() {
        String id = "adm " + UUID.randomUUID();
        String path = "api/admin/users/" + id.replace(" ", "%20");
        Api.Reply created = api.call("PUT", path, "{\"email\":\"ann@example.com\"}");
        assertEquals(201, created.status(), created.body());
        assertEquals(id, created.json().getString("id"));
        Api.Reply replaced = api.call("PUT", path, "{\"email\":\"ann@example.org\"}");
        assertEquals(200, replaced.status());
        assertEquals("ann@example.org", api.get(path).json().getString("email"));
        assertEquals(400, api.call("PUT", path, "{\"email\":\"not an address\",\"name\":\"Ann\"}").status());
        assertEquals(400, api.call("PUT", "api/admin/users/%09", "{}").status(), "a control character is no id");

        TestData.userCoupon(TestData.uniqueCode("HERS"), id).insert();
        Api.Reply referred = api.call("DELETE", path, null);
        assertEquals(409, referred.status());
        assertEquals("urn:problem-type:coupons:user-in-use", referred.json().getString("type"));

        String free = TestData.user(TestData.uniqueUser());
        assertEquals(204, api.call("DELETE", "api/admin/users/" + free, null).status());
        assertEquals(404, api.call("DELETE", "api/admin/users/" + free, null).status());
        assertEquals(404, api.get("api/admin/users/" + free).status());
    }

    @Test
    void anImportCountsAndNamesBadLinesAndImportsTheRest() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        TestData.sql("INSERT INTO users (id, email) VALUES (?, 'old@example.com')", "imp-" + run + "-0");
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            ndjson.append("{\"id\":\"imp-").append(run).append('-').append(i).append("\",\"email\":\"u").append(i)
                    .append("@example.com\"}\n");
            if (i % 8 == 0) {
                ndjson.append("{\"id\":42}\n"); // 13 bad lines in all
            }
        }
        ndjson.append("\n{\"id\":\"imp-").append(run).append("-5\",\"email\":\"last@example.com\"}"); // no newline at the end
        Api.Reply report = importUsers("application/x-ndjson", ndjson.toString());
        assertEquals(200, report.status(), report.body());
        JsonObject counts = report.json();
        assertEquals(114, counts.getInt("received"));
        assertEquals(13, counts.getInt("rejected"));
        assertEquals(99, counts.getInt("created"));
        assertEquals(1, counts.getInt("updated"), "the user that existed");
        JsonArray first = counts.getJsonArray("firstRejected");
        assertEquals(10, first.size());
        assertEquals(2, first.getJsonObject(0).getInt("line"));
        assertTrue(first.getJsonObject(0).getString("problem").contains("line 2"), first.toString());
        assertEquals(100, TestData.count("SELECT count(*) FROM users WHERE id LIKE ?", "imp-" + run + "-%"));
        assertEquals("last@example.com", TestData.rows("SELECT email FROM users WHERE id = ?", "imp-" + run + "-5").strip(),
                "an id given twice keeps its last line");

        Api.Reply csv = importUsers("text/csv", "id,email\nimp-" + run + "-1,u1@example.com\n\"imp-" + run
                + "-c,1\",\nbroken,\"quote\n");
        assertEquals(200, csv.status(), csv.body());
        assertEquals(Json.createReader(new StringReader("{\"received\":3,\"created\":1,\"updated\":0,\"rejected\":1}"))
                .readObject(), withoutLines(csv.json()), "an unchanged user is neither created nor updated");
        assertEquals(415, importUsers("application/json", "{}").status());
    }

    @Test
    void aDatabaseFailureInTheMiddleLeavesNothingImported() throws Exception {
        String run = "fail-" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 500_000; i++) {
            lines.append(run).append('-').append(i).append(",u").append(i).append("@example.com\n");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toExternalForm()).resolve("api/admin/users/import"))
                .header("Content-Type", "text/csv").header("Authorization", TestCredentials.adminAuthorization())
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(lines.toString())).build();
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofString());
        // The import's statements (the COPY, then the upsert) take a second or two: asked back to back.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long killed = 0;
        while (killed == 0 && !answer.isDone() && System.nanoTime() < deadline) {
            killed = TestData.count("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM (" + IMPORTING + ") i) k");
        }
        assertEquals(1, killed, "the import's connection was ended in the middle");
        HttpResponse<String> response = answer.get(120, TimeUnit.SECONDS);
        assertEquals(503, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(0, TestData.count("SELECT count(*) FROM users WHERE id LIKE ?", run + "-%"), "no partial import");

        Api.Reply retried = importUsers("text/csv", run + "-1,a@example.com\n");
        assertEquals(200, retried.status(), "the next import works: " + retried.body());
    }

    private static JsonObject withoutLines(JsonObject report) {
        return Json.createObjectBuilder(report).remove("firstRejected").build();
    }
}
