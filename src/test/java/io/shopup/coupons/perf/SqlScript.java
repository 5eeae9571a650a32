package io.shopup.coupons.perf;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;

/**
 * Runs a script of {@code seed-sql/} against the service's database: {@code DB_URL} (with
 * {@code DB_USER}, {@code DB_PASSWORD}) or the development launcher's embedded PostgreSQL on
 * {@code localhost:15432}. A line {@code -- step: text} starts a step, timed and printed. A step
 * whose text starts with {@code csv} is a query copied to the file named by the second argument.
 * Steps between {@code -- together:} and {@code -- end together} run at the same time, each on a
 * connection of its own (each commits alone: independent inserts, such as two halves of a table).
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
        String user = env.getOrDefault("DB_USER", "postgres");
        String password = env.getOrDefault("DB_PASSWORD", "postgres");
        long total = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            for (List<Step> group : groups(Files.readString(script, StandardCharsets.UTF_8))) {
                if (group.size() == 1) {
                    Step step = group.get(0);
                    long started = System.nanoTime();
                    System.out.printf(Locale.ROOT, "%-90s", step.name());
                    System.out.flush();
                    String done = run(c, step, args);
                    System.out.printf(Locale.ROOT, "%s%6.2f s%n", done, (System.nanoTime() - started) / 1e9);
                } else {
                    together(group, () -> DriverManager.getConnection(url, user, password), args);
                }
            }
        }
        System.out.printf(Locale.ROOT, "done in %.2f s%n", (System.nanoTime() - total) / 1e9);
    }

    private interface Connections {
        Connection open() throws SQLException;
    }

    private static void together(List<Step> group, Connections connections, String[] args) throws Exception {
        long started = System.nanoTime();
        System.out.printf(Locale.ROOT, "%d steps at once:%n", group.size());
        ExecutorService threads = Executors.newFixedThreadPool(group.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Step step : group) {
                running.add(threads.submit(() -> {
                    long own = System.nanoTime();
                    try (Connection c = connections.open()) {
                        String done = run(c, step, args);
                        synchronized (System.out) {
                            System.out.printf(Locale.ROOT, "  %-88s%s%6.2f s%n", step.name(), done,
                                    (System.nanoTime() - own) / 1e9);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> step : running) {
                step.get();
            }
        } finally {
            threads.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "%-90s%6.2f s%n", "  together", (System.nanoTime() - started) / 1e9);
    }

    /** Runs one step; returns what it has to say before its time. */
    private static String run(Connection c, Step step, String[] args) throws Exception {
        if (!step.name().startsWith("csv")) {
            try (Statement statement = c.createStatement()) {
                statement.execute(step.sql());
            }
            return "";
        }
        Path csv = Path.of(args[1]).toAbsolutePath();
        // A fresh clone has no folder for the data: make it rather than fail.
        Files.createDirectories(csv.getParent());
        try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            long rows = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY (" + step.sql().strip().replaceAll(";\\s*$", "")
                            + ") TO STDOUT (FORMAT csv, HEADER)", out);
            return String.format(Locale.ROOT, "%,d rows to %s ", rows, args[1]);
        }
    }

    record Step(String name, String sql) {
    }

    /** The script's steps in the order they run: a group of one alone, a larger group at once. */
    static List<List<Step>> groups(String script) {
        List<List<Step>> groups = new ArrayList<>();
        List<Step> together = null;
        String name = null;
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            boolean starts = line.startsWith("-- together:");
            boolean ends = line.startsWith("-- end together");
            if (line.startsWith("-- step:") || starts || ends) {
                if (name != null) {
                    Step step = new Step(name, sql.toString());
                    if (together != null) {
                        together.add(step);
                    } else {
                        groups.add(List.of(step));
                    }
                }
                name = null;
                sql.setLength(0);
                if (starts) {
                    together = new ArrayList<>();
                } else if (ends) {
                    if (together == null) {
                        throw new IllegalArgumentException("'-- end together' without '-- together:'");
                    }
                    groups.add(together);
                    together = null;
                } else {
                    name = line.substring("-- step:".length()).strip();
                }
            } else if (name != null) {
                sql.append(line).append('\n');
            }
        }
        if (together != null) {
            throw new IllegalArgumentException("'-- together:' without '-- end together'");
        }
        if (name != null) {
            groups.add(List.of(new Step(name, sql.toString())));
        }
        return groups;
    }

    /** Every step, in the script's order. */
    static List<Step> steps(String script) {
        return groups(script).stream().flatMap(List::stream).toList();
    }
}
