package io.shopup.coupons.validationlog.boundary;

import io.shopup.coupons.schema.SchemaMigration;
import io.shopup.coupons.validationlog.control.LogPartitions;
import io.shopup.coupons.validationlog.control.MinuteTotals;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps three months of partitions ready ahead and drops those past the retention, with the write
 * marks as old, at start and hourly; hourly, also counts the minutes of the busy hours that ended
 * without all their per-minute totals (not at start: it would hold back the readiness).
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class ValidationLogRetention {

    private static final Logger LOG = Logger.getLogger(ValidationLogRetention.class.getName());
    private static final int MONTHS_AHEAD = 3;
    /** Busy coupon-hours filled a run (each costs reading one coupon's rows of an hour); the rest wait an hour. */
    private static final int MOST_HOURS_FILLED = 2_000;

    @Resource(lookup = SchemaMigration.DATA_SOURCE)
    DataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "validationlog.retention-days", defaultValue = "90")
    int retentionDays;

    @PostConstruct
    void atStart() {
        maintain();
    }

    @Schedule(hour = "*", minute = "7", persistent = false)
    void hourly() {
        maintain();
        fillMinutes();
    }

    /** @return the busy hours whose minutes were counted */
    int fillMinutes() {
        try (Connection c = dataSource.getConnection()) {
            return MinuteTotals.fillEndedHours(c, clock.instant(), MOST_HOURS_FILLED);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Counting the minutes of busy hours failed; retried within the hour", e);
            return 0;
        }
    }

    /** @return the partitions dropped */
    public List<String> maintain() {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            int created = LogPartitions.createAhead(c, now, MONTHS_AHEAD);
            Instant cutoff = now.minus(Duration.ofDays(retentionDays));
            List<String> dropped = LogPartitions.dropBefore(c, cutoff);
            LogPartitions.forgetWritesBefore(c, cutoff);
            if (created > 0 || !dropped.isEmpty()) {
                LOG.info("Validation log partitions: created " + created + ", dropped " + dropped);
            }
            return dropped;
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Validation log partition maintenance failed; retried within the hour", e);
            return List.of();
        }
    }
}
