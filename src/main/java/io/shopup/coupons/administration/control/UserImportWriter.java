package io.shopup.coupons.administration.control;

import io.shopup.coupons.administration.entity.ImportReport;
import io.shopup.coupons.platform.CopyCsv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A user import in one transaction: the good lines stream through {@code COPY} into a temporary
 * table as they are read, then one statement upserts them. A failure anywhere (the database, the
 * client gone mid-body) rolls everything back: an import is applied whole or not at all. An id
 * given twice keeps its last line. An existing user's email is replaced; a user whose email is
 * unchanged is not written (and not counted as updated).
 */
public final class UserImportWriter {

    static final int FIRST_REJECTED = 10;
    static final int COPY_CHUNK = 64 * 1024;

    static final String STAGING = """
            CREATE TEMPORARY TABLE users_import (line BIGINT NOT NULL, id TEXT NOT NULL, email TEXT) ON COMMIT DROP
            """;

    static final String COPY = "COPY users_import (line, id, email) FROM STDIN (FORMAT csv)";

    static final String UPSERT = """
            WITH latest AS (SELECT DISTINCT ON (id) id, email FROM users_import ORDER BY id, line DESC),
                 written AS (INSERT INTO users (id, email) SELECT id, email FROM latest
                             ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email
                              WHERE users.email IS DISTINCT FROM EXCLUDED.email
                             RETURNING (xmax = 0) AS inserted)
            SELECT count(*) FILTER (WHERE inserted) AS created, count(*) FILTER (WHERE NOT inserted) AS updated
              FROM written
            """;

    private UserImportWriter() {
    }

    /**
     * @param connection a connection of its own: this runs and ends its own transaction
     * @param timeoutMs  the longest the import's statements may take together
     */
    public static ImportReport run(Connection connection, BoundedLines lines, UserLines.Format format, long timeoutMs)
            throws SQLException, IOException {
        connection.setAutoCommit(false);
        CopyIn copy = null;
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("SET LOCAL statement_timeout = " + Math.max(1, timeoutMs));
                s.execute(STAGING);
            }
            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
            Counted counted = stream(lines, format, copy);
            copy.endCopy();
            copy = null;
            ImportReport report;
            try (Statement s = connection.createStatement(); ResultSet counts = s.executeQuery(UPSERT)) {
                counts.next();
                report = new ImportReport(counted.received, counts.getLong("created"), counts.getLong("updated"),
                        counted.rejected, counted.first);
            }
            connection.commit();
            return report;
        } catch (SQLException | IOException | RuntimeException e) {
            if (copy != null && copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException ignored) {
                    // the rollback below ends it, or the connection is gone
                }
            }
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // a broken connection: the pool drops it
            }
        }
    }

    private static final class Counted {
        long received;
        long rejected;
        final List<ImportReport.RejectedLine> first = new ArrayList<>();
    }

    private static Counted stream(BoundedLines lines, UserLines.Format format, CopyIn copy)
            throws IOException, SQLException {
        Counted counted = new Counted();
        StringBuilder csv = new StringBuilder(COPY_CHUNK + 1024);
        for (BoundedLines.Line line = lines.next(); line != null; line = lines.next()) {
            if (line.text() != null && line.text().isBlank()) {
                continue;
            }
            if (line.number() == 1 && format == UserLines.Format.CSV && line.text() != null
                    && UserLines.isHeader(line.text())) {
                continue;
            }
            counted.received++;
            UserLines.Parsed parsed = line.text() == null ? UserLines.Parsed.refused(line.problem())
                    : UserLines.parse(format, line.text());
            if (parsed.problem() != null) {
                counted.rejected++;
                if (counted.first.size() < FIRST_REJECTED) {
                    counted.first.add(new ImportReport.RejectedLine(line.number(), "line " + line.number() + " "
                            + parsed.problem()));
                }
                continue;
            }
            csv.append(line.number()).append(',');
            CopyCsv.text(csv, parsed.id()).append(',');
            CopyCsv.text(csv, parsed.email()).append('\n');
            if (csv.length() >= COPY_CHUNK) {
                write(copy, csv);
            }
        }
        write(copy, csv);
        return counted;
    }

    private static void write(CopyIn copy, StringBuilder csv) throws SQLException {
        if (csv.length() > 0) {
            byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            csv.setLength(0);
        }
    }
}
