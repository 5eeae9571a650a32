package io.shopup.coupons.validationlog.boundary;

import io.shopup.coupons.problems.DatabaseFaults;
import io.shopup.coupons.problems.DatabaseUnavailableException;
import io.shopup.coupons.validationlog.control.LogCursor;
import io.shopup.coupons.validationlog.control.LogQueries;
import io.shopup.coupons.validationlog.control.ReportGate;
import io.shopup.coupons.validationlog.control.StatsQuery;
import io.shopup.coupons.validationlog.entity.CouponStats;
import io.shopup.coupons.validationlog.entity.LogEntry;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Analytics and audit reads of the validation log; read-only, so without a JTA transaction. At
 * most {@code reports.max-concurrent} run at once (see {@link ReportGate}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ValidationLogReports {

    @PersistenceContext(unitName = "coupons")
    EntityManager em;

    @Inject
    ReportGate gate;

    public CouponStats stats(String code, Instant from, Instant to) {
        return gate.run(() -> reading(() -> StatsQuery.stats(em, code, from, to)));
    }

    public List<LogEntry> list(LogQueries.LogFilter filter, LogCursor before, int limit) {
        return gate.run(() -> reading(() -> LogQueries.list(em, filter, before, limit)));
    }

    private static <T> T reading(Supplier<T> query) {
        try {
            return query.get();
        } catch (RuntimeException e) {
            if (DatabaseFaults.isUnavailable(e)) {
                throw new DatabaseUnavailableException(e);
            }
            throw e;
        }
    }
}
