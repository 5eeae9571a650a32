package io.shopup.coupons.observability.control;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Payara's pool read from its {@code PoolManager}, by reflection, so that the WAR has no compile
 * dependency on Payara's internals and still deploys on another server. The pool itself is created
 * on its first use, so it is looked up again until it exists.
 */
final class PayaraPool implements ServerPool {

    private final Object poolManager;
    private final Object poolInfo;
    private final Method getPool;
    private volatile Object pool;
    // Written before the volatile pool field, read after it.
    private Method status;
    private Method used;
    private Method waitQueue;
    private Method maxSize;

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
        return read(current -> used.invoke(status.invoke(current)));
    }

    @Override
    public double waiting() {
        return read(current -> waitQueue.invoke(current));
    }

    @Override
    public double max() {
        return read(current -> maxSize.invoke(current));
    }

    private interface Reading {
        Object of(Object pool) throws ReflectiveOperationException;
    }

    /** The methods are known only once the pool exists, so they are read after {@link #pool()}. */
    private double read(Reading reading) {
        Object current = pool();
        try {
            return current == null ? Double.NaN : ((Number) reading.of(current)).doubleValue();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private Object pool() {
        if (pool == null) {
            synchronized (this) {
                if (pool == null) {
                    try {
                        Object found = getPool.invoke(poolManager, poolInfo);
                        if (found != null) {
                            status = found.getClass().getMethod("getPoolStatus");
                            used = status.getReturnType().getMethod("getNumConnUsed");
                            waitQueue = found.getClass().getMethod("getWaitQueueLength");
                            maxSize = found.getClass().getMethod("getMaxPoolSize");
                            pool = found;
                        }
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return null;
                    }
                }
            }
        }
        return pool;
    }
}
