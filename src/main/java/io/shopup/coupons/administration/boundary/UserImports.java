package io.shopup.coupons.administration.boundary;

import io.shopup.coupons.administration.control.BoundedLines;
import io.shopup.coupons.administration.control.UserImportWriter;
import io.shopup.coupons.administration.control.UserLines;
import io.shopup.coupons.administration.entity.ImportReport;
import io.shopup.coupons.platform.TimeoutConnections;
import io.shopup.coupons.problems.DatabaseFaults;
import io.shopup.coupons.problems.DatabaseUnavailableException;
import io.shopup.coupons.schema.SchemaMigration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs user imports, one at a time on each instance: an import holds a connection and a
 * transaction while its body streams in, and the pool's other connections belong to checkouts.
 */
@ApplicationScoped
public class UserImports {

    /** A line of an import is one user: a generous bound on an id, an email and JSON around them. */
    static final int MAX_LINE_BYTES = 2048;

    @Resource(lookup = SchemaMigration.DATA_SOURCE)
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "users.import-timeout-ms", defaultValue = "300000")
    long timeoutMs;

    private final Semaphore running = new Semaphore(1);
    private DataSource connections;

    @PostConstruct
    void start() {
        // The upsert of a million users outlasts the pool's socket timeout: the import's own, a little longer than its statements may take.
        connections = new TimeoutConnections(dataSource, (int) Math.min(Integer.MAX_VALUE, timeoutMs + 10_000), true);
    }

    /** The import's report, or null when another import is running here. */
    public ImportReport run(InputStream body, UserLines.Format format) throws IOException {
        if (!running.tryAcquire()) {
            return null;
        }
        try (Connection connection = connections.getConnection()) {
            return UserImportWriter.run(connection, new BoundedLines(body, MAX_LINE_BYTES), format, timeoutMs);
        } catch (SQLException e) {
            if (DatabaseFaults.isUnavailable(e)) {
                throw new DatabaseUnavailableException(e);
            }
            throw new IllegalStateException("the user import failed", e);
        } finally {
            running.release();
        }
    }
}
