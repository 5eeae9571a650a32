package io.shopup.coupons.wildfly;

import io.shopup.coupons.testsupport.Api;
import io.shopup.coupons.testsupport.Eventually;
import io.shopup.coupons.testsupport.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A stock WildFly (the dist that the {@code wildfly} profile unpacks into {@code target}),
 * configured by {@code src/main/wildfly/configure.cli} as the README says, with the WAR deployed
 * as {@code ROOT.war}, started on free ports and stopped with SIGTERM.
 */
record WildFlyServer(Process process, int port, int managementPort, Api api, Path log) {

    static final Path HOME = Path.of(System.getProperty("coupons.wildfly.home", "target/wildfly"));

    static WildFlyServer start(Map<String, String> env) throws Exception {
        configure();
        Path deployments = HOME.resolve("standalone/deployments");
        Files.copy(ServiceProcess.project().resolve("target/coupons.war"), deployments.resolve("ROOT.war"),
                StandardCopyOption.REPLACE_EXISTING);
        int port = freePort();
        int management = freePort();
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "wildfly-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(HOME.resolve("bin/standalone.sh").toString(),
                "-Djboss.http.port=" + port, "-Djboss.https.port=" + freePort(),
                "-Djboss.management.http.port=" + management, "-Djboss.management.https.port=" + freePort(),
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // Only what a server needs and the settings given: not the tuned settings the Payara tests inherit.
        Map<String, String> inherited = Map.copyOf(builder.environment());
        builder.environment().clear();
        for (String name : List.of("PATH", "JAVA_HOME", "HOME", "TMPDIR")) {
            if (inherited.containsKey(name)) {
                builder.environment().put(name, inherited.get(name));
            }
        }
        builder.environment().putAll(env);
        builder.environment().put("JAVA_OPTS", "-Xmx512m -Djava.net.preferIPv4Stack=true");
        // Without it standalone.sh waits for java in the foreground, and SIGTERM ends only the shell.
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        Process process = builder.start();
        WildFlyServer server = new WildFlyServer(process, port, management, new Api(new URL("http://localhost:" + port + "/")), log);
        if (!Eventually.within(Duration.ofSeconds(180), () -> server.health("ready") == 200 || !process.isAlive())
                || !process.isAlive()) {
            server.stop();
            throw new IllegalStateException("WildFly did not become ready:\n" + server.errors());
        }
        return server;
    }

    /** The stock configuration again, then the README's CLI script: every run starts from the dist as unpacked. */
    private static void configure() throws Exception {
        Path configuration = HOME.resolve("standalone/configuration/standalone.xml");
        Path stock = HOME.resolve("standalone/configuration/standalone.xml.stock");
        if (!Files.exists(stock)) {
            Files.copy(configuration, stock);
        }
        Files.copy(stock, configuration, StandardCopyOption.REPLACE_EXISTING);
        deleteTree(HOME.resolve("modules/org/postgresql"));
        deleteTree(HOME.resolve("standalone/data"));
        deleteTree(HOME.resolve("standalone/tmp"));
        Path out = Path.of(System.getProperty("java.io.tmpdir"), "wildfly-configure.log");
        Process cli = new ProcessBuilder(HOME.resolve("bin/jboss-cli.sh").toString(),
                "--file=" + ServiceProcess.project().resolve("src/main/wildfly/configure.cli"),
                "-Dpostgresql.jar=" + System.getProperty("coupons.wildfly.postgresql-jar"))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!cli.waitFor(180, TimeUnit.SECONDS) || cli.exitValue() != 0) {
            end(cli);
            throw new IllegalStateException("configure.cli failed:\n" + Files.readString(out));
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** MicroProfile Health's status code on WildFly's management port, where WildFly serves it. */
    int health(String check) {
        try {
            return HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + managementPort + "/health/" + check)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGTERM to the script and the server's JVM under it; they are killed after a minute. */
    void stop() throws InterruptedException {
        end(process);
    }

    private static void end(Process process) throws InterruptedException {
        List<ProcessHandle> all = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                handle.destroyForcibly();
            }
        }
    }

    String errors() {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            List<String> found = lines.filter(l -> l.contains(" ERROR ") || l.startsWith("Caused by") || l.contains("WFLY"))
                    .filter(l -> !l.contains(" INFO ")).map(l -> l.length() > 400 ? l.substring(0, 400) : l).toList();
            String text = found.stream().collect(Collectors.joining("\n"));
            return text.length() > 4_000 ? text.substring(0, 4_000) : text;
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
