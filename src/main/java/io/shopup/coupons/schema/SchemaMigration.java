package io.shopup.coupons.schema;

import io.shopup.coupons.platform.TimeoutConnections;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date before anything queries it: the web module serves only after
 * startup singletons have finished. Waits about two minutes for a database that is still
 * starting; after that the deployment fails, and the service must be started again. A migration
 * may run long on a large database (each connection waits up to an hour for an answer: the pool's 5 s read timeout is for requests).
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

    /** A migration that fills a table from millions of rows waits longer than 5 s for its answer. */
    static final int MIGRATION_NETWORK_TIMEOUT_MS = 3_600_000;

    public static final String DATA_SOURCE = "jdbc/coupons";

    @Resource(lookup = DATA_SOURCE)
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(new TimeoutConnections(dataSource, MIGRATION_NETWORK_TIMEOUT_MS, false))
                .locations("classpath:db/migration")
                .connectRetries(12)
                .connectRetriesInterval(10)
                .load()
                .migrate();
    }
}
