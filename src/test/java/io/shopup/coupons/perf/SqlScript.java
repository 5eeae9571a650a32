package io.shopup.coupons.perf;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Runs a script of {@code seed-sql/} against the service's database: {@code DB_URL} (with
 * {@code DB_USER}, {@code DB_PASSWORD}) or the development launcher's embedded PostgreSQL on
 * {@code localhost:15432}. A line {@code -- step: text} starts a step, timed and printed. A step
 * whose text starts with {@code csv} is a query copied to the file named by the second argument.
 *
 * <p>{@code mvn -q -DskipTests test-compile exec:java -Dexec.mainClass=io.shopup.coupons.perf.SqlScript
 * -Dexec.args="seed-sql/seed.sql"}
 */
public final class SqlScript {

    private SqlScript() {
    }

    public static void main(String[] args) throws Exception {
        Path script = Path.of(args[0]);
        Map<String, String> env = System.getenv();
        String url = env.getOrDefault("DB_URL", "jdbc:postgresql://localhost:"
                + env.getOrDefault("EMBEDDED_DB_PORT", "15432") + "/postgres");
        long total = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, env.getOrDefault("DB_USER", "postgres"),
                env.getOrDefault("DB_PASSWORD", "postgres"))) {
            for (Step step : steps(Files.readString(script, StandardCharsets.UTF_8))) {
                long started = System.nanoTime();
                System.out.printf(Locale.ROOT, "%-90s", step.name());
                System.out.flush();
                if (step.name().startsWith("csv")) {
                    Path csv = Path.of(args[1]).toAbsolutePath();
                    // A fresh clone has no folder for the data: make it rather than fail.
                    Files.createDirectories(csv.getParent());
                    try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                        long rows = c.unwrap(PGConnection.class).getCopyAPI()
                                .copyOut("COPY (" + step.sql().strip().replaceAll(";\\s*$", "")
                                        + ") TO STDOUT (FORMAT csv, HEADER)", out);
                        System.out.printf(Locale.ROOT, "%,d rows to %s ", rows, args[1]);
                    }
                } else {
                    try (Statement statement = c.createStatement()) {
                        statement.execute(step.sql());
                    }
                }
                System.out.printf(Locale.ROOT, "%6.2f s%n", (System.nanoTime() - started) / 1e9);
            }
        }
        System.out.printf(Locale.ROOT, "done in %.2f s%n", (System.nanoTime() - total) / 1e9);
    }

    record Step(String name, String sql) {
    }

    static List<Step> steps(String script) {
        List<Step> steps = new ArrayList<>();
        String name = null;
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.startsWith("-- step:")) {
                if (name != null) {
                    steps.add(new Step(name, sql.toString()));
                }
                name = line.substring("-- step:".length()).strip();
                sql.setLength(0);
            } else if (name != null) {
                sql.append(line).append('\n');
            }
        }
        if (name != null) {
            steps.add(new Step(name, sql.toString()));
        }
        return steps;
    }
}
