package io.shopup.coupons.devserver;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the service the way a developer wants it: the built WAR on Payara Micro, backed by an
 * embedded PostgreSQL whose data stays in {@code .data/postgres} (or by {@code DB_URL} when set),
 * with the demo data set loaded into an empty database, and development credentials (see
 * {@link DevCredentials}). Ctrl-C stops both.
 *
 * <p>Started by {@code mvn -DskipTests package exec:java}; see the README for the settings.
 */
public final class DevServer {

    private DevServer() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        Path project = Path.of(System.getProperty("coupons.project.dir", ".")).toAbsolutePath().normalize();
        EmbeddedPostgres database = null;
        PayaraMicro.Settings settings = PayaraMicro.Settings.fromEnvironment(env);
        if (env.getOrDefault("DB_URL", "").isBlank()) {
            int port = Integer.parseInt(env.getOrDefault("EMBEDDED_DB_PORT", "15432"));
            Path dataDir = project.resolve(".data/postgres");
            Files.createDirectories(dataDir);
            System.out.println("Starting the embedded PostgreSQL on port " + port + " with data in " + dataDir);
            database = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
            settings = settings.withDatabase("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "postgres");
        }
        Map<String, String> credentials = DevCredentials.prepare(project.resolve(".data/dev"), env);
        Process payara = PayaraMicro.start(project, settings.withDemoData(true), credentials, null);
        EmbeddedPostgres db = database;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(payara, db), "dev-server-shutdown"));
        int exit = payara.waitFor();
        System.exit(exit);
    }

    private static void stop(Process payara, EmbeddedPostgres database) {
        try {
            if (payara.isAlive()) {
                payara.destroy();
                payara.waitFor();
            }
            if (database != null) {
                database.close();
            }
        } catch (IOException e) {
            System.err.println("Stopping the embedded PostgreSQL failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
