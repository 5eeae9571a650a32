package io.shopup.coupons.devserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts {@code target/payara-micro.jar} with {@code target/coupons.war}, as a child process. */
public final class PayaraMicro {

    /**
     * Validation is CPU-bound and never waits for the database, so a few threads serve it best
     * (measured on 2 cores: see the README); the reports that do wait are bounded separately.
     */
    static final String DEFAULT_HTTP_THREADS = "4";
    static final String DEFAULT_HEAP = "768m";
    /**
     * The parallel collector gave the shortest tail latency under load; a young generation of at
     * most 128 MB keeps its adaptive sizing from growing eden past what the answers need, about
     * 100 MB of resident memory at either data set's size (see docs/performance.md).
     */
    static final String DEFAULT_JAVA_OPTIONS = "-XX:+UseParallelGC -XX:MaxNewSize=128m";

    public record Settings(String dbUrl, String dbUser, String dbPassword, int maxConnections, int httpPort,
                    int httpThreads, String heap, boolean demoData) {

        public static Settings fromEnvironment(Map<String, String> env) {
            int connections = Integer.parseInt(env.getOrDefault("DB_MAX_CONNECTIONS", "20"));
            return new Settings(env.get("DB_URL"), env.getOrDefault("DB_USER", "postgres"),
                    env.getOrDefault("DB_PASSWORD", ""), connections,
                    Integer.parseInt(env.getOrDefault("HTTP_PORT", "8080")),
                    Integer.parseInt(env.getOrDefault("HTTP_THREADS", DEFAULT_HTTP_THREADS)),
                    env.getOrDefault("JAVA_HEAP", DEFAULT_HEAP),
                    false);
        }

        public Settings withDatabase(String url, String user, String password) {
            return new Settings(url, user, password, maxConnections, httpPort, httpThreads, heap, demoData);
        }

        public Settings withDemoData(boolean enabled) {
            return new Settings(dbUrl, dbUser, dbPassword, maxConnections, httpPort, httpThreads, heap, enabled);
        }
    }

    private PayaraMicro() {
    }

    static Process start(Path project, Settings settings) throws IOException {
        return start(project, settings, Map.of(), null);
    }

    /**
     * @param extraEnvironment more settings for the service (e.g. {@code VALIDATIONLOG_*})
     * @param output where the server's output goes; null for this process's own output
     */
    public static Process start(Path project, Settings settings, Map<String, String> extraEnvironment, Path output)
            throws IOException {
        Path jar = project.resolve("target/payara-micro.jar");
        Path war = project.resolve("target/coupons.war");
        for (Path required : List.of(jar, war)) {
            if (!Files.isRegularFile(required)) {
                throw new IllegalStateException(required + " is missing: run 'mvn -DskipTests package' first");
            }
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + settings.heap()));
        String javaOptions = System.getenv().getOrDefault("JAVA_OPTS", DEFAULT_JAVA_OPTIONS).trim();
        if (!javaOptions.isEmpty()) {
            command.addAll(List.of(javaOptions.split("\\s+")));
        }
        command.addAll(List.of(
                "-jar", jar.toString(),
                "--deploy", war.toString(),
                "--contextroot", "/",
                "--port", String.valueOf(settings.httpPort()),
                "--maxhttpthreads", String.valueOf(settings.httpThreads()),
                "--minhttpthreads", String.valueOf(settings.httpThreads()),
                "--nohazelcast",
                "--prebootcommandfile", project.resolve("src/main/payara/pre-boot-commands.asadmin").toString(),
                "--postbootcommandfile", project.resolve("src/main/payara/post-boot-commands.asadmin").toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (output == null) {
            builder.inheritIO();
        } else {
            builder.redirectErrorStream(true).redirectOutput(output.toFile());
        }
        Map<String, String> env = builder.environment();
        env.put("DB_URL", settings.dbUrl());
        env.put("DB_USER", settings.dbUser());
        env.put("DB_PASSWORD", settings.dbPassword());
        env.put("DB_MAX_CONNECTIONS", String.valueOf(settings.maxConnections()));
        env.putIfAbsent("COUPONS_DEMO_DATA_ENABLED", String.valueOf(settings.demoData()));
        // glibc's default of up to 8 malloc arenas per core cost about 60 to 110 MB of resident
        // memory under load here; 2 cost nothing measurable in throughput (docs/performance.md).
        env.putIfAbsent("MALLOC_ARENA_MAX", "2");
        env.putIfAbsent("VALIDATIONLOG_SPILL_DIR", project.resolve(".data/validation-log-spill").toString());
        env.putAll(extraEnvironment);
        return builder.start();
    }
}
