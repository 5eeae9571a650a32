package io.shopup.coupons.access.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** Every 30 s: forgets passed guessing windows and deletes shared buckets that are full again. */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AbuseTidying {

    private static final Logger LOG = Logger.getLogger(AbuseTidying.class.getName());
    static final long INTERVAL_MS = 30_000;

    @Inject
    GuessGuard guesses;

    @Resource
    TimerService timers;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(INTERVAL_MS, INTERVAL_MS, new TimerConfig("abuse-tidying", false));
    }

    @Timeout
    void tick() {
        try {
            guesses.tidy();
        } catch (RuntimeException e) {
            LOG.fine("Tidying the guessing limits failed; the next run tries again: " + e);
        }
    }
}
