package io.shopup.coupons.perf;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/** Prints the number of rows in {@code validation_logs} of the service's database (as {@link SqlScript} finds it). */
public final class LogRows {

    private LogRows() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        String url = env.getOrDefault("DB_URL", "jdbc:postgresql://localhost:"
                + env.getOrDefault("EMBEDDED_DB_PORT", "15432") + "/postgres");
        try (Connection c = DriverManager.getConnection(url, env.getOrDefault("DB_USER", "postgres"),
                env.getOrDefault("DB_PASSWORD", "postgres"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM validation_logs")) {
            rs.next();
            System.out.println("rows=" + rs.getLong(1));
        }
    }
}
