package io.shopup.coupons.testsupport;

import io.shopup.coupons.devserver.PayaraMicro;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The service run as an operator runs it, not through Arquillian: its own Payara Micro process (as
 * the launcher starts it) on a free port, against a database of the test PostgreSQL, stopped with
 * SIGTERM.
 */
public record ServiceProcess(Process process, int port, Api api, Path log) {

    private static final Path PROJECT = Path.of(System.getProperty("coupons.project.dir", "."));

    /** The service on the test database. */
    public static ServiceProcess start(Map<String, String> env) throws Exception {
        return start(TestDatabase.url(), env);
    }

    /**
     * @param env settings of the service's own, over the defaults of the tests (no demo data, 5
     *            connections, {@code application_name} coupons-process-PORT)
     */
    public static ServiceProcess start(String dbUrl, Map<String, String> env) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PayaraMicro.Settings settings = PayaraMicro.Settings.fromEnvironment(Map.of("HTTP_PORT", String.valueOf(port),
                "DB_MAX_CONNECTIONS", "5")).withDatabase(dbUrl, "postgres", "postgres");
        // Its own name in pg_stat_activity: the tests that count the shared deployment's connections
        // must not count those of a process still closing them.
        Map<String, String> environment = new HashMap<>(Map.of("COUPONS_DEMO_DATA_ENABLED", "false",
                "DB_APPLICATION_NAME", "coupons-process-" + port));
        environment.putAll(env);
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "service-process-" + port + ".log");
        Process process = PayaraMicro.start(PROJECT, settings, environment, log);
        Api api = new Api(new URL("http://localhost:" + port + "/"));
        ServiceProcess service = new ServiceProcess(process, port, api, log);
        if (!Eventually.within(Duration.ofSeconds(120), () -> api.get("/health/ready").status() == 200)) {
            process.destroyForcibly();
            throw new IllegalStateException("the service did not become ready on port " + port + ":\n" + service.severe());
        }
        return service;
    }

    /** SIGTERM, then waits for the process to end (a minute at most). */
    public void stop() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the service did not stop within 60 s");
        }
    }

    /**
     * What the service logged as SEVERE, for an assertion's message: the build's output names the
     * failure, and the log file itself may be gone with the build's folder.
     */
    public String severe() {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            String found = lines.filter(line -> line.contains("SEVERE") || line.startsWith("Caused by"))
                    .map(line -> line.length() > 300 ? line.substring(0, 300) : line)
                    .collect(Collectors.joining("\n"));
            return found.length() > 2_000 ? found.substring(0, 2_000) : found;
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    public static Path project() {
        return PROJECT;
    }
}
