package io.shopup.coupons.schema;

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
 * may run long on a large database (see {@link MigrationConnections}).
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

    public static final String DATA_SOURCE = "jdbc/coupons";

    @Resource(lookup = DATA_SOURCE)
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(new MigrationConnections(dataSource))
                .locations("classpath:db/migration")
                .connectRetries(12)
                .connectRetriesInterval(10)
                .load()
                .migrate();
    }
}
