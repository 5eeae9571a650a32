package io.shopup.coupons.observability.control;

import java.util.logging.Logger;

/** Finds the reader of the pool behind {@code jdbc/coupons} for the server the WAR runs on. */
public final class ServerPools {

    /** The pool's name in {@code src/main/payara/post-boot-commands.asadmin}. */
    static final String PAYARA_POOL = "coupons-pool";

    private static final Logger LOG = Logger.getLogger(ServerPools.class.getName());

    private ServerPools() {
    }

    public static ServerPool find() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return PayaraPool.of(PAYARA_POOL, loader).orElseGet(() -> {
            LOG.info("This server's connection pool statistics are not readable: the pool gauges show no value");
            return ServerPool.UNKNOWN;
        });
    }
}
