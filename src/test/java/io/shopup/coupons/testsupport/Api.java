package io.shopup.coupons.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A checkout's (and a back office's) view of the service: plain HTTP against the deployed WAR,
 * with the credentials each endpoint needs (the test checkout key for the Integration API, an
 * admin token for the rest) unless a request names its own {@code Authorization} or the Api is
 * {@linkplain #anonymous() anonymous}.
 */
public final class Api {

    /**
     * HTTP/1.1, as curl and browsers ask: Java's default asks every new connection for an h2c
     * upgrade, which Payara answers with {@code Connection: close} (a new connection for every
     * request) and, for a streamed answer, without its Content-Type (see STACK-NOTES).
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private final URI validate;
    private final URI base;
    private final boolean credentials;

    public Api(URL deployment) {
        this(URI.create(deployment.toExternalForm().replaceAll("/?$", "/")), true);
        CacheSync.follow(base);
    }

    private Api(URI base, boolean credentials) {
        this.base = base;
        this.validate = base.resolve("api/coupons/validate");
        this.credentials = credentials;
    }

    /** The same service without default credentials: every request carries only the headers it names. */
    public Api anonymous() {
        return new Api(base, false);
    }

    /** What the tests send by default: a checkout key to the Integration API, an admin token elsewhere under api/. */
    public static String defaultAuthorization(String relativePath) {
        if (relativePath.startsWith("api/coupons/validate") || relativePath.startsWith("api/reservations")
                || relativePath.startsWith("api/redemptions")) {
            return TestCredentials.checkoutAuthorization();
        }
        return relativePath.startsWith("api/") ? TestCredentials.adminAuthorization() : null;
    }

    /** A validation request body; orderId may be null. */
    public static String body(String code, String userId, String orderValue, String orderId) {
        return "{\"code\":\"" + code + "\",\"userId\":\"" + userId + "\",\"orderValue\":" + orderValue
                + (orderId == null ? "" : ",\"orderId\":\"" + orderId + "\"") + "}";
    }

    public Reply validate(String json) {
        return send(HttpRequest.newBuilder(validate).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply validate(String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(validate).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /** A path relative to the deployment, or, starting with '/', to the server (as health is). */
    public Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }


    /**
     * Any request: {@code path} relative to the deployment, a JSON body or null, and header
     * names and values in pairs.
     */
    public Reply call(String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** Any request with a body of the given content type (null: none), and header names and values in pairs. */
    public Reply call(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** The {@code data} of one named check of {@code /health/ready}, as text (MicroProfile Health reports strings). */
    public String readinessData(String check, String key) {
        for (JsonValue entry : get("/health/ready").json().getJsonArray("checks")) {
            JsonObject found = entry.asJsonObject();
            if (check.equals(found.getString("name"))) {
                JsonValue value = found.getJsonObject("data").get(key);
                return value instanceof JsonString text ? text.getString() : String.valueOf(value);
            }
        }
        throw new AssertionError("no " + check + " check in /health/ready");
    }

    private Reply send(HttpRequest.Builder builder) {
        HttpRequest request = builder.timeout(Duration.ofSeconds(30)).build();
        if (credentials && request.headers().firstValue("Authorization").isEmpty()) {
            String authorization = defaultAuthorization(base.relativize(request.uri()).getPath());
            if (authorization != null) {
                request = HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", authorization).build();
            }
        }
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response with its body read as JSON when it is JSON. */
    public record Reply(HttpResponse<String> response) {

        public int status() {
            return response.statusCode();
        }

        public String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public String body() {
            return response.body();
        }

        public JsonObject json() {
            return Json.createReader(new StringReader(response.body())).readObject();
        }
    }
}
