package io.shopup.coupons.observability.control;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Payara's pool read from its {@code PoolManager}, by reflection, so that the WAR has no compile
 * dependency on Payara's internals and still deploys on another server.
 */
final class PayaraPool implements ServerPool {

    private final Object poolManager;
    private final Object poolInfo;
    private final Method getPool;

    private PayaraPool(Object poolManager, Object poolInfo, Method getPool) {
        this.poolManager = poolManager;
        this.poolInfo = poolInfo;
        this.getPool = getPool;
    }

    /** The named pool's reader, when this is Payara. */
    static Optional<ServerPool> of(String poolName, ClassLoader loader) {
        try {
            Class<?> globals = Class.forName("org.glassfish.internal.api.Globals", true, loader);
            Object locator = globals.getMethod("getDefaultHabitat").invoke(null);
            Class<?> managerType = Class.forName("com.sun.enterprise.resource.pool.PoolManager", true, loader);
            Object manager = locator.getClass().getMethod("getService", Class.class, java.lang.annotation.Annotation[].class)
                    .invoke(locator, managerType, new java.lang.annotation.Annotation[0]);
            Class<?> infoType = Class.forName("org.glassfish.resourcebase.resources.api.PoolInfo", true, loader);
            Object info = infoType.getConstructor(String.class).newInstance(poolName);
            return manager == null ? Optional.empty()
                    : Optional.of(new PayaraPool(manager, info, managerType.getMethod("getPool", infoType)));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public double inUse() {
        return read(pool -> invoke(invoke(pool, "getPoolStatus"), "getNumConnUsed"));
    }

    @Override
    public double waiting() {
        return read(pool -> invoke(pool, "getWaitQueueLength"));
    }

    @Override
    public double max() {
        return read(pool -> invoke(pool, "getMaxPoolSize"));
    }

    private interface Reading {
        Object of(Object pool) throws ReflectiveOperationException;
    }

    /**
     * Looked up at every reading (a map lookup in Payara, at each scrape): the pool exists only
     * after its first use, and Payara builds a new one when the pool is reconfigured.
     */
    private double read(Reading reading) {
        try {
            Object pool = getPool.invoke(poolManager, poolInfo);
            return pool == null ? Double.NaN : ((Number) reading.of(pool)).doubleValue();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static Object invoke(Object target, String method) throws ReflectiveOperationException {
        return target.getClass().getMethod(method).invoke(target);
    }
}
