package io.shopup.coupons.access.boundary;

import io.shopup.coupons.access.control.ApiKeyRing;
import io.shopup.coupons.access.control.ApiKeySecrets;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the {@link ApiKeyRing} equal to the key table: stores the keys given in
 * {@code COUPONS_API_KEYS} at start, then reads the (small) table again every
 * {@code API_KEYS_REFRESH_MS}, so that a key created or revoked on any instance works or stops
 * working on every instance within that time plus one query. While the database cannot be read,
 * the last keys read stay in force.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ApiKeyRefresh {

    private static final Logger LOG = Logger.getLogger(ApiKeyRefresh.class.getName());

    @Inject
    @ConfigProperty(name = "coupons.api-keys")
    Optional<String> givenKeys;

    @Inject
    @ConfigProperty(name = "api-keys.refresh-ms", defaultValue = "250")
    long refreshMs;

    @EJB
    ApiKeys keys;

    @Inject
    ApiKeyRing ring;

    @Resource
    TimerService timers;

    private final AtomicBoolean running = new AtomicBoolean();
    private List<ApiKeySecrets.Given> toStore = List.of();
    private volatile boolean failing;

    @PostConstruct
    void start() {
        List<String> problems = new ArrayList<>();
        toStore = ApiKeySecrets.parse(givenKeys.orElse(""), problems);
        for (String problem : problems) {
            LOG.severe("COUPONS_API_KEYS: " + problem + "; that key is not accepted");
        }
        refresh();
        timers.createIntervalTimer(refreshMs, refreshMs, new TimerConfig("api-key-refresh", false));
    }

    @Timeout
    void tick() {
        if (running.compareAndSet(false, true)) {
            try {
                refresh();
            } finally {
                running.set(false);
            }
        }
    }

    private void refresh() {
        try {
            if (!toStore.isEmpty()) {
                keys.bootstrap(toStore);
                LOG.info("Stored " + toStore.size() + " API key(s) given in COUPONS_API_KEYS (names: "
                        + toStore.stream().map(ApiKeySecrets.Given::name).toList() + ")");
                toStore = List.of();
            }
            ring.replace(keys.all());
            if (failing) {
                LOG.info("API keys are read from the database again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "Reading the API keys failed; the last keys read stay in force: " + e);
                failing = true;
            }
        }
    }
}
