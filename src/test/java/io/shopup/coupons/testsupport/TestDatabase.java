package io.shopup.coupons.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;

/**
 * The real PostgreSQL 17 of the integration tests, shared by the test JVM and the Payara Micro
 * under test. It can be stopped and started again on the same port and data, to play an outage.
 */
public final class TestDatabase {

    private static EmbeddedPostgres postgres;
    private static int port;
    private static Path dataDir;

    private TestDatabase() {
    }

    static synchronized void start(int dbPort) {
        port = dbPort;
        dataDir = Path.of(System.getProperty("java.io.tmpdir"), "test-postgres");
        deleteRecursively(dataDir);
        // Segments a previous run left would be replayed into this fresh database.
        String spill = System.getenv("VALIDATIONLOG_SPILL_DIR");
        if (spill != null) {
            deleteRecursively(Path.of(spill));
        }
        startServer();
        // The same migrations the service runs, so tests that need no server find the schema too.
        Flyway.configure().dataSource(url(), "postgres", "postgres").locations("classpath:db/migration").load().migrate();
    }

    /** Stops the server as an operator would (fast shutdown), keeping its data. */
    public static synchronized void stopServer() {
        try {
            if (postgres != null) {
                postgres.close();
                postgres = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server again on the same port with the same data. */
    public static synchronized void startServer() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Freezes the server and every backend (SIGSTOP), as a network partition that drops packets
     * would look from the service: connections stay open and nothing answers. {@link #thaw} ends it.
     */
    public static synchronized void freeze() {
        signal("STOP");
    }

    public static synchronized void thaw() {
        signal("CONT");
    }

    private static void signal(String signal) {
        String dir = dataDir.toAbsolutePath().toString();
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains("postgres") && line.contains(dir)).orElse(false))
                .forEach(postmaster -> {
                    command.add(String.valueOf(postmaster.pid()));
                    postmaster.descendants().forEach(backend -> command.add(String.valueOf(backend.pid())));
                });
        if (command.size() == 2) {
            throw new IllegalStateException("no PostgreSQL process found for " + dir);
        }
        try {
            Process kill = new ProcessBuilder(command).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static synchronized void stop() {
        stopServer();
    }

    public static String url() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "postgres");
    }

    /** An empty database of this name on the test server (dropped first if it exists); its URL. */
    public static String fresh(String database) throws SQLException {
        drop(database);
        try (Connection c = connect(); java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        return url().replaceAll("/postgres$", "/" + database);
    }

    public static void drop(String database) throws SQLException {
        try (Connection c = connect(); java.sql.Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
