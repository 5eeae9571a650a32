package io.shopup.coupons.validationlog.control;

import io.shopup.coupons.problems.ReportsBusyException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds how many report requests run at once. Validation needs few HTTP threads since it never
 * waits for the database; a report does, up to the statement timeout when the database is slow.
 * Without a bound, a burst of slow reports could hold every thread while checkouts wait.
 */
@ApplicationScoped
public class ReportGate {

    @Inject
    @ConfigProperty(name = "reports.max-concurrent", defaultValue = "2")
    int maxConcurrent;

    private Semaphore permits;

    @PostConstruct
    void open() {
        permits = new Semaphore(Math.max(1, maxConcurrent));
    }

    /** Runs the report, or refuses it at once when the bound is reached. */
    public <T> T run(Supplier<T> report) {
        if (!permits.tryAcquire()) {
            throw new ReportsBusyException();
        }
        try {
            return report.get();
        } finally {
            permits.release();
        }
    }
}
