package io.shopup.coupons.perf;

import io.shopup.coupons.validationlog.control.LogTable;
import io.shopup.coupons.validationlog.entity.LogRecord;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How many rows per second the validation log's writer puts into a {@code validation_logs} that
 * already holds millions of rows: JDBC batches against COPY (what the service uses).
 * Starts its own embedded PostgreSQL 17, so it measures nothing else.
 *
 * <p>{@code mvn -q -DskipTests test-compile exec:java -Dexec.mainClass=io.shopup.coupons.perf.LogWriterBenchmark
 * -Dexec.args="3000000 500000 100"} (rows already there, rows to write, batch size).
 */
public final class LogWriterBenchmark {

    private LogWriterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int existing = args.length > 0 ? Integer.parseInt(args[0]) : 3_000_000;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Path data = Files.createTempDirectory("log-writer-benchmark");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true)
                .start()) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true");
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            prefill(dataSource, existing);

            List<LogRecord> records = records(rows);
            double jdbc = rowsPerSecond(() -> writeWithJdbc(dataSource, records, batch), rows);
            double copy = rowsPerSecond(() -> writeWithCopy(dataSource, records, batch), rows);
            System.out.printf(Locale.ROOT, "existing rows %,d; wrote %,d rows in batches of %d%n", existing, rows, batch);
            System.out.printf(Locale.ROOT, "JDBC batch (reWriteBatchedInserts): %,.0f rows/s%n", jdbc);
            System.out.printf(Locale.ROOT, "COPY:                               %,.0f rows/s%n", copy);
        }
    }

    private static void prefill(DataSource dataSource, int existing) throws Exception {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             PreparedStatement fill = c.prepareStatement("""
                    INSERT INTO validation_logs (coupon_code, user_id, order_value, is_valid, validation_reason,
                                                 discount_applied, final_amount, response_time_ms, validated_at)
                    SELECT 'CODE-' || (g % 5000), 'user_' || lpad((g % 1000000)::text, 7, '0'), 100.00, g % 3 <> 0,
                           CASE WHEN g % 3 = 0 THEN 'COUPON_EXPIRED' ELSE 'VALID' END, 5.00, 95.00, 1.5,
                           date_trunc('month', now()) + (g % 2000000) * interval '1 second'
                      FROM generate_series(1, ?) g""")) {
            fill.setInt(1, existing);
            fill.execute();
            s.execute("VACUUM ANALYZE validation_logs");
        }
        System.out.printf(Locale.ROOT, "prefilled %,d rows in %.1f s%n", existing, (System.nanoTime() - started) / 1e9);
    }

    private static List<LogRecord> records(int rows) {
        List<LogRecord> records = new ArrayList<>(rows);
        Instant now = Instant.now();
        for (int i = 0; i < rows; i++) {
            records.add(new LogRecord("CODE-" + (i % 5000), String.format("user_%07d", i % 1_000_000), "order-" + i,
                    new BigDecimal("120.00"), i % 3 != 0, i % 3 == 0 ? "COUPON_EXPIRED" : "VALID",
                    new BigDecimal("12.00"), new BigDecimal("108.00"), "127.0.0.1", "benchmark/1.0",
                    new BigDecimal("1.234"), now.plusNanos(i * 1000L), i % 7 == 0 ? null : (long) (i % 5000)));
        }
        return records;
    }

    private interface Run {
        void run() throws Exception;
    }

    private static double rowsPerSecond(Run run, int rows) throws Exception {
        long started = System.nanoTime();
        run.run();
        return rows / ((System.nanoTime() - started) / 1e9);
    }

    private static void writeWithJdbc(DataSource dataSource, List<LogRecord> records, int batch) throws Exception {
        LogTable table = new LogTable(dataSource);
        for (int from = 0; from < records.size(); from += batch) {
            table.writeWithBatches(UUID.randomUUID().toString(),
                    records.subList(from, Math.min(records.size(), from + batch)));
        }
    }

    private static void writeWithCopy(DataSource dataSource, List<LogRecord> records, int batch) throws Exception {
        LogTable table = new LogTable(dataSource);
        for (int from = 0; from < records.size(); from += batch) {
            table.write(UUID.randomUUID().toString(), records.subList(from, Math.min(records.size(), from + batch)),
                    List.of());
        }
    }
}
