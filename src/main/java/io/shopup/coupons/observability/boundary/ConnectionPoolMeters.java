package io.shopup.coupons.observability.boundary;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopup.coupons.observability.control.ServerPool;
import io.shopup.coupons.observability.control.ServerPools;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.function.ToDoubleFunction;

/**
 * {@code coupons_db_connections_in_use}, {@code _waiting} and {@code _max}: the server pool's own
 * statistics, read when Prometheus scrapes. Waiting threads above zero mean checkouts queue for
 * the database; in use at max for long means the pool, not the database, is the limit.
 */
@ApplicationScoped
public class ConnectionPoolMeters {

    void register(@Observes @Initialized(ApplicationScoped.class) Object started, MeterRegistry registry) {
        ServerPool pool = ServerPools.find();
        gauge(registry, "coupons.db.connections.in.use", "Connections lent out by the pool", pool, ServerPool::inUse);
        gauge(registry, "coupons.db.connections.waiting", "Threads waiting for a connection", pool, ServerPool::waiting);
        gauge(registry, "coupons.db.connections.max", "The most connections the pool opens", pool, ServerPool::max);
    }

    private static void gauge(MeterRegistry registry, String name, String description, ServerPool pool,
            ToDoubleFunction<ServerPool> value) {
        Gauge.builder(name, pool, value).description(description).strongReference(true).register(registry);
    }
}
